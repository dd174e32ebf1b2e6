/**
 * Rule `i2-range`: an I² outside 0% to 100%.
 */

import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

/** The rule. */
export const heterogeneityRange = resultRule(checkId.heterogeneityRange, (result) => {
  const heterogeneity = result.heterogeneity
  if (!heterogeneity || (heterogeneity.iSquared >= 0 && heterogeneity.iSquared <= 100)) return []
  return [
    {
      check: checkId.heterogeneityRange,
      severity: severities[checkId.heterogeneityRange].outOfRange,
      message: `I² of ${heterogeneity.written.replace(/^.*?(\d)/, '$1')} is outside 0% to 100%`,
      source: result.source,
    },
  ]
})
