/**
 * Tables that `pdftotext -layout` writes as aligned columns: each visual
 * line of the page one text line, a cell's text at its column's start,
 * columns parted by runs of spaces (one space, where a cell is wide):
 *
 * ```
 * Table 2 Clinical indicators of possible late-onset neonatal infection (observations and
 * events in the baby)
 * Category                Indicators
 *
 *                          Parent or care-giver concern for change in behaviour
 *                          Appears ill to a healthcare professional
 *  Behaviour
 *                          Does not wake, or if roused does not stay awake
 * ```
 *
 * A table is read under its caption (`Table 2 …`), over its pages where the
 * next page opens with its header again, only where its columns are clear:
 * gutters (positions blank on every line of the page's part of the table)
 * part two or more columns, each with header text, and text never crosses
 * a gutter. Rows follow the first column, the row's key: its text opens a
 * row (a capital after a line of its own, `Target blood` under `treatment`),
 * and the lines about it that go on a cell above (`hypertension` under `110
 * mmHg, then manage as for`, a bullet under a list) stay with the row above;
 * cells are centred on their row, so a row's other cells start above its key.
 *
 * Where the columns are not clear (a cell running into the next column, a
 * header set across the gutters) nothing is marked and the lines stay prose:
 * an indented paragraph, a recommendation's text at column 10 and its bullets
 * at 12, has no caption and no gutter, and is never a table.
 */

import { endsSentence, endsWithContinuingWord } from '../text-patterns.js'
import type { WorkLine } from './work-line.js'

/** A caption at a line's start: `Table 1 Management …`, `Table B2 …`, `Table 1: Criteria …`. */
const captionStart = /^Table[ \t]+[A-Z]?\d{1,3}[a-z]?\b/

/** A paragraph number at a line's start: a table never runs into a recommendation. */
const paragraphStart = /^\d{1,2}(?:\.\d{1,3}){1,3}\s/

/** A bullet at the start of a cell's text. */
const cellBullet = /^[•▪◦○●■□‣⁃–-]\s/

/** Share of the wrap width a caption line reaches when it wraps onto the next line. */
const captionWrapShare = 0.75

/** Lines a column holds text on, at least, to be a column (not a word of a header set apart). */
const columnMinimumLines = 2

/** A part of a table on one page: its lines (indexes), blank lines among them. */
type Part = number[]

/** A column: the positions of the line it spans, from its start to the next gutter. */
interface Column {
  start: number
  end: number
}

/** A table read from aligned columns: each line's row start and cells. */
interface AlignedTable {
  /** Line index → whether it starts a row, and its cells as ranges of its text. */
  places: Map<number, { rowStart: boolean; cells: [number, number][] }>
  /** Blank lines inside the table (they part rows, and do not end the table's block). */
  blanks: number[]
}

/**
 * Mark the lines of `-layout` tables whose columns are clear as table lines,
 * with their cells and where rows start.
 *
 * @param lines
 *   Classified lines (changed in place).
 * @param wrapWidth
 *   The width the text wraps at, if known (to see a caption go on over two lines).
 */
export function markAlignedTables(lines: WorkLine[], wrapWidth: number | undefined): void {
  let number = 0
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as WorkLine
    if (line.kind !== 'text' || line.indent > 0 || !captionStart.test(line.text)) continue
    const start = captionEnd(lines, index, wrapWidth)
    const parts = partsOf(lines, start)
    if (parts.length === 0) continue
    const table = readTable(lines, parts)
    if (!table) continue
    for (const [lineIndex, place] of table.places) {
      const tableLine = lines[lineIndex] as WorkLine
      tableLine.kind = 'table'
      tableLine.tablePlace = { table: number, ...place }
    }
    for (const blank of table.blanks)
      (lines[blank] as WorkLine).tablePlace = { table: number, rowStart: false }
    number++
    index = (parts.at(-1) as Part).at(-1) as number
  }
}

/** The index of the first line after a caption that goes on over the lines after it. */
function captionEnd(lines: readonly WorkLine[], index: number, wrapWidth: number | undefined) {
  let end = index + 1
  const width = wrapWidth ?? 80
  while (end < lines.length) {
    const previous = (lines[end - 1] as WorkLine).text.trimEnd()
    const line = lines[end] as WorkLine
    if (
      line.kind !== 'text' ||
      line.indent > 0 ||
      /\S {2,}\S/.test(line.text.trim()) ||
      previous.length < width * captionWrapShare
    )
      break
    end++
  }
  return end
}

