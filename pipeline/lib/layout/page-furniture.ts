/**
 * NICE's page furniture in the forms PDF-to-text converters write it.
 *
 * Every page of a NICE PDF ends with the copyright notice and the page
 * number, and every page after the first starts with the running title:
 *
 * ```
 * © NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and- Page 10 of
 * conditions#notice-of-rights).
 * 106
 * Menopause: identification and management (NG23)
 * ```
 *
 * `pdftotext` breaks the notice inside its URL, glues the page number to it
 * (`terms-and- Page 10 of`), or puts `Page 1` and `of 8` on lines of their
 * own; `pdftotext -layout` pushes the page number to the right margin
 * (`conditions#notice-of-rights).      106`). These rules recognise the
 * pieces by their own shape, and a bare number or `of N` only beside them,
 * so a number in the text is never taken for a page number.
 */

import type { WorkLine } from './work-line.js'

/** The copyright notice that opens a NICE footer (`© NICE 2025. All rights reserved. …`). */
const copyrightNotice = /^©\s*NICE\s+\d{4}\.?\s+All rights reserved\b/

/** The rest of the notice's URL, broken onto the next line (`conditions#notice-of-rights).`). */
const noticeTail = /^(?:[a-z-]*conditions)?#?notice-of-rights\)\.?/

/** A page number, whole or its first part: `Page 3 of 61`, `Page 3 of`, `Page 3`. */
const pageNumber = /^Page\s+\d{1,4}(?:\s+of(?:\s+\d{1,4})?)?$/

/** A page number at the end of a footer line (`… terms-and- Page 10 of`, `….      106`). */
const pageNumberAtEnd = /(?:^|\s)(Page\s+\d{1,4}(?:\s+of(?:\s+\d{1,4})?)?|of\s+\d{1,4}|\d{1,4})$/

/** A running title: the document's title with its id (`Antenatal care (NG201)`). */
const runningTitle = /^\S.{2,250}\(([A-Z]{1,5}\d{1,6})\)$/

/** Lines a running title is set over, at most. */
const runningTitleLinesMaximum = 3

/** Lines a footer spans at most, blank lines aside (notice, URL tail, page number). */
const footerSpan = 4

/** What a footer still lacks of its page number. */
type PageNumberState = 'page' | 'of-total' | 'total' | 'done'

/**
 * What is left of the page number after a piece of it.
 *
 * @param piece
 *   `Page 3 of 61`, `Page 3 of`, `Page 3`, `of 61`, `61`, or `undefined` for none.
 * @param state
 *   What was lacking before the piece.
 * @returns
 *   What is lacking after it, or `undefined` when the piece does not fit.
 */
function afterPiece(
  piece: string | undefined,
  state: PageNumberState,
): PageNumberState | undefined {
  if (piece === undefined) return state
  const words = piece.split(/\s+/)
  if (words[0] === 'Page') {
    if (state !== 'page') return undefined
    if (words.length === 4) return 'done'
    return words.length === 3 ? 'total' : 'of-total'
  }
  if (words[0] === 'of') return state === 'of-total' || state === 'page' ? 'done' : undefined
  return state === 'total' ? 'done' : undefined
}

/**
 * Mark NICE's footers and running titles as furniture, in place.
 *
 * @param lines
 *   Classified lines; furniture lines get `kind: 'furniture'`.
 */
export function markNiceFurniture(lines: WorkLine[]): void {
  const counts = new Map<string, number>()
  for (const line of lines) {
    if (line.kind !== 'text') continue
    const text = line.text.trim()
    counts.set(text, (counts.get(text) ?? 0) + 1)
  }
  // A running title repeats: only lines that do are tested for its shape.
  const titleCounts = new Map(
    [...counts].filter(([text, count]) => count >= 2 && runningTitle.test(text)),
  )
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as WorkLine
    if (line.kind !== 'text') continue
    const text = line.text.trim()
    const notice = copyrightNotice.test(text)
    if (notice || pageNumber.test(text)) {
      const piece = notice ? pageNumberAtEnd.exec(text)?.[1] : text
      line.kind = 'furniture'
      const urlOpen = notice && !text.includes('notice-of-rights)')
      index = markFooterRest(lines, index, afterPiece(piece, 'page') ?? 'page', urlOpen)
    } else if ((titleCounts.get(text) ?? 0) >= 2) {
      line.kind = 'furniture'
      markTitleStart(lines, index, counts)
    }
  }
}

/**
 * Mark the first lines of a running title too long for one line
 * (`Suspected sepsis in people aged 16 or over: recognition, assessment and`
 * over `early management (NG253)`): lines right above its last that stand
 * at the top of the page and repeat as often.
 *
 * @param lines
 *   Classified lines.
 * @param last
 *   Index of the title's last line (the one with the id).
 * @param counts
 *   How often each line's text stands in the document.
 */
function markTitleStart(
  lines: WorkLine[],
  last: number,
  counts: ReadonlyMap<string, number>,
): void {
  const repeats = counts.get((lines[last] as WorkLine).text.trim()) ?? 0
  let cursor = last
  for (let taken = 0; taken < runningTitleLinesMaximum - 1; taken++) {
    const above = lines[cursor - 1]
    if (!above || above.kind !== 'text' || (lines[cursor] as WorkLine).pageStart) return
    if ((counts.get(above.text.trim()) ?? 0) < repeats) return
    above.kind = 'furniture'
    cursor--
    if (above.pageStart) return
  }
}

/**
 * Mark the lines that finish a footer begun at `start`: the notice's URL
 * tail and the rest of the page number, in whatever pieces they come.
 *
 * @param lines
 *   Classified lines.
 * @param start
 *   Index of the footer's first line.
 * @param state
 *   What the footer still lacks of its page number.
 * @param urlOpen
 *   Whether the notice's URL may still go on on the next line.
 * @returns
 *   Index of the footer's last line.
 */
function markFooterRest(
  lines: WorkLine[],
  start: number,
  state: PageNumberState,
  urlOpen: boolean,
): number {
  let last = start
  let seen = 0
  for (let index = start + 1; index < lines.length && seen < footerSpan; index++) {
    if (state === 'done' && !urlOpen) break
    const line = lines[index] as WorkLine
    if (line.kind === 'blank') continue
    // A new page begins after the footer: its first line is not the footer's.
    if (line.pageStart || line.kind !== 'text') break
    let text = line.text.trim()
    let next: PageNumberState | undefined
    if (urlOpen && noticeTail.test(text)) {
      text = text.replace(noticeTail, '').trim()
      next = afterPiece(text === '' ? undefined : text, state)
      urlOpen = false
    } else {
      next = afterPiece(text, state)
    }
    if (next === undefined) break
    line.kind = 'furniture'
    state = next
    last = index
    seen++
  }
  return last
}
