/**
 * An excerpt of the input around a place, on one line, with the place's
 * characters marked beneath it (`^^^`), the way compilers show a span: a
 * reviewer sees the figures in their sentence without opening the file.
 */

import type { Source } from '../types.js'

/** An excerpt: the line of text and the marker line under it. */
export interface Excerpt {
  text: string
  marks: string
}

/** Characters shown either side of the marked words, at most. */
const context = 45

/** Characters of a place marked, at most. */
const longest = 80

/**
 * The excerpt of a place in a text.
 *
 * @param raw
 *   The input text (as decoded).
 * @param source
 *   The place (`offset` and `text` in `raw`).
 * @returns
 *   Excerpt and marks; `undefined` when the place is not in the text.
 */
export function excerptOf(raw: string, source: Source): Excerpt | undefined {
  const { offset } = source
  if (offset < 0 || offset > raw.length) return undefined
  const lineStart = Math.max(raw.lastIndexOf('\n', offset - 1) + 1, 0)
  let lineEnd = raw.indexOf('\n', offset)
  if (lineEnd === -1) lineEnd = raw.length
  if (raw[lineEnd - 1] === '\r') lineEnd--
  // A long place (a whole paragraph) is shown by its start.
  const markEnd = Math.min(offset + source.text.length, lineEnd, offset + longest)
  let start = Math.max(lineStart, offset - context)
  let end = Math.min(lineEnd, markEnd + context)
  // Whole words at the cuts.
  if (start > lineStart) start = nextWordStart(raw, start, offset)
  if (end < lineEnd) end = previousWordEnd(raw, end, markEnd)
  const before = `${start > lineStart ? '…' : ''}${clean(raw.slice(start, offset))}`
  const marked = clean(raw.slice(offset, markEnd))
  const cut = markEnd < offset + source.text.length
  const after = cut ? '…' : `${clean(raw.slice(markEnd, end))}${end < lineEnd ? '…' : ''}`
  return {
    text: `${before}${marked}${after}`.trimEnd(),
    marks: `${' '.repeat(before.length)}${'^'.repeat(Math.max(1, marked.length))}`,
  }
}

/** Tabs (table columns) as ` | `, other white space as one space. */
function clean(text: string): string {
  return text.replace(/\t/g, ' | ').replace(/[^\S ]/g, ' ')
}

/** The start of the first word at or after `index`, not past `limit`. */
function nextWordStart(raw: string, index: number, limit: number): number {
  let at = index
  while (at < limit && /\S/.test(raw[at - 1] ?? ' ')) at++
  while (at < limit && /\s/.test(raw[at] ?? '')) at++
  return at
}

/** The end of the last word at or before `index`, not before `limit`. */
function previousWordEnd(raw: string, index: number, limit: number): number {
  let at = index
  while (at > limit && /\S/.test(raw[at] ?? ' ')) at--
  return at
}
