/**
 * The shape of a consistency rule: one module per rule
 * (`pipeline/rules/checks/*.ts`), listed in `pipeline/rules/index.ts`, in the
 * manner of remark-lint's rules and presets.
 */

import type { LineIndex } from '../lib/line-index.js'
import type { ExtractedTable } from '../stages/extract-tables.js'
import type { DocumentRecord, Finding, GuidanceRoot, Result } from '../types.js'
import type { CheckId } from './rule-ids.js'

/** What a document rule reads: the document as the checks stage sees it. */
export interface CheckedDocument {
  tree: GuidanceRoot
  results: readonly Result[]
  tables: readonly ExtractedTable[]
  lineIndex: LineIndex
}

/** A rule on one document's numbers, run by the checks stage. */
export interface DocumentRule {
  id: CheckId
  scope: 'document'
  /**
   * @param document
   *   The document.
   * @returns
   *   Its findings (the rule's own `check`), in document order.
   */
  check(document: CheckedDocument): Finding[]
}

/** A finding across documents, placed in one document, its related places in another. */
export interface BatchFinding {
  /** The path of the document the finding is placed in. */
  path: string
  finding: Finding
  /** The path of the document of the related places. */
  relatedPath: string
}

/** A rule across the documents of one batch, run by `guidex check`. */
/** A record of a batch and the path of its input. */
export interface BatchDocument {
  path: string
  record: DocumentRecord
}

/** A consistency rule across the documents of a batch. */
export interface BatchRule {
  id: CheckId
  scope: 'batch'
  /**
   * @param documents
   *   The records of the batch, each with the path of its input (a record holds none).
   * @returns
   *   Findings.
   */
  check(documents: readonly BatchDocument[]): BatchFinding[]
}

/** A consistency rule. */
export type ConsistencyRule = DocumentRule | BatchRule

/**
 * A document rule that looks at each result alone.
 *
 * @param id
 *   The rule's check id.
 * @param check
 *   The findings about one result.
 * @returns
 *   The rule.
 */
export function resultRule(id: CheckId, check: (result: Result) => Finding[]): DocumentRule {
  return {
    id,
    scope: 'document',
    check: (document) => document.results.flatMap((result) => check(result)),
  }
}
