/**
 * Stage `extractTables`: tables by their captions (`Table 2 Study details`)
 * and tab-separated rows (split at tabs, quotes taken literally), merged
 * across pages into one record per row.
 *
 * - a header row repeated at the top of each page, and rule lines (`--`), are dropped;
 * - a row a page break cut in two is joined into the row it continues, cell
 *   by cell; a continuation is known by the table's own key: an empty first
 *   cell, a study number that does not follow, a citation fragment without
 *   its authors;
 * - every decision is kept, with its evidence, on the row (`merges`);
 * - cells are read out of their HTML and LaTeX-ish markup into blocks and
 *   plain text;
 * - typed rows where the shape is known; Table 1 (abbreviations) becomes the
 *   glossary.
 *
 * The counts the document states about its own tables are checked by the
 * rule `table-count` (`pipeline/rules/checks/table-count.ts`).
 */

import type { VFile } from 'vfile'
import { type Cell, plainCell, readCell } from '../lib/cell-markup.js'
import { clip } from '../lib/clip.js'
import type { LineIndex } from '../lib/line-index.js'
import { messageRule } from '../rules/rule-ids.js'
import { joinMapped, type MappedText, rawRange, sliceMapped } from '../lib/mapped-text.js'
import { tableCaption } from '../lib/text-patterns.js'
import {
  type RowKey,
  rowKey,
  startsWithAuthors,
  tableShape,
  typedRow,
} from '../lib/table-shapes.js'
import type {
  GlossaryEntry,
  GuidanceRoot,
  Source,
  Table,
  TableBlock,
  TableMerge,
  TableRow,
  TextBlock,
} from '../types.js'

/** A row of a table as the stages read it: its cells mapped to the raw file. */
export type ExtractedRow = Omit<TableRow, 'cells'> & { cells: Cell[] }

/** A table as the stages read it (`recordTable` makes the record's form). */
export type ExtractedTable = Omit<Table, 'rows'> & { rows: ExtractedRow[] }

declare module 'vfile' {
  interface DataMap {
    /** The document's tables, their cells mapped to the raw file. */
    tables: ExtractedTable[]
    /** The abbreviations table as a glossary. */
    glossary: GlossaryEntry[]
  }
}

/**
 * The record's form of a table: its cells as plain strings.
 *
 * @param table
 *   A table as read.
 * @returns
 *   The table of `document.json`.
 */
export function recordTable(table: ExtractedTable): Table {
  return { ...table, rows: table.rows.map((row) => ({ ...row, cells: row.cells.map(plainCell) })) }
}

/** One physical line of a table, split into cells. */
interface TableLine {
  line: MappedText
  cells: MappedText[]
}

/**
 * One row as the page shows it: its lines (one for a tab-separated line, a
 * PDF row's every line), and where it stands.
 */
interface PageRow {
  lines: TableLine[]
  /** Index of its table block (a page of the table). */
  block: number
  /** Whether the layout drew it as one row (a PDF's, `-layout`'s): it is a record unless it opens a page. */
  drawn: boolean
}

/** A record being built: its lines and the decisions that joined them. */
interface RowBuild {
  lines: TableLine[]
  merges: TableMerge[]
}

/**
 * Attach the table stage.
 *
 * @returns
 *   Transformer.
 */
export function extractTables() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const lineIndex = file.data.lineIndex as LineIndex
    const tables: ExtractedTable[] = []
    let caption: TextBlock | undefined
    let blocks: TableBlock[] = []

    const finish = () => {
      if (blocks.length > 0) {
        tables.push(buildTable(blocks, caption, tables.length, lineIndex, file))
        caption = undefined
      }
      blocks = []
    }

    for (const block of tree.children) {
      if (block.type === 'tableBlock') {
        blocks.push(block)
        continue
      }
      if (block.type !== 'textBlock') continue
      // `classifyBlocks` knows which captions head a table.
      if (block.role === 'table-caption') {
        finish()
        caption = block
        continue
      }
      // Running headers are gone, so pages of one table stand side by side;
      // any other text ends the table.
      if (blocks.length > 0) finish()
      if (block.role === 'heading' || block.role === 'numbered-heading') caption = undefined
    }
    finish()

    file.data.tables = tables
    file.data.glossary = glossaryOf(tables)
  }
}

/**
 * Build one table from its blocks (one per page) and caption.
 */
