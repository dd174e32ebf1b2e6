/**
 * A PDF's tables as the text reader sees them: the lines of each table
 * region the PDF reader found (`layout.tables`, from the rules a table draws
 * or from aligned text) are table lines, whether or not they hold a tab (a
 * table of one column, `Outcome` over its rows, has none), and each knows
 * the row it belongs to. The reader writes a row as many lines as its
 * tallest cell (`Admission to\tDo not routinely admit to hospital` then
 * `hospital\t`): the rows' offsets, not a guess from the text, say which
 * lines make one row.
 */

import type { LayoutTable, TextLayout } from '../../readers/reader.js'
import { lineAt } from './pdf-columns.js'
import type { WorkLine } from './work-line.js'

/**
 * Mark the lines of the layout's tables as table lines, each with its table
 * and whether it starts a row.
 *
 * @param lines
 *   Lines of the text layer (changed in place).
 * @param layout
 *   The layer's layout.
 */
export function markPdfTables(lines: readonly WorkLine[], layout: TextLayout): void {
  if (layout.tables.length === 0) return
  for (const line of lines) {
    if (line.kind === 'blank') continue
    const table = lineAt(layout, line.offset)?.table
    if (table === undefined) continue
    const region = layout.tables[table] as LayoutTable
    line.kind = 'table'
    line.tablePlace = {
      table,
      rowStart: region.rows.some((row) => row.start === line.offset),
    }
  }
}
