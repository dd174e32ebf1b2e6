/**
 * A page's PDF.js text items as pieces of text with their geometry: where
 * each starts and ends on its baseline, its font size and weight, its box,
 * and whether a tagged PDF marks it as an artifact (running headers and
 * footers, page numbers).
 */

import type { TextContent, TextItem, TextMarkedContent } from 'pdfjs-dist/types/src/display/api.js'
import type { Box } from '../reader.js'
import { transformBox, type Matrix } from './geometry.js'

/** One text item, its white space trimmed. */
export interface TextPiece {
  /** The characters, as PDF.js maps them (no normalization). */
  text: string
  /** Left x on the baseline. */
  x0: number
  /** Right x on the baseline. */
  x1: number
  /** y of the baseline (for rotated text: the middle of its box). */
  baseline: number
  /** Font size in points (the text's height). */
  fontSize: number
  bold: boolean
  /**
   * The artifact sequence the piece is in (counted from 1 on the page), or
   * 0 for content: a tagged PDF draws a footer's copyright notice and its
   * page number as two artifacts, even where they touch.
   */
  artifact: number
  /** Whether the PDF draws a space just before it (a space item, or white space it starts with). */
  spaceBefore: boolean
  /** From the font's descent to its ascent, over the item's width. */
  box: Box
}

/** What is known of a font by PDF.js's name for it (`g_d0_f1`). */
export type FontWeights = (fontName: string) => boolean

/**
 * The text pieces of a page, in content order.
 *
 * @param content
 *   `page.getTextContent({includeMarkedContent: true, disableNormalization: true})`.
 * @param isBold
 *   Whether a font (by PDF.js's name) is bold.
 * @returns
 *   Pieces with text (items of white space only are left out: spaces are
 *   decided from the gaps between pieces).
 */
export function textPieces(content: TextContent, isBold: FontWeights): TextPiece[] {
  const pieces: TextPiece[] = []
  // Marked content nests: an item is an artifact when any enclosing
  // sequence is one.
  const tags: string[] = []
  let artifacts = 0
  let artifactSequence = 0
  let space = false
  for (const entry of content.items) {
    if (!('str' in entry)) {
      const marked = entry as TextMarkedContent & { tag?: string }
      if (marked.type === 'endMarkedContent') {
        if (tags.pop() === 'Artifact') artifacts--
      } else {
        const tag = marked.tag ?? ''
        tags.push(tag)
        if (tag === 'Artifact' && artifacts++ === 0) artifactSequence++
      }
      continue
    }
    const piece = pieceOf(entry, content, isBold, artifacts > 0 ? artifactSequence : 0, space)
    if (piece) pieces.push(piece)
    if (entry.str !== '') space = piece === undefined || /\s$/.test(entry.str)
  }
  return pieces
}

/** One item as a piece, or nothing for white space. */
function pieceOf(
  item: TextItem,
  content: TextContent,
  isBold: FontWeights,
  artifact: number,
  space: boolean,
): TextPiece | undefined {
  const text = item.str.trim()
  if (text === '') return undefined
  const [a, b, c, d, e, f] = item.transform as Matrix
  const fontSize = Math.hypot(c, d)
  if (fontSize === 0) return undefined
  const style = content.styles[item.fontName]
  const ascent = clamp(style?.ascent || 0.8, 0.5, 1.2)
  const descent = clamp(style?.descent || -0.2, -0.5, 0)
  // White space trimmed off either end takes its share of the width with it.
  const characterWidth = item.str.length > 0 ? item.width / item.str.length : 0
  const leading = item.str.length - item.str.trimStart().length
  const trailing = item.str.length - item.str.trimEnd().length
  const from = leading * characterWidth
  const to = item.width - trailing * characterWidth
  const bold = isBold(item.fontName)
  const spaceBefore = space || leading > 0
  if (Math.abs(b) < 1e-6 && Math.abs(c) < 1e-6 && d > 0) {
    return {
      text,
      x0: e + from,
      x1: e + to,
      baseline: f,
      fontSize,
      bold,
      artifact,
      spaceBefore,
      box: [e + from, f + descent * fontSize, e + to, f + ascent * fontSize],
    }
  }
  // Rotated or skewed text: the box of its rectangle in text space, which
  // runs `width` along the baseline's direction and the font size up.
  const along = Math.hypot(a, b) || 1
  const unit: Matrix = [a / along, b / along, c / fontSize, d / fontSize, e, f]
  const box = transformBox(unit, from, descent * fontSize, to, ascent * fontSize)
  return {
    text,
    x0: box[0],
    x1: box[2],
    baseline: (box[1] + box[3]) / 2,
    fontSize,
    bold,
    artifact,
    spaceBefore,
    box,
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}
