/**
 * Rule `estimate-outside-ci`: an estimate outside its own CI, beyond what
 * the rounding of the last written digit can explain (`RR=0.84, 95% CI 78 to
 * 86`), with a hint where the CI looks 100 times too large.
 */

import type { Result } from '../../types.js'
import { halfLastDigit } from '../numbers.js'
import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

/**
 * Whether a result's estimate is outside its CI (bounds in order), beyond
 * the rounding of its last digit.
 *
 * @param result
 *   A result with a value and a CI.
 * @returns
 *   Whether it is.
 */
export function isOutsideInterval(result: Result): boolean {
  const ci = result.ci
  if (!ci || result.value === null || ci.lower > ci.upper) return false
  // Rounding of the last written digit may put a value on a bound, not past it.
  const slack = halfLastDigit(result)
  return result.value < ci.lower - slack || result.value > ci.upper + slack
}

/** The rule. */
export const estimateOutsideInterval = resultRule(checkId.estimateOutsideInterval, (result) => {
  const ci = result.ci
  if (!ci || result.value === null || !isOutsideInterval(result)) return []
  const value = result.value
  const scaled = value * 100 >= ci.lower && value * 100 <= ci.upper
  return [
    {
      check: checkId.estimateOutsideInterval,
      severity: severities[checkId.estimateOutsideInterval].outside,
      message: `${result.measure ?? 'Estimate'} ${result.written} lies outside its CI ${ci.lowerWritten} to ${ci.upperWritten}${
        scaled ? `: the CI looks 100 times too large (${ci.lower / 100} to ${ci.upper / 100}?)` : ''
      }`,
      source: result.source,
    },
  ]
})
