/**
 * Rule `events-above-total`: more events than people (`50% (12/8)`).
 */

import { count } from '../numbers.js'
import { checkId } from '../rule-ids.js'
import { resultRule } from '../rule.js'
import { severities } from '../severities.js'

/** The rule. */
export const eventsAboveTotal = resultRule(checkId.eventsAboveTotal, (result) => {
  if (result.numerator === null || result.denominator === null || result.percent === null) return []
  if (result.numerator <= result.denominator) return []
  return [
    {
      check: checkId.eventsAboveTotal,
      severity: severities[checkId.eventsAboveTotal].moreEventsThanPeople,
      message: `${count(result.numerator)} of ${count(result.denominator)} counts more events than people`,
      source: result.source,
    },
  ]
})
