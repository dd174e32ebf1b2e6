/**
 * Rule `percent-vs-fraction`: a percentage against its numerator and
 * denominator (`15.6% (28/179)`). Exact to the written decimals is right; off
 * by the last digit's rounding or truncation is info; anything else cannot be
 * right.
 */

import { checkId } from '../rule-ids.js'
import { count, decimals } from '../numbers.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

const severity = severities[checkId.percentVersusFraction]

/** The rule. */
export const percentVersusFraction = resultRule(checkId.percentVersusFraction, (result) => {
  if (result.numerator === null || result.denominator === null || result.percent === null) return []
  // More events than people is `events-above-total`; no denominator, no percentage.
  if (result.numerator > result.denominator || result.denominator === 0) return []
  const places = decimals(result.written ?? String(result.percent))
  const exact = (result.numerator / result.denominator) * 100
  const step = 10 ** -places
  const rounded = Math.round(exact / step) * step
  if (Math.abs(rounded - result.percent) < step / 100) return []
  const truncated = Math.floor(exact / step) * step
  const raised = Math.ceil(exact / step) * step
  const shown = exact.toFixed(places + 1)
  if (
    Math.abs(truncated - result.percent) < step / 100 ||
    Math.abs(raised - result.percent) < step / 100
  ) {
    return [
      {
        check: checkId.percentVersusFraction,
        severity: severity.lastDigit,
        message: `${result.written}% is ${count(result.numerator)} of ${count(result.denominator)} (${shown}%) rounded ${
          Math.abs(truncated - result.percent) < step / 100 ? 'down' : 'up'
        }`,
        source: result.source,
      },
    ]
  }
  return [
    {
      check: checkId.percentVersusFraction,
      severity: severity.mismatch,
      message: `${result.written}% is not ${count(result.numerator)} of ${count(result.denominator)} (${rounded.toFixed(places)}%)`,
      source: result.source,
    },
  ]
})