/**
 * The parts of a table, page by page: from `start`, the lines up to a
 * paragraph number, a caption, the page's end, or blank lines in a row
 * before a line that does not fit the columns (a note under the table); on
 * the next page when it opens with the table's header again.
 */
function partsOf(lines: readonly WorkLine[], start: number): Part[] {
  const parts: Part[] = []
  let part: Part = []
  let header: string | undefined
  let index = start
  while (index < lines.length) {
    const line = lines[index] as WorkLine
    if (line.kind === 'text' && !paragraphStart.test(line.text) && !captionStart.test(line.text)) {
      header ??= squashed(line.text)
      part.push(index)
      index++
      continue
    }
    if (line.kind !== 'blank' && line.kind !== 'furniture') break
    // Blank lines and furniture: one blank line parts rows; more, or a page
    // break, end the part, and the table goes on only under its header.
    let next = index
    let blanks = 0
    let pageBreak = false
    while (next < lines.length) {
      const skipped = lines[next] as WorkLine
      // A header repeated on every page may have been taken for a running header.
      if (pageBreak && skipped.kind === 'furniture' && squashed(skipped.text) === header) break
      if (skipped.kind === 'blank') blanks++
      else if (skipped.kind === 'furniture') pageBreak = true
      else break
      next++
    }
    // More blank lines go on the table only before a line that fits its
    // columns and stands in more than the first (a bullet of a cell).
    if (!pageBreak && (blanks === 1 || fitsBeyondKey(lines, part, lines[next]))) {
      for (let blank = index; blank < next; blank++) part.push(blank)
      index = next
      continue
    }
    parts.push(part)
    part = []
    const following = lines[next]
    if (!pageBreak || !following || squashed(following.text) !== header) break
    if (following.kind !== 'text' && following.kind !== 'furniture') break
    part.push(next)
    index = next + 1
  }
  if (part.length > 0) parts.push(part)
  return parts
    .map((lineIndexes) => trimBlanks(lines, lineIndexes))
    .filter((lineIndexes) => lineIndexes.length > 0)
}

/**
 * Whether a line fits the columns of a part so far, crossing none of its
 * gutters, and has text beyond the first column.
 */
function fitsBeyondKey(
  lines: readonly WorkLine[],
  part: Part,
  line: WorkLine | undefined,
): boolean {
  if (line?.kind !== 'text' || paragraphStart.test(line.text) || captionStart.test(line.text))
    return false
  const columns = columnsOf(
    part
      .filter((index) => (lines[index] as WorkLine).kind !== 'blank')
      .map((index) => (lines[index] as WorkLine).text),
    1,
  )
  const second = columns?.[1]
  if (!columns || !second) return false
  const text = line.text.trimEnd()
  const crosses = columns.slice(1).some((column, index) => {
    const gutterStart = (columns[index] as Column).end
    return /\S/.test(text.slice(gutterStart, column.start))
  })
  return !crosses && /\S/.test(text.slice(second.start))
}

/** A part without blank lines at its ends. */
function trimBlanks(lines: readonly WorkLine[], part: Part): Part {
  let first = 0
  let last = part.length
  while (first < last && (lines[part[first] as number] as WorkLine).kind === 'blank') first++
  while (last > first && (lines[part[last - 1] as number] as WorkLine).kind === 'blank') last--
  return part.slice(first, last)
}

/** A line's text with its runs of white space made one space. */
function squashed(text: string): string {
  return text.trim().replace(/\s+/g, ' ')
}

/**
 * Read a table from its parts, or `undefined` where its columns are not
 * clear.
 */
