/**
 * Rule `ci-bounds-order`: a CI whose lower bound is above its upper
 * (`95% CI 0.90 to 0.78`).
 */

import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

/** The rule. */
export const boundsOrder = resultRule(checkId.boundsOrder, (result) => {
  const ci = result.ci
  if (!ci || result.value === null || ci.lower <= ci.upper) return []
  return [
    {
      check: checkId.boundsOrder,
      severity: severities[checkId.boundsOrder].lowerAboveUpper,
      message: `CI ${ci.lowerWritten} to ${ci.upperWritten} has its lower bound above its upper`,
      source: result.source,
    },
  ]
})
