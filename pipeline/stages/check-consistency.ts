/**
 * Stage `checkConsistency`: the document's own numbers checked against each
 * other by the consistency rules of `pipeline/rules/` (percentages against
 * their n/N, estimates against their CIs, p against the CI, I² and event
 * counts against their limits, the prose against the tables, stated sums and
 * table counts against what they count).
 *
 * Findings are about the document's numbers, not about reading it: they live
 * in the record and in `guidex check`, not among the file's messages.
 */

import type { VFile } from 'vfile'
import type { LineIndex } from '../lib/line-index.js'
import { documentRules } from '../rules/index.js'
import type { Finding, GuidanceRoot } from '../types.js'

declare module 'vfile' {
  interface DataMap {
    /** The findings of the consistency rules, in document order. */
    findings: Finding[]
  }
}

/**
 * Attach the checks stage.
 *
 * @returns
 *   Transformer.
 */
export function checkConsistency() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const document = {
      tree,
      results: file.data.results ?? [],
      tables: file.data.tables ?? [],
      lineIndex: file.data.lineIndex as LineIndex,
    }
    const findings = documentRules.flatMap((rule) => rule.check(document))
    findings.sort((a, b) => a.source.offset - b.source.offset || a.check.localeCompare(b.check))
    file.data.findings = findings
  }
}