function readTable(lines: readonly WorkLine[], parts: readonly Part[]): AlignedTable | undefined {
  const table: AlignedTable = { places: new Map(), blanks: [] }
  const textOf = (index: number) => (lines[index] as WorkLine).text
  const header = headerOf(lines, parts[0] as Part)
  const headerText = header.map((index) => squashed(textOf(index))).join(' ')
  let columnCount: number | undefined
  /** The last row read, on this page or the one before. */
  let previous: RowState | undefined
  for (const [partIndex, part] of parts.entries()) {
    const columns = columnsOf(
      part.filter((index) => (lines[index] as WorkLine).kind !== 'blank').map(textOf),
    )
    if (!columns || columns.length < 2) return undefined
    if (columnCount !== undefined && columns.length !== columnCount) return undefined
    columnCount = columns.length
    const cellsOf = (index: number) => cellRanges(textOf(index), columns)
    // Two cells in one column: a gutter the other lines run across.
    const twoInOne = part.some((index) =>
      cellsOf(index).some((range) => /\S {2,}\S/.test(textIn(textOf(index), range))),
    )
    if (twoInOne || !columns.every((_, column) => aligned(part, column, cellsOf))) return undefined
    const place = (indexes: readonly number[], opens: boolean) =>
      indexes.forEach((index, position) =>
        table.places.set(index, { rowStart: opens && position === 0, cells: cellsOf(index) }),
      )
    // The header, and the header again on a later page: a row of its own.
    const partHeader = headerOf(lines, part)
    const isHeader =
      partIndex === 0 || partHeader.map((index) => squashed(textOf(index))).join(' ') === headerText
    const headerRows = isHeader ? partHeader : []
    if (partIndex === 0) {
      const labelled = columns.every((_, column) =>
        headerRows.some((index) => textIn(textOf(index), cellsOf(index)[column]) !== ''),
      )
      if (!labelled) return undefined
    }
    place(headerRows, true)
    const startRow = (indexes: readonly number[], beforeKey: number) => {
      place(indexes, true)
      previous = rowState(columns.length, beforeKey)
      addLines(previous, indexes, textOf, cellsOf)
    }
    // Lines that go on the row of the page before open a row of this page,
    // which the table stage joins to that one (its first cell is empty).
    const goOn = (indexes: readonly number[], opensPage = false) => {
      place(indexes, opensPage)
      if (previous) addLines(previous, indexes, textOf, cellsOf)
    }
    /** Lines since the last key line, with the blank lines before each. */
    let gap: GapLine[] = []
    let keyLine: number | undefined
    let lastKey = ''
    // The blank lines under a header part nothing.
    let blanks = 0
    let bodyStarted = false
    for (const index of part.slice(headerRows.length)) {
      if ((lines[index] as WorkLine).kind === 'blank') {
        table.blanks.push(index)
        if (bodyStarted) blanks++
        continue
      }
      const key = textIn(textOf(index), cellsOf(index)[0])
      const pageTop = partIndex > 0 && keyLine === undefined
      if (key === '') {
        gap.push({ index, blanks, pageTop })
      } else if (keyLine !== undefined && goesOnKey(lastKey, key, index - keyLine, blanks)) {
        goOn([...gap.map((entry) => entry.index), index])
        gap = []
        keyLine = index
        lastKey = key
      } else {
        // A new row: the lines since the last key that go on the row above stay there.
        const split = splitGap(gap, textOf, cellsOf, previous)
        goOn(split.above, pageTop)
        startRow([...split.below, index], split.below.length)
        gap = []
        keyLine = index
        lastKey = key
      }
      blanks = 0
      bodyStarted = true
    }
    // Lines after the last key stay with its row; a page without a key goes on the row before.
    if (keyLine !== undefined) goOn(gap.map((entry) => entry.index))
    else if (gap.length > 0) {
      const split = splitGap(gap, textOf, cellsOf, previous)
      goOn(split.above, true)
      if (split.below.length > 0) startRow(split.below, 0)
    }
  }
  return table.places.size > headerLineCount(table, header) ? table : undefined
}

/** Columns (of characters) a column's text may start over: more, and it holds cells of two columns. */
const alignmentSpread = 6

/**
 * Whether the cells of a column start together (left-aligned, or nearly:
 * a bullet, a centred number), not at two places of two columns run into one.
 */
function aligned(
  part: Part,
  column: number,
  cellsOf: (index: number) => [number, number][],
): boolean {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const index of part) {
    const range = cellsOf(index)[column]
    if (!range || range[1] === range[0]) continue
    first = Math.min(first, range[0])
    last = Math.max(last, range[0])
  }
  return last - first <= alignmentSpread
}

