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
 *   glossary;
 * - counts the document states about its own tables are checked against the
 *   rows found.
 */

import type { VFile } from 'vfile'
import { type CellBlock, readCell } from '../lib/cell-markup.js'
import type { LineIndex } from '../lib/line-index.js'
import { joinMapped, type MappedText, rawRange, sliceMapped } from '../lib/mapped-text.js'
import {
  type RowKey,
  rowKey,
  startsWithAuthors,
  tableShape,
  typedRow,
} from '../lib/table-shapes.js'
import type {
  Finding,
  GlossaryEntry,
  GuidanceRoot,
  Source,
  Table,
  TableBlock,
  TableMerge,
  TextBlock,
} from '../types.js'

/** Rule ids of the messages this stage emits. */
export const tableRule = {
  statedCount: 'table-count',
  unevenRow: 'table-row-width',
} as const

/** `Table 2 Study details` → id `2`, caption `Study details`. */
const captionPattern = /^Table\s+(\d{1,3}[a-z]?)\b[\s.:–-]*(.*)$/is

/** One physical line of a table, split into cells. */
interface TableLine {
  line: MappedText
  cells: MappedText[]
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
    const tables: Table[] = []
    const cellTexts: { text: MappedText; blocks: CellBlock[] }[][][] = []
    let caption: TextBlock | undefined
    let blocks: TableBlock[] = []

