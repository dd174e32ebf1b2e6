/**
 * Indentation of a PDF's text layer, in columns as `pdftotext -layout`
 * counts them, from where the PDF draws each line (the layer's text itself
 * has no leading spaces): the text reader's rules for indentation then read
 * a PDF as they read `-layout` text (a recommendation's number in the
 * margin, its text and its notes at one column, a box at the page's edge).
 */

import { locate } from '../../readers/pdf/locate.js'
import type { LayoutLine, TextLayout } from '../../readers/reader.js'
import { numberedParagraph } from '../text-patterns.js'
import type { WorkLine } from './work-line.js'

/** Points a column of `pdftotext -layout` is wide, about, in NICE's body type. */
const pointsPerColumn = 5

/**
 * Set each line's `indent` from its left edge, and `textColumn` of a line
 * that opens with a paragraph number (`1.1.1 Advise …`) from where its text
 * starts after the number.
 *
 * @param lines
 *   Classified lines of the text layer (changed in place).
 * @param layout
 *   The layer's layout.
 */
export function indentFromLayout(lines: readonly WorkLine[], layout: TextLayout): void {
  const left = bodyLeftEdge(layout)
  for (const line of lines) {
    if (line.kind === 'blank') continue
    const drawn = lineAt(layout, line.offset)
    if (!drawn) continue
    line.indent = columnOf(drawn.x, left)
    const number = numberedParagraph.exec(line.text)
    if (number) {
      const text = locate(layout, line.offset + number[0].length, 1)
      if (text) line.textColumn = columnOf(text.box[0], left)
    }
  }
}

/** Columns from the page's left edge to `x`. */
function columnOf(x: number, left: number): number {
  return Math.max(0, Math.round((x - left) / pointsPerColumn))
}

/**
 * The left edge of the body text: the edge most pages share (the smallest x
 * of each page's lines that are not furniture, its most common value). A
 * page of nothing but a list starts further in; the margin is the document's.
 */
function bodyLeftEdge(layout: TextLayout): number {
  const edges = new Map<number, number>()
  for (const line of layout.lines) {
    if (line.artifact) continue
    const edge = edges.get(line.page)
    if (edge === undefined || line.x < edge) edges.set(line.page, line.x)
  }
  const counts = new Map<number, number>()
  for (const edge of edges.values())
    counts.set(Math.round(edge), (counts.get(Math.round(edge)) ?? 0) + 1)
  let best: [number, number] | undefined
  for (const entry of counts)
    if (!best || entry[1] > best[1] || (entry[1] === best[1] && entry[0] < best[0])) best = entry
  return best?.[0] ?? 0
}

/**
 * The drawn line that starts at `offset` in the text layer.
 *
 * @param layout
 *   The layer's layout.
 * @param offset
 *   Offset of a line's first character in the layer.
 * @returns
 *   The layout's line, if one starts there.
 */
export function lineAt(layout: TextLayout, offset: number): LayoutLine | undefined {
  const { lines } = layout
  let low = 0
  let high = lines.length - 1
  while (low <= high) {
    const middle = (low + high) >>> 1
    const line = lines[middle] as LayoutLine
    if (line.start < offset) low = middle + 1
    else if (line.start > offset) high = middle - 1
    else return line
  }
  return undefined
}
