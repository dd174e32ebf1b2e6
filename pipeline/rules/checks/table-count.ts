/**
 * Rule `table-count`: `presents 10 studies as the key evidence in table 2
 * and table 3, and lists 138 other relevant studies in appendix B, table 5,
 * including 20 case reports (table 5a)`: each count the document states about
 * its own tables against the rows found. Several tables named together
 * (`table 2 and table 3`) each hold the count; a table named by a prefix
 * (`table 5` for 5a and 5b) holds it in sum.
 */

import { clip } from '../../lib/clip.js'
import { rawRange, sliceMapped } from '../../lib/mapped-text.js'
import type { Finding } from '../../types.js'
import { checkId } from '../rule-ids.js'
import type { DocumentRule } from '../rule.js'
import { severities } from '../severities.js'

/** `10 studies`, `20 case reports`, `138 other relevant studies`: a count of evidence. */
const statedCount =
  /\b(\d{1,3}(?:,\d{3})*) (?:[\w-]+ ){0,5}?(?:studies|case reports|trials|papers|reviews|sources)\b/i

/** `table 2`, `tables 2 and 3`, `table 5a, 5b or table 6`: the tables named. */
const namedTables = /\btables? (\d{1,3}[a-z]?)((?:(?:,| and| or) (?:table )?\d{1,3}[a-z]?)*)/gi

/** The rule. */
export const tableCount: DocumentRule = {
  id: checkId.tableCount,
  scope: 'document',
  check({ tree, tables, lineIndex }) {
    const findings: Finding[] = []
    if (tables.length === 0) return findings
    // Tables by the ids a statement can name them by: its own (`5a`), and its
    // prefix (`5` names 5a and 5b). Looked up, not searched: a document can
    // have thousands of tables and of statements.
    const byName = new Map<string, (typeof tables)[number][]>()
    for (const table of tables) {
      const names = /^\d+[a-z]$/.test(table.id) ? [table.id, table.id.slice(0, -1)] : [table.id]
      for (const name of names) {
        const named = byName.get(name)
        if (named) named.push(table)
        else byName.set(name, [table])
      }
    }
    for (const block of tree.children) {
      if (block.type !== 'textBlock' || !block.plain || block.role === 'table-caption') continue
      const text = block.plain.value
      if (!/\btables? \d/i.test(text)) continue
      for (const clause of clauses(text)) {
        const count = statedCount.exec(clause.text)
        if (!count) continue
        const ids = [...clause.text.matchAll(namedTables)].flatMap((match) => [
          (match[1] as string).toLowerCase(),
          ...((match[2] ?? '').match(/\d{1,3}[a-z]?/gi) ?? []).map((id) => id.toLowerCase()),
        ])
        if (ids.length === 0) continue
        const stated = Number((count[1] as string).replaceAll(',', ''))
        const { start, end } = rawRange(
          sliceMapped(
            block.plain,
            clause.start + count.index,
            clause.start + count.index + count[0].length,
          ),
        )
        const place = lineIndex.source(start, end)
        const groups = ids.map((id) => ({ id, tables: byName.get(id) ?? [] }))
        for (const group of groups) {
          if (group.tables.length === 0) continue
          const found = group.tables.reduce((sum, table) => sum + table.rows.length, 0)
          if (found === stated) continue
          const where = group.tables
            .map((table) => `table ${table.id} (line ${table.source.line})`)
            .join(' and ')
          findings.push({
            check: checkId.tableCount,
            severity: severities[checkId.tableCount].rowsDiffer,
            message: `${clip(count[0])} stated, but ${where} ${group.tables.length === 1 ? 'has' : 'have'} ${found} rows`,
            source: place,
            related: group.tables.map((table) => table.source),
          })
        }
      }
    }
    return findings
  },
}

/** Split a text into clauses at sentence ends, `, and`, `, including`, `;`. */
function clauses(text: string): { text: string; start: number }[] {
  const result: { text: string; start: number }[] = []
  const separator = /,? (?:and|including|while|whereas) |; |(?<=\.) (?=\p{Lu})/gu
  let start = 0
  for (const match of text.matchAll(separator)) {
    // Keep `table 2 and table 3` together.
    if (/^,? and (?:\[)?table/i.test(text.slice(match.index))) continue
    result.push({ text: text.slice(start, match.index), start })
    start = match.index + match[0].length
  }
  result.push({ text: text.slice(start), start })
  return result
}
