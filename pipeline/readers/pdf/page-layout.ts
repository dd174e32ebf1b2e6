/**
 * One page's pieces into blocks in reading order (NICE's PDFs are single
 * column: top to bottom, each line left to right):
 *
 * - ruled tables first take the pieces inside their grids;
 * - the other pieces are grouped into lines and each line into segments;
 * - consecutive lines split into segments, with the lines next to them that
 *   fit in one of their columns, form either an unruled table (three or
 *   more split lines over two or more columns) or columns read one after
 *   the other, each a block (a footer's "Page 3" / "of 61" beside its
 *   two-line copyright notice);
 * - plain lines make blocks, a new one where the vertical gap is clearly
 *   larger than the page's line spacing, where the font size changes, and
 *   between artifacts and content.
 */

import { gridsOf } from './grids.js'
import { groupLines, segmentsOf, type Segment, type VisualLine } from './lines.js'
import type { Rule } from './rules.js'
import { alignedTable, columnBands, ruledTable, type TableRegion } from './tables.js'
import type { TextPiece } from './text-pieces.js'

/** A block of the page: lines of text, or a table. */
export type PageBlock =
  { kind: 'text'; lines: TextPiece[][] } | { kind: 'table'; table: TableRegion }

/** A gap larger than this many line spacings starts a new block. */
const blockGap = 1.3

/** Line spacing (in font sizes) where a page has too few lines to tell its own. */
export const defaultLineSpacing = 1.25

/** A line of the page's flow, with what the layout rules need to know of it. */
interface FlowLine {
  kind: 'line'
  pieces: TextPiece[]
  segments: Segment[]
  baseline: number
  fontSize: number
  artifact: boolean
}

/** An element of the page's flow, top to bottom. */
type FlowElement = FlowLine | { kind: 'table'; table: TableRegion }

/**
 * Lay out one page.
 *
 * @param pieces
 *   The page's text pieces.
 * @param rules
 *   The page's ruling lines.
 * @param fallbackSpacing
 *   Line spacing (in font sizes) to use if the page has too few lines to
 *   tell its own (the document's so far).
 * @returns
 *   The page's blocks in reading order, and the line spacing it found.
 */
export function layOutPage(
  pieces: readonly TextPiece[],
  rules: readonly Rule[],
  fallbackSpacing: number,
): { blocks: PageBlock[]; lineSpacing: number | undefined } {
  let remaining = [...pieces]
  const tables: TableRegion[] = []
  for (const grid of gridsOf(rules)) {
    const { table, outside } = ruledTable(grid, remaining)
    if (table) tables.push(table)
    remaining = outside
  }
  const lines = groupLines(remaining).map(flowLine)
  const lineSpacing = pageLineSpacing(lines)
  const spacing = lineSpacing ?? fallbackSpacing
  const close = (upper: FlowLine, lower: FlowLine) =>
    upper.baseline - lower.baseline <= blockGap * spacing * Math.max(upper.fontSize, lower.fontSize)

  const flow: FlowElement[] = []
  let tableIndex = 0
  for (const line of lines) {
    while (
      tableIndex < tables.length &&
      (tables[tableIndex] as TableRegion).box[3] > line.baseline
    ) {
      flow.push({ kind: 'table', table: tables[tableIndex++] as TableRegion })
    }
    flow.push(line)
  }
  while (tableIndex < tables.length)
    flow.push({ kind: 'table', table: tables[tableIndex++] as TableRegion })

  const blocks: PageBlock[] = []
  let plain: FlowLine[] = []
  const flushPlain = () => {
    let lines: TextPiece[][] = []
    plain.forEach((line, index) => {
      const previous = plain[index - 1]
      if (previous && startsBlock(previous, line, close)) {
        blocks.push({ kind: 'text', lines })
        lines = []
      }
      lines.push(line.pieces)
    })
    if (lines.length > 0) blocks.push({ kind: 'text', lines })
    plain = []
  }
  for (let index = 0; index < flow.length;) {
    const element = flow[index] as FlowElement
    if (element.kind === 'table') {
      flushPlain()
      blocks.push(element)
      index++
      continue
    }
    const cluster = columnCluster(flow, index, close)
    if (!cluster) {
      plain.push(element)
      index++
      continue
    }
    flushPlain()
    blocks.push(...cluster.blocks)
    index = cluster.end
  }
  flushPlain()
  return { blocks, lineSpacing }
}

