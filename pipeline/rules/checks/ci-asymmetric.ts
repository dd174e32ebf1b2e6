/**
 * Rule `ci-asymmetric`: a ratio's CI lopsided on the log scale, beyond what
 * rounding allows (`RR 1.6, 95% CI 0.63 to 2.15`): unusual, not impossible.
 */

import { ratioMeasures } from '../../vocabulary/measures.js'
import { halfLastDigit } from '../numbers.js'
import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'
import { isOutsideInterval } from './estimate-outside-ci.js'

/**
 * How lopsided a ratio's CI may be on the log scale: the two arms (estimate
 * to each bound) may differ by up to this share of the longer one.
 */
const lopsidedShare = 0.5

/** The rule. */
export const asymmetricInterval = resultRule(checkId.asymmetricInterval, (result) => {
  const ci = result.ci
  const value = result.value
  if (!ci || value === null || ci.lower > ci.upper || isOutsideInterval(result)) return []
  if (!result.measure || !ratioMeasures.has(result.measure) || ci.lower <= 0 || value <= 0)
    return []
  const slack = halfLastDigit(result)
  const low = Math.log(value) - Math.log(ci.lower)
  const high = Math.log(ci.upper) - Math.log(value)
  // Allow for rounding: each figure may be off by half its last digit.
  const tolerance = slack / Math.min(value, ci.lower) + slack / value
  if (Math.abs(low - high) <= lopsidedShare * Math.max(low, high) + tolerance) return []
  return [
    {
      check: checkId.asymmetricInterval,
      severity: severities[checkId.asymmetricInterval].lopsided,
      message: `${result.measure} ${result.written} is far from the middle of its CI ${ci.lowerWritten} to ${ci.upperWritten} on the log scale`,
      source: result.source,
    },
  ]
})
