/**
 * Rule `evidence-vs-overview` (across the documents of a batch, in `guidex
 * check`): a guidance and the overview behind it (found by their titles)
 * should count the same evidence the same way.
 */

import { evidenceLists } from '../../lib/evidence-counts.js'
import { flattenParagraphs } from '../../lib/paragraphs.js'
import type { DocumentRecord, Source } from '../../types.js'
import { checkId } from '../rule-ids.js'
import type { BatchFinding, BatchRule } from '../rule.js'
import { severities } from '../severities.js'

/** Share of title words two titles must have in common to name the same procedure. */
const sameProcedureOverlap = 0.7

/** The rule. */
export const evidenceVersusOverview: BatchRule = {
  id: checkId.evidenceVersusOverview,
  scope: 'batch',
  check(documents) {
    const findings: BatchFinding[] = []
    const overviews = documents.filter(
      ({ record }) => record.metadata.kind === 'procedure-overview',
    )
    for (const { path, record: guidance } of documents.filter(
      ({ record }) => record.metadata.kind === 'guidance',
    )) {
      const found = overviews.find((candidate) =>
        similarTitles(guidance.metadata.title, candidate.record.metadata.title),
      )
      if (!found) continue
      const overview = found.record
      const ours = evidenceStatement(guidance)
      const theirs = evidenceStatement(overview)
      if (!ours || !theirs) continue
      const types = [...new Set([...ours.counts.keys(), ...theirs.counts.keys()])]
      const differences = types.filter(
        (type) => (ours.counts.get(type) ?? 0) !== (theirs.counts.get(type) ?? 0),
      )
      if (differences.length === 0) continue
      const described = differences
        .map(
          (type) =>
            `${type}: ${ours.counts.get(type) ?? 0} in the guidance, ${theirs.counts.get(type) ?? 0} in the overview`,
        )
        .join('; ')
      findings.push({
        path,
        relatedPath: found.path,
        finding: {
          check: checkId.evidenceVersusOverview,
          severity: severities[checkId.evidenceVersusOverview].countedDifferently,
          message: `${guidance.metadata.guidanceId ?? 'The guidance'} and its overview (${found.path}) count the evidence differently: ${described}`,
          source: ours.source,
          related: [theirs.source],
        },
      })
    }
    return findings
  },
}

/** The first paragraph listing at least three kinds of evidence, and its counts. */
function evidenceStatement(
  record: DocumentRecord,
): { counts: Map<string, number>; source: Source } | undefined {
  for (const paragraph of [...record.preamble, ...flattenParagraphs(record.sections)]) {
    // The sentence that lists the evidence, not the paragraph around it.
    const [list] = evidenceLists(paragraph.text, 3)
    if (!list) continue
    const map = new Map<string, number>()
    for (const count of list.counts) if (!map.has(count.type)) map.set(count.type, count.count)
    return { counts: map, source: paragraph.source }
  }
  return undefined
}

/** Whether two titles name the same procedure (their words overlap enough). */
function similarTitles(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  const words = (title: string) =>
    new Set(
      title
        .toLowerCase()
        .replace(/^interventional procedures? overview of /, '')
        .split(/[^a-z0-9-]+/)
        .filter((word) => word.length > 2),
    )
  const left = words(a)
  const right = words(b)
  const shared = [...left].filter((word) => right.has(word)).length
  return shared / new Set([...left, ...right]).size >= sameProcedureOverlap
}