/**
 * The columns that start at a split line, if they are columns: it and the
 * close split lines after it, when their segments stand in two or more
 * common column bands, read as a table (three or more lines) or column
 * after column (two lines).
 */
function columnCluster(
  flow: readonly FlowElement[],
  start: number,
  close: (upper: FlowLine, lower: FlowLine) => boolean,
): { blocks: PageBlock[]; end: number } | undefined {
  const first = flow[start] as FlowLine
  if (first.segments.length < 2) return undefined
  let end = start + 1
  while (end < flow.length) {
    const next = flow[end] as FlowElement
    const previous = flow[end - 1] as FlowLine
    if (next.kind !== 'line' || next.segments.length < 2 || !close(previous, next)) break
    end++
  }
  const members = flow.slice(start, end) as FlowLine[]
  if (members.length < 2) return undefined
  const segments = members.map((line) => line.segments)
  const { bands, assigned } = columnBands(segments)
  if (bands.length < 2) return undefined
  if (members.length >= 3) {
    return { blocks: [{ kind: 'table', table: alignedTable(segments, bands, assigned) }], end }
  }
  const blocks: PageBlock[] = []
  bands.forEach((_, band) => {
    const column: TextPiece[][] = []
    segments.forEach((line, position) => {
      line.forEach((segment, segmentIndex) => {
        if (assigned[position]?.[segmentIndex] === band) column.push(segment.pieces)
      })
    })
    if (column.length > 0) blocks.push({ kind: 'text', lines: column })
  })
  return { blocks, end }
}

/** A visual line with its segments, dominant font size and whether it is an artifact. */
function flowLine(line: VisualLine): FlowLine {
  return {
    kind: 'line',
    pieces: line.pieces,
    segments: segmentsOf(line.pieces),
    baseline: line.baseline,
    fontSize: dominantFontSize(line.pieces),
    artifact: line.pieces.every((piece) => piece.artifact > 0),
  }
}

/**
 * The font size most of a line's characters are set in.
 *
 * @param pieces
 *   The line's pieces.
 * @returns
 *   Font size (points).
 */
export function dominantFontSize(pieces: readonly TextPiece[]): number {
  const weights = new Map<number, number>()
  for (const piece of pieces) {
    const size = Math.round(piece.fontSize * 10) / 10
    weights.set(size, (weights.get(size) ?? 0) + piece.text.length)
  }
  let best = 0
  let bestWeight = -1
  for (const [size, weight] of weights) {
    if (weight > bestWeight) {
      best = size
      bestWeight = weight
    }
  }
  return best
}

/** Whether a line starts a new block after the previous one. */
function startsBlock(
  previous: FlowLine,
  line: FlowLine,
  close: (upper: FlowLine, lower: FlowLine) => boolean,
): boolean {
  if (previous.artifact !== line.artifact) return true
  if (Math.abs(previous.fontSize - line.fontSize) >= 1) return true
  return !close(previous, line)
}

/**
 * The page's line spacing in font sizes: the most common ratio of baseline
 * distance to font size between consecutive lines of one size.
 */
function pageLineSpacing(lines: readonly FlowLine[]): number | undefined {
  const counts = new Map<number, number>()
  let samples = 0
  for (let index = 1; index < lines.length; index++) {
    const previous = lines[index - 1] as FlowLine
    const line = lines[index] as FlowLine
    if (Math.abs(previous.fontSize - line.fontSize) >= 0.5 || line.fontSize === 0) continue
    const ratio = (previous.baseline - line.baseline) / line.fontSize
    if (ratio < 0.8 || ratio > 2.2) continue
    const bucket = Math.round(ratio * 20) / 20
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1)
    samples++
  }
  if (samples < 3) return undefined
  let best: number | undefined
  let bestCount = 0
  for (const [bucket, count] of counts) {
    if (count > bestCount || (count === bestCount && bucket < (best ?? Infinity))) {
      best = bucket
      bestCount = count
    }
  }
  return best
}