/** How many of a table's lines are its header's. */
function headerLineCount(table: AlignedTable, header: readonly number[]): number {
  return header.filter((index) => table.places.has(index)).length
}

/**
 * Whether a line's key goes on the key above it (`Admission to` /
 * `hospital`, `Before` / `34 weeks`, `Level 3` / … / `care`, `Skeletal/` /
 * … / `Neurological`): on the next line, unless it opens with a capital; a
 * line further down, in lower case or after a key that cannot end there.
 */
function goesOnKey(above: string, key: string, distance: number, blanks: number): boolean {
  if (blanks > 0 || distance > 2) return false
  if (/[/,(-]$/.test(above) || endsWithContinuingWord(above)) return true
  return distance === 1 ? !/^\p{Lu}/u.test(key) : /^\p{Ll}/u.test(key)
}

/** A line between two keys: the blank lines before it, and whether it opens a page of the table. */
interface GapLine {
  index: number
  blanks: number
  pageTop: boolean
}

/**
 * What the row being read has in each column: its last line of text, and
 * whether a list is open there; and how many of its lines stand above its
 * key (a centred row has about as many below it).
 */
interface RowState {
  last: string[]
  list: boolean[]
  beforeKey: number
}

/** The state of a row with nothing in it yet. */
function rowState(count: number, beforeKey: number): RowState {
  return {
    last: Array.from({ length: count }, () => ''),
    list: Array.from({ length: count }, () => false),
    beforeKey,
  }
}

/** Add lines to a row's state. */
function addLines(
  state: RowState,
  indexes: readonly number[],
  textOf: (index: number) => string,
  cellsOf: (index: number) => [number, number][],
): void {
  for (const index of indexes) {
    cellsOf(index).forEach((range, column) => {
      const text = textIn(textOf(index), range)
      if (text === '') return
      state.last[column] = text
      if (cellBullet.test(text)) state.list[column] = true
    })
  }
}

/**
 * The lines of a part's header: those before its first blank line, or the
 * first line where none is blank.
 */
function headerOf(lines: readonly WorkLine[], part: Part): number[] {
  const header: number[] = []
  for (const index of part) {
    if ((lines[index] as WorkLine).kind === 'blank') break
    header.push(index)
  }
  return header.length === part.length ? header.slice(0, 1) : header
}

/**
 * Split the lines between two keys: those that go on the cells of the row
 * above (a lower-case start, a bullet under a list, a line after one that
 * cannot end there), up to the first that does not; the rest open the
 * next row.
 */
function splitGap(
  gap: readonly GapLine[],
  textOf: (index: number) => string,
  cellsOf: (index: number) => [number, number][],
  previous: RowState | undefined,
): { above: number[]; below: number[] } {
  const indexes = gap.map((entry) => entry.index)
  if (!previous) return { above: [], below: indexes }
  const state: RowState = { ...previous, last: [...previous.last], list: [...previous.list] }
  for (const [position, { index, blanks, pageTop }] of gap.entries()) {
    const texts = cellsOf(index).map((range) => textIn(textOf(index), range))
    const verdicts = texts.flatMap((text, column) =>
      text === ''
        ? []
        : [
            continuesCell(
              state.last[column] ?? '',
              state.list[column] ?? false,
              text,
              blanks,
              pageTop,
            ),
          ],
    )
    // A new sentence in a cell: the row's, while it has fewer lines under its key than above.
    const goesOn =
      !verdicts.includes('no') && (!verdicts.includes('maybe') || position < state.beforeKey)
    if (!goesOn) return { above: indexes.slice(0, position), below: indexes.slice(position) }
    addLines(state, [index], textOf, cellsOf)
  }
  return { above: indexes, below: [] }
}

/**
 * Whether a cell's line goes on the text above it in its column: a bullet
 * goes on a list (or a line that ends in a colon) one blank line above; a
 * line right under the text goes on it in lower case, after a word that
 * cannot end there, or where it opens with a number or a bracket and the
 * text above ends no sentence (`guidance, see recommendation` / `1.4.4) if
 * …`); a capital right under it may open another sentence of the cell
 * (`maybe`). At the top of a page a bullet or a capital opens a row: a row
 * cut by the page break goes on in mid-sentence.
 */
function continuesCell(
  above: string,
  inList: boolean,
  text: string,
  blanks: number,
  pageTop: boolean,
): 'yes' | 'no' | 'maybe' {
  if (above === '') return 'no'
  if (cellBullet.test(text))
    return !pageTop && blanks <= 1 && (inList || above.endsWith(':')) ? 'yes' : 'no'
  if (blanks > 0) return 'no'
  if (/^\p{Ll}/u.test(text) || endsWithContinuingWord(above) || /[,;:/(-]$/.test(above))
    return 'yes'
  if (/^\p{Lu}/u.test(text)) return pageTop ? 'no' : 'maybe'
  return endsSentence(above) ? 'no' : 'yes'
}

/** The text of a range of a line. */
function textIn(text: string, range: readonly [number, number] | undefined): string {
  return range ? text.slice(range[0], range[1]) : ''
}

/**
 * A line's cells: for each column, the range of its text there (empty where
 * it has none), white space trimmed.
 */
function cellRanges(text: string, columns: readonly Column[]): [number, number][] {
  return columns.map(({ start, end }) => {
    let from = Math.min(start, text.length)
    let to = Math.min(end, text.length)
    while (from < to && /\s/.test(text[from] as string)) from++
    while (to > from && /\s/.test(text[to - 1] as string)) to--
    return [from, to]
  })
}

/**
 * The columns of a part's lines: the spans between gutters, positions blank
 * on every line. A gutter of one space counts where the lines it parts
 * mostly stand further apart (`Antihypertensive Offer …` beside `hospital
 * Do not …`), not where it is the space between two words of one cell; a
 * column with text on fewer than two lines is a word of the header set
 * apart, joined to the column before.
 */
function columnsOf(
  texts: readonly string[],
  minimumLines = columnMinimumLines,
): Column[] | undefined {
  const width = Math.max(0, ...texts.map((text) => text.trimEnd().length))
  const occupied = new Uint8Array(width)
  for (const text of texts) {
    for (let position = 0; position < Math.min(width, text.length); position++)
      if (!/\s/.test(text[position] as string)) occupied[position] = 1
  }
  let first = 0
  while (first < width && occupied[first] === 0) first++
  const gutters: Column[] = []
  for (let position = first; position < width; position++) {
    if (occupied[position] === 1) continue
    let end = position
    while (end < width && occupied[end] === 0) end++
    gutters.push({ start: position, end })
    position = end
  }
  const kept = gutters.filter((gutter) => gutter.end - gutter.start > 1 || isGutter(texts, gutter))
  let columns: Column[] = []
  let start = first
  for (const gutter of kept) {
    columns.push({ start, end: gutter.start })
    start = gutter.end
  }
  columns.push({ start, end: Number.POSITIVE_INFINITY })
  // A column with text on too few lines is part of the one before it.
  columns = columns.reduce<Column[]>((merged, column) => {
    const lineCount = texts.filter(
      (text) => text.slice(column.start, column.end).trim() !== '',
    ).length
    const before = merged.at(-1)
    if (before && lineCount < minimumLines) before.end = column.end
    else merged.push({ ...column })
    return merged
  }, [])
  // Each column starts where its text starts, so that a cell is cut whole.
  return columns.length > 0
    ? columns.map((column, index) => ({
        start: index === 0 ? 0 : column.start,
        end: column.end,
      }))
    : undefined
}

/**
 * Whether a one-space gutter parts columns: of the lines with text on both
 * sides of it, at most half have words that close up to it, and no phrase
 * goes on across it (`Summer and early autumn` is one cell; `984 980`,
 * `Antihypertensive Offer …`, `penicillin performed on …` are two).
 */
function isGutter(texts: readonly string[], gutter: Column): boolean {
  let both = 0
  let close = 0
  for (const text of texts) {
    const left = text.slice(0, gutter.start).trimEnd()
    const right = text.slice(gutter.end).trimStart()
    if (left === '' || right === '') continue
    both++
    if (/\S/.test(text[gutter.start - 1] ?? ' ') && /\S/.test(text[gutter.end] ?? ' ')) {
      if (/\p{Ll}/u.test(text[gutter.end] ?? '') && endsWithContinuingWord(left)) return false
      close++
    }
  }
  return both === 0 || close * 2 <= both
}