    const finish = () => {
      if (blocks.length > 0) {
        const built = buildTable(blocks, caption, tables.length, lineIndex, file)
        tables.push(built.table)
        cellTexts.push(built.cellTexts)
        if (caption) caption.role = 'table-caption'
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
      const plain = block.plain?.value.trim() ?? ''
      if (block.role === 'caption' && captionPattern.test(plain)) {
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
    file.data.tableCells = cellTexts
    file.data.glossary = glossaryOf(tables)
    file.data.findings = [
      ...(file.data.findings ?? []),
      ...checkStatedCounts(tree, tables, lineIndex),
    ]
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
): { table: Table; cellTexts: { text: MappedText; blocks: CellBlock[] }[][] } {
  const captionText = caption?.plain?.value.trim() ?? ''
  const captionMatch = captionPattern.exec(captionText)
  const id = captionMatch ? (captionMatch[1] as string).toLowerCase() : `unnamed-${position + 1}`
  const lines = blocks.flatMap((block) => splitLines(block.lines))
  const header = lines[0] as TableLine
  const columns = header.cells.map((cell) => readCell(cell).text.value)
  const headerRawKey = comparableRow(header.cells.map((cell) => cell.value))
  const shape = tableShape(columns)

  const rows: RowBuild[] = []
  const dropped: Table['droppedLines'] = []
  let key: RowKey | undefined
  let lastNumber: number | undefined

  for (const line of lines.slice(1)) {
    const source = sourceOfMapped(lineIndex, line.line)
    // Repeated headers and rule lines are recognised on the raw cells; only
    // the first cell, the row's key, is read out of its markup here.
    const rawCells = line.cells.map((cell) => cell.value)
    if (comparableRow(rawCells) === headerRawKey) {
      dropped.push({ reason: 'repeated-header', source })
      continue
    }
    if (rawCells.every((cell) => /^[\s:|–—-]*$/.test(cell))) {
      // `--\t--\t--`: a rule line of the conversion, not a record.
      dropped.push({ reason: 'rule-line', source })
      continue
    }
    if (line.cells.length !== columns.length) {
      file.message(
        `Unexpected row of ${line.cells.length} cells in table \`${id}\`, expected ${columns.length}`,
        {
          place: { line: source.line, column: source.column },
          ruleId: tableRule.unevenRow,
          source: 'guidex',
        },
      )
    }
    const first = line.cells[0] ? readCell(line.cells[0]).text.value.trim() : ''
    key ??= rowKey(columns, first)
    const previous = rows[rows.length - 1]
    const evidence = previous ? continuationEvidence(key, first, lastNumber) : undefined
    if (previous && evidence) {
      previous.lines.push(line)
      previous.merges.push({ line: source.line, decision: 'continues-previous-row', evidence })
      continue
    }
    if (key === 'study-number' && /^\d+$/.test(first)) lastNumber = Number(first)
    rows.push({ lines: [line], merges: [] })
  }

  const cellTexts: { text: MappedText; blocks: CellBlock[] }[][] = []
  const table: Table = {
    id,
    caption: captionMatch ? (captionMatch[2] as string).trim() : captionText,
    shape,
    columns,
    source: caption?.plain
      ? sourceOfMapped(lineIndex, caption.plain)
      : sourceOfMapped(lineIndex, header.line),
    droppedLines: dropped,
    rows: rows.map((row) => {
      const cells = columns.map((_, index) => {
        const parts = row.lines
          .map((line) => line.cells[index])
          .filter((cell): cell is MappedText => cell !== undefined && cell.value.trim() !== '')
        return readCell(joinCellParts(parts))
      })
      cellTexts.push(cells)
      const first = row.lines[0] as TableLine
      const last = row.lines[row.lines.length - 1] as TableLine
      const start = rawRange(first.line).start
      const end = rawRange(last.line).end
      const plain = cells.map((cell) => cell.text.value)
      const typed = typedRow(shape, columns, plain)
      return {
        cells: cells.map((cell) => ({
          text: cell.text.value,
          blocks: cell.blocks.map((block) => ({
            type: block.type,
            depth: block.depth,
            text: block.text.value,
          })),
        })),
        source: lineIndex.source(start, end),
        lines: row.lines.map((line) => lineIndex.pointAt(rawRange(line.line).start).line),
        merges: row.merges,
        ...(typed ? { typed } : {}),
      }
    }),
  }
  return { table, cellTexts }
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

/** The first words of a cell, for evidence. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}

/**
 * Split the lines of table blocks into cells at their tabs, each cell mapped
 * to the raw file. A tab always separates cells: quotes in the text are
 * literal (`"Cardiogenic shock"` is a cell's text, not CSV quoting), so this
 * is what papaparse gives with quoting turned off, without its parser.
 */
function splitLines(lines: readonly MappedText[]): TableLine[] {
  return lines.map((line) => {
    const cells: MappedText[] = []
    let at = 0
    for (const value of line.value.split('\t')) {
      cells.push(sliceMapped(line, at, at + value.length))
      at += value.length + 1
    }
    return { line, cells }
  })
}

/**
 * Join the fragments of a cell split across pages: no space after a
 * word-splitting hyphen (`Short-` + `Term`), and a list the page break cut
 * goes on as the same list (the PDF conversion opens it again on the next
 * page).
 */
function joinCellParts(parts: readonly MappedText[]): MappedText {
  if (parts.length === 0) return { value: '', runs: [] }
  let result = parts[0] as MappedText
  for (let part of parts.slice(1)) {
    const reopened = /^\s*<(ul|ol)\b[^<>]*>/i.exec(part.value)
    if (reopened && openLists(result.value) > 0) {
      part = sliceMapped(part, reopened[0].length)
      // Its closing tag now closes the list opened on the page before.
    }
    const hyphen =
      /[A-Za-z]-$/.test(result.value.trimEnd()) && /^[A-Za-z]/.test(part.value.trimStart())
    result = joinMapped([result, part], hyphen ? '' : ' ')
  }
  return result
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

/** Provenance of a mapped text. */
function sourceOfMapped(lineIndex: LineIndex, text: MappedText): Source {
  const { start, end } = rawRange(text)
  return lineIndex.source(start, end)
}

/** The glossary from an abbreviations table. */
function glossaryOf(tables: readonly Table[]): GlossaryEntry[] {
  const table = tables.find((candidate) => candidate.shape === 'glossary')
  if (!table) return []
  return table.rows.flatMap((row) => {
    const abbreviation = row.cells[0]?.text.trim() ?? ''
    const definition = row.cells[1]?.text.trim() ?? ''
    return abbreviation && definition ? [{ abbreviation, definition, source: row.source }] : []
  })
}

/**
 * `presents 10 studies as the key evidence in table 2 and table 3, and lists
 * 138 other relevant studies in appendix B, table 5, including 20 case
 * reports (table 5a)`: each stated count against the rows found. Several
 * tables named together (`table 2 and table 3`) each hold the count; a table
 * named by a prefix (`table 5` for 5a and 5b) holds it in sum.
 */
function checkStatedCounts(
  tree: GuidanceRoot,
  tables: readonly Table[],
  lineIndex: LineIndex,
): Finding[] {
  const findings: Finding[] = []
  if (tables.length === 0) return findings
  for (const block of tree.children) {
    if (block.type !== 'textBlock' || !block.plain || block.role === 'table-caption') continue
    const text = block.plain.value
    if (!/\btables? \d/i.test(text)) continue
    for (const clause of clauses(text)) {
      const count =
        /\b(\d{1,3}(?:,\d{3})*) (?:[\w-]+ ){0,5}?(?:studies|case reports|trials|papers|reviews|sources)\b/i.exec(
          clause.text,
        )
      if (!count) continue
      const named = [
        ...clause.text.matchAll(
          /\btables? (\d{1,3}[a-z]?)((?:(?:,| and| or) (?:table )?\d{1,3}[a-z]?)*)/gi,
        ),
      ]
      const ids = named.flatMap((match) => [
        (match[1] as string).toLowerCase(),
        ...((match[2] ?? '').match(/\d{1,3}[a-z]?/gi) ?? []).map((id) => id.toLowerCase()),
      ])
      if (ids.length === 0) continue
      const stated = Number((count[1] as string).replaceAll(',', ''))
      const place = sourceOfMapped(
        lineIndex,
        sliceMapped(
          block.plain,
          clause.start + count.index,
          clause.start + count.index + count[0].length,
        ),
      )
      const groups = ids.map((id) => ({
        id,
        tables: tables.filter(
          (table) =>
            table.id === id ||
            (table.id.startsWith(id) && /^[a-z]$/.test(table.id.slice(id.length))),
        ),
      }))
      for (const group of groups) {
        if (group.tables.length === 0) continue
        const found = group.tables.reduce((sum, table) => sum + table.rows.length, 0)
        if (found === stated) continue
        const where = group.tables
          .map((table) => `table ${table.id} (line ${table.source.line})`)
          .join(' and ')
        const message = `${clip(count[0])} stated, but ${where} ${group.tables.length === 1 ? 'has' : 'have'} ${found} rows`
        findings.push({
          check: tableRule.statedCount,
          severity: 'warning',
          message,
          source: place,
          related: group.tables.map((table) => table.source),
        })
      }
    }
  }
  return findings
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
