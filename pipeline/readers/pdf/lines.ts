/**
 * Text pieces into visual lines: pieces whose baselines lie within half a
 * font size of each other are one line (a margin number set a size smaller
 * than its text, a superscript, a subscript), read left to right; a line's
 * pieces are joined with a space where there is a gap between them, and
 * split into segments where the gap is a column's, not a word's.
 */

import type { Box } from '../reader.js'
import { unionBox } from './geometry.js'
import type { TextPiece } from './text-pieces.js'

/** A visual line: its pieces left to right. */
export interface VisualLine {
  pieces: TextPiece[]
  /** Baseline of the line's largest piece. */
  baseline: number
  box: Box
}

/** A gap between pieces wider than this share of the font size is a space. */
const spaceGap = 0.15

/**
 * A gap wider than this many font sizes separates columns (the cells of an
 * unruled table, a footer's "Page 3 of 61" beside its copyright line), not
 * words: NICE's word spaces are a third of one, a bullet stands two thirds
 * of one from its text, and on NICE's 13 PDFs no gap between words of a
 * sentence is wider.
 */
const columnGap = 0.8

/**
 * A paragraph number in the margin (`1`, `1.1`, `1.12.25`) before its text:
 * kept on its text's line with one space, however wide the margin.
 */
const marginNumber = /^\d{1,2}(?:\.\d{1,3}){0,4}\.?$/

/** A bullet glyph (`•`, `o`, `–`, `－`) before its text: kept with it, however wide the indent. */
const bulletGlyph = /^(?:[^\p{L}\p{N}\s]|o)$/u

/** Dot leaders of a contents line (`Overview ......`), kept with the page number after them. */
const dotLeader = /\.{3,}$/

/**
 * Group pieces into lines, top to bottom.
 *
 * @param pieces
 *   The pieces of one page (or one table cell).
 * @returns
 *   Lines, top to bottom, each with its pieces left to right.
 */
export function groupLines(pieces: readonly TextPiece[]): VisualLine[] {
  const sorted = [...pieces].sort(
    (one, other) => other.baseline - one.baseline || one.x0 - other.x0,
  )
  const lines: VisualLine[] = []
  let current: { pieces: TextPiece[]; anchor: TextPiece } | undefined
  const finish = () => {
    if (!current) return
    const linePieces = current.pieces.sort((one, other) => one.x0 - other.x0)
    let box = (linePieces[0] as TextPiece).box
    for (const piece of linePieces) box = unionBox(box, piece.box)
    lines.push({ pieces: linePieces, baseline: current.anchor.baseline, box })
  }
  for (const piece of sorted) {
    // Compared with the line's largest piece, so that a superscript before
    // the line's text does not pull the line up.
    if (current) {
      const { anchor } = current
      const tolerance = Math.max(piece.fontSize, anchor.fontSize) / 2
      if (Math.abs(anchor.baseline - piece.baseline) < tolerance) {
        current.pieces.push(piece)
        if (piece.fontSize > anchor.fontSize) current.anchor = piece
        continue
      }
    }
    finish()
    current = { pieces: [piece], anchor: piece }
  }
  finish()
  return lines
}

/** Pieces of a line that read together: separated from the next by a column's gap. */
export interface Segment {
  pieces: TextPiece[]
  x0: number
  x1: number
}

/**
 * Split a line into segments at gaps of a column's width; a paragraph
 * number in the margin or a bullet stays with the text beside it, dot
 * leaders with the page number after them; two artifacts of a tagged PDF
 * (a footer's copyright notice, its page number) are two segments
 * wherever they do not touch.
 *
 * @param pieces
 *   The line's pieces, left to right.
 * @returns
 *   Segments, left to right.
 */
export function segmentsOf(pieces: readonly TextPiece[]): Segment[] {
  const segments: Segment[] = []
  for (const piece of pieces) {
    const last = segments.at(-1)
    if (last) {
      const previous = last.pieces.at(-1) as TextPiece
      const gap = piece.x0 - previous.x1
      const size = Math.max(previous.fontSize, piece.fontSize)
      const isLabel =
        segments.length === 1 &&
        last.pieces.length === 1 &&
        (marginNumber.test(previous.text) || bulletGlyph.test(previous.text))
      const otherArtifact = previous.artifact !== piece.artifact && gap > spaceGap * size
      if ((gap <= columnGap * size && !otherArtifact) || isLabel || dotLeader.test(previous.text)) {
        last.pieces.push(piece)
        last.x1 = Math.max(last.x1, piece.x1)
        continue
      }
    }
    segments.push({ pieces: [piece], x0: piece.x0, x1: piece.x1 })
  }
  return segments
}

/** The text of pieces read together, and where each piece's text starts in it. */
export interface JoinedText {
  text: string
  /** Offset of each piece's text in `text`, parallel to the pieces. */
  offsets: number[]
}

/**
 * Join the pieces of one segment (or cell line): a space where the gap
 * between two pieces is wider than a sliver of the font size (PDF.js splits
 * words at kerning and at changes of font; those pieces touch), or where
 * the PDF draws a space between them (a squeezed one before dot leaders).
 *
 * @param pieces
 *   Pieces, left to right.
 * @returns
 *   The text and the pieces' offsets in it.
 */
export function joinPieces(pieces: readonly TextPiece[]): JoinedText {
  let text = ''
  const offsets: number[] = []
  let previous: TextPiece | undefined
  for (const piece of pieces) {
    if (previous) {
      const gap = piece.x0 - previous.x1
      const size = Math.min(previous.fontSize, piece.fontSize)
      if (gap > spaceGap * size || (piece.spaceBefore && gap > -spaceGap * size)) text += ' '
    }
    offsets.push(text.length)
    text += piece.text
    previous = piece
  }
  return { text, offsets }
}
