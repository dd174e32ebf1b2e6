/**
 * Rule `stated-sum`: `evidence from 10 sources … 4 systematic reviews, 3
 * case series, 1 randomised controlled trial and 2 case reports`: the parts
 * of an enumeration of evidence against the total stated beside it.
 */

import { evidenceLists } from '../../lib/evidence-counts.js'
import { type MappedText, rawRange } from '../../lib/mapped-text.js'
import type { Finding } from '../../types.js'
import { checkId } from '../rule-ids.js'
import type { DocumentRule } from '../rule.js'
import { severities } from '../severities.js'

/** `from 10 sources`, `includes 4 studies`: a stated total of evidence. */
const statedTotal =
  /\b(?:from|of|on|presents|includes?|included) (\d{1,3}) (?:sources|studies|key studies|papers)\b/

/** The rule. */
export const statedSum: DocumentRule = {
  id: checkId.statedSum,
  scope: 'document',
  check({ tree, lineIndex }) {
    const findings: Finding[] = []
    for (const block of tree.children) {
      if (block.type !== 'textBlock' || !block.plain) continue
      const text = block.plain.value
      const total = statedTotal.exec(text)
      if (!total) continue
      // The kinds of evidence listed, sentence by sentence (`lib/evidence-counts.ts`).
      const list = evidenceLists(text, 2)[0]
      if (!list) continue
      const parts = list.counts.map((count) => count.count)
      const sum = parts.reduce((a, b) => a + b, 0)
      const stated = Number(total[1])
      if (sum === stated) continue
      const place = (index: number, length: number) => {
        const { start, end } = rawRange(block.plain as MappedText, index, index + length)
        return lineIndex.source(start, end)
      }
      findings.push({
        check: checkId.statedSum,
        severity: severities[checkId.statedSum].partsDoNotAddUp,
        message: `${parts.join(' + ')} = ${sum} sources listed, not the ${stated} stated`,
        source: place(total.index, total[0].length),
        related: [place(list.start, list.end - list.start)],
      })
    }
    return findings
  },
}