function buildTable(
  blocks: readonly TableBlock[],
  caption: TextBlock | undefined,
  position: number,
  lineIndex: LineIndex,
  file: VFile,
): ExtractedTable {
  const captionText = caption?.plain?.value.trim() ?? ''
  const captionMatch = tableCaption.exec(captionText)
  const id = captionMatch ? (captionMatch[1] as string).toLowerCase() : `unnamed-${position + 1}`
  const pageRows = blocks.flatMap((block, index) => rowsOf(block, index))
  const header = pageRows[0] as PageRow
  const headerCells = rowCells(header)
  const columns = headerCells.map((cell) => readCell(cell).text.value)
  const headerRawKey = comparableRow(headerCells.map((cell) => cell.value))
  const shape = tableShape(columns)

  const rows: RowBuild[] = []
  const dropped: Table['droppedLines'] = []
  let key: RowKey | undefined
  let lastNumber: number | undefined
  let lastBlock = header.block

  for (const pageRow of pageRows.slice(1)) {
    const firstLine = pageRow.lines[0] as TableLine
    const source = sourceOfRow(lineIndex, pageRow)
    // Repeated headers and rule lines are recognised on the raw cells; only
    // the first cell, the row's key, is read out of its markup here.
    const cells = rowCells(pageRow)
    const rawCells = cells.map((cell) => cell.value)
    if (comparableRow(rawCells) === headerRawKey) {
      dropped.push({ reason: 'repeated-header', source })
      continue
    }
    if (rawCells.every((cell) => /^[\s:|–—-]*$/.test(cell))) {
      // `--\t--\t--`: a rule line of the conversion, not a record.
      dropped.push({ reason: 'rule-line', source })
      continue
    }
    const wide = pageRow.lines.find((line) => line.cells.length !== columns.length)
    if (wide) {
      const place = sourceOfMapped(lineIndex, wide.line)
      file.message(
        `Unexpected row of ${wide.cells.length} cells in table \`${id}\`, expected ${columns.length}`,
        {
          place: { line: place.line, column: place.column },
          ruleId: messageRule.tableRowWidth,
          source: 'guidex',
        },
      )
    }
    const first = cells[0] ? readCell(cells[0]).text.value.trim() : ''
    key ??= rowKey(columns, first)
    const previous = rows[rows.length - 1]
    // A row the layout drew is a record of its own, but the first on a page
    // may be the rest of the last one on the page before.
    const opensPage = pageRow.block !== lastBlock
    lastBlock = pageRow.block
    const evidence =
      previous && (!pageRow.drawn || opensPage)
        ? continuationEvidence(key, first, lastNumber)
        : undefined
    if (previous && evidence) {
      previous.lines.push(...pageRow.lines)
      previous.merges.push({
        line: lineIndex.pointAt(rawRange(firstLine.line).start).line,
        decision: 'continues-previous-row',
        evidence: opensPage && pageRow.drawn ? `${evidence} after a page break` : evidence,
      })
      continue
    }
    if (key === 'study-number' && /^\d+$/.test(first)) lastNumber = Number(first)
    rows.push({ lines: [...pageRow.lines], merges: [] })
  }

  return {
    id,
    caption: captionMatch ? (captionMatch[2] as string).trim() : captionText,
    shape,
    columns,
    source: caption?.plain
      ? sourceOfMapped(lineIndex, caption.plain)
      : sourceOfRow(lineIndex, header),
    headerSource: sourceOfRow(lineIndex, header),
    droppedLines: dropped,
    rows: rows.map((row) => {
      const cells = columns.map((_, index) => {
        const parts = row.lines
          .map((line) => line.cells[index])
          .filter((cell): cell is MappedText => cell !== undefined && cell.value.trim() !== '')
        return readCell(joinCellParts(parts))
      })
      const first = row.lines[0] as TableLine
      const last = row.lines[row.lines.length - 1] as TableLine
      const start = rawRange(first.line).start
      const end = rawRange(last.line).end
      const plain = cells.map((cell) => cell.text.value)
      const typed = typedRow(shape, columns, plain)
      return {
        cells,
        source: lineIndex.source(start, end),
        lines: row.lines.map((line) => lineIndex.pointAt(rawRange(line.line).start).line),
        merges: row.merges,
        ...(typed ? { typed } : {}),
      }
    }),
  }
}

/**
 * Why a line continues the row before it, or `undefined` when it starts a
 * new record: the table's own key decides.
 */
function continuationEvidence(
  key: RowKey,
  first: string,
  lastNumber: number | undefined,
): string | undefined {
  if (first === '') return 'empty first cell'
  switch (key) {
    case 'study-number': {
      if (!/^\d+$/.test(first)) return `first cell \`${clip(first)}\` is not a study number`
      const number = Number(first)
      if (lastNumber !== undefined && number !== lastNumber + 1) {
        return `study number ${number} does not follow ${lastNumber}`
      }
      return undefined
    }
    case 'citation':
    case 'author-year':
      return startsWithAuthors(first)
        ? undefined
        : `first cell \`${clip(first)}\` does not start with authors`
    default:
      return undefined
  }
}

/**
 * The rows of a table block as its page shows them: where the layout knows
 * its rows (`rowStarts`), the lines of each; else each line. A line's cells
 * are those the reader cut (`cells`), or else its tab-separated parts.
 */
