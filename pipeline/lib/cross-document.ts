/**
 * Checks across documents of one batch: a guidance and the overview behind
 * it (found by their titles) should count the same evidence the same way.
 */

import type { DocumentRecord, Finding, Paragraph, Section, Source } from '../types.js'
import { evidenceLists } from './evidence-counts.js'

/** A cross-document finding, with the document it is placed in. */
export interface CrossFinding {
  path: string
  finding: Finding
  /** The document of the related places. */
  relatedPath: string
}

/**
 * Compare the evidence counts of each guidance with those of its overview.
 *
 * @param documents
 *   Records of one batch, with the paths of their inputs.
 * @returns
 *   Findings, placed in the guidance, the overview's statement related.
 */
export function checkAcrossDocuments(
  documents: readonly { path: string; record: DocumentRecord }[],
): CrossFinding[] {
  const findings: CrossFinding[] = []
  const overviews = documents.filter(({ record }) => record.metadata.kind === 'procedure-overview')
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
        check: 'evidence-vs-overview',
        severity: 'warning',
        message: `${guidance.metadata.guidanceId ?? 'The guidance'} and its overview (${found.path}) count the evidence differently: ${described}`,
        source: ours.source,
        related: [theirs.source],
      },
    })
  }
  return findings
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

/**
 * Every paragraph of the sections, depth first, in document order.
 *
 * @param sections
 *   Sections of a record.
 * @returns
 *   Their paragraphs.
 */
export function flattenParagraphs(sections: readonly Section[]): Paragraph[] {
  return sections.flatMap((section) => [
    ...section.paragraphs,
    ...flattenParagraphs(section.sections),
  ])
}

/** Whether two titles name the same procedure (word overlap of 70% or more). */
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
  return shared / new Set([...left, ...right]).size >= 0.7
}
