/**
 * The consistency rules guidex runs, in one registered list (a preset, as
 * remark-lint's): each rule a module of `pipeline/rules/checks/`, its id in
 * `rule-ids.ts`, its severities in `severities.ts`. The checks stage runs the
 * document rules; `guidex check` runs the batch rules over the records too.
 */

import { boundsOrder } from './checks/ci-bounds-order.js'
import { asymmetricInterval } from './checks/ci-asymmetric.js'
import { estimateOutsideInterval } from './checks/estimate-outside-ci.js'
import { eventsAboveTotal } from './checks/events-above-total.js'
import { evidenceVersusOverview } from './checks/evidence-vs-overview.js'
import { heterogeneityRange } from './checks/i2-range.js'
import { percentVersusFraction } from './checks/percent-vs-fraction.js'
import { pVersusInterval } from './checks/p-vs-ci.js'
import { statedSum } from './checks/stated-sum.js'
import { tableCount } from './checks/table-count.js'
import { textVersusTable } from './checks/text-vs-table.js'
import type { BatchDocument } from './rule.js'
import type { BatchFinding, BatchRule, ConsistencyRule, DocumentRule } from './rule.js'

/** Every consistency rule. */
export const consistencyRules: readonly ConsistencyRule[] = [
  percentVersusFraction,
  eventsAboveTotal,
  boundsOrder,
  estimateOutsideInterval,
  asymmetricInterval,
  pVersusInterval,
  heterogeneityRange,
  textVersusTable,
  statedSum,
  tableCount,
  evidenceVersusOverview,
]

/** The rules on one document (the checks stage runs them). */
export const documentRules: readonly DocumentRule[] = consistencyRules.filter(
  (rule): rule is DocumentRule => rule.scope === 'document',
)

/** The rules across the documents of a batch. */
export const batchRules: readonly BatchRule[] = consistencyRules.filter(
  (rule): rule is BatchRule => rule.scope === 'batch',
)

/**
 * Run the batch rules over the records of a batch.
 *
 * @param documents
 *   Records, with the paths of their inputs.
 * @returns
 *   Findings, each placed in one document.
 */
export function checkAcrossDocuments(documents: readonly BatchDocument[]): BatchFinding[] {
  return batchRules.flatMap((rule) => rule.check(documents))
}