function rowsOf(block: TableBlock, index: number): PageRow[] {
  const lines = block.lines.map((line, position) => ({
    line,
    cells: block.cells?.[position] ?? splitAtTabs(line),
  }))
  const starts = block.rowStarts
  if (!starts) return lines.map((line) => ({ lines: [line], block: index, drawn: false }))
  const rows: PageRow[] = []
  for (const [position, line] of lines.entries()) {
    const last = rows[rows.length - 1]
    if (last && !starts[position]) last.lines.push(line)
    else rows.push({ lines: [line], block: index, drawn: true })
  }
  return rows
}

/**
 * A row's cells: the parts of each column on its lines, joined as one
 * cell's lines are (see `joinCellParts`).
 */
function rowCells(row: PageRow): MappedText[] {
  const width = Math.max(...row.lines.map((line) => line.cells.length))
  return Array.from({ length: width }, (_, index) =>
    joinCellParts(
      row.lines
        .map((line) => line.cells[index])
        .filter((cell): cell is MappedText => cell !== undefined && cell.value.trim() !== ''),
    ),
  )
}

/**
 * Split a line into cells at its tabs, each cell mapped to the raw file. A
 * tab always separates cells: quotes in the text are literal (`"Cardiogenic
 * shock"` is a cell's text, not CSV quoting), so this is what papaparse
 * gives with quoting turned off, without its parser.
 */
function splitAtTabs(line: MappedText): MappedText[] {
  const cells: MappedText[] = []
  let at = 0
  for (const value of line.value.split('\t')) {
    cells.push(sliceMapped(line, at, at + value.length))
    at += value.length + 1
  }
  return cells
}

/**
 * Join the fragments of a cell split over lines or pages: no space after a
 * word-splitting hyphen or slash (`Short-` + `Term`), and a list the page break cut
 * goes on as the same list (the PDF conversion opens it again on the next
 * page).
 */
function joinCellParts(parts: readonly MappedText[]): MappedText {
  if (parts.length === 0) return { value: '', runs: [] }
  // Joined once, looking only at what the decisions need of the text so far
  // (its lists still open, its last two characters): joining a part at a
  // time onto it was quadratic in the parts (a row of a million lines).
  const kept: MappedText[] = [parts[0] as MappedText]
  const separators: string[] = []
  let open = openLists((parts[0] as MappedText).value)
  let tail = (parts[0] as MappedText).value.trimEnd().slice(-2)
  for (let part of parts.slice(1)) {
    const reopened = /^\s*<(ul|ol)\b[^<>]*>/i.exec(part.value)
    if (reopened && open > 0) {
      part = sliceMapped(part, reopened[0].length)
      // Its closing tag now closes the list opened on the page before.
    }
    const after = part.value.trimStart()
    // `(PLGF)-` + `based testing`, `160/` + `110 mmHg`: one word the line end
    // cut (`tail` is the last two characters of the text so far, trimmed).
    const closed =
      (/[\p{L}\d)]-$/u.test(tail) && /^\p{L}/u.test(after)) ||
      (/[\p{L}\d]\/$/u.test(tail) && /^[\p{L}\d]/u.test(after))
    const separator = closed ? '' : ' '
    kept.push(part)
    separators.push(separator)
    open += openLists(part.value)
    // The text so far, trimmed, ends as this part ends (unless it is blank).
    const trimmed = part.value.trimEnd()
    if (trimmed !== '') tail = (tail + separator + trimmed).slice(-2)
  }
  return joinMapped(kept, separators)
}

/** Lists opened and not closed in an HTML fragment. */
function openLists(html: string): number {
  const opened = html.match(/<(?:ul|ol)\b/gi)?.length ?? 0
  const closed = html.match(/<\/(?:ul|ol)>/gi)?.length ?? 0
  return opened - closed
}

/** A row in a form comparable with the header. */
function comparableRow(cells: readonly string[]): string {
  return cells.map((cell) => cell.trim().toLowerCase()).join('\t')
}

/** Provenance of a row: from its first line's start to its last line's end. */
function sourceOfRow(lineIndex: LineIndex, row: PageRow): Source {
  const start = rawRange((row.lines[0] as TableLine).line).start
  const end = rawRange((row.lines[row.lines.length - 1] as TableLine).line).end
  return lineIndex.source(start, end)
}

/** Provenance of a mapped text. */
function sourceOfMapped(lineIndex: LineIndex, text: MappedText): Source {
  const { start, end } = rawRange(text)
  return lineIndex.source(start, end)
}

/** The glossary from an abbreviations table. */
function glossaryOf(tables: readonly ExtractedTable[]): GlossaryEntry[] {
  const table = tables.find((candidate) => candidate.shape === 'glossary')
  if (!table) return []
  return table.rows.flatMap((row) => {
    const abbreviation = row.cells[0]?.text.value.trim() ?? ''
    const definition = row.cells[1]?.text.value.trim() ?? ''
    return abbreviation && definition ? [{ abbreviation, definition, source: row.source }] : []
  })
}
