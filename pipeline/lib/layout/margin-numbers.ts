/**
 * Paragraph numbers written apart from their text.
 *
 * NICE's PDFs set a recommendation's number in the left margin beside its
 * first line. `pdftotext` writes the number on a line of its own, often with
 * a blank line before the text:
 *
 * ```
 * Symptoms of pre-eclampsia
 * 1.1.1
 *
 * Advise pregnant women to see a healthcare professional immediately if …
 * ```
 *
 * and an interventional procedures guidance writes its section numbers the
 * same way (`2`, blank, `The procedure`). Such a number belongs to the next
 * line of text; `pdftotext -layout` and the PDF reader keep the two on one
 * line already (`1.1.1     Advise …`).
 */

import { bareParagraphNumber, bareSectionNumber, endsSentence, yearTag } from '../text-patterns.js'
import type { WorkLine } from './work-line.js'

/** Lines between a number and its text at most (blank lines and page furniture). */
const numberToTextDistance = 8

/** A section heading beside a bare section number is short: `The procedure`, `Recommendations`. */
const sectionHeadingLengthMaximum = 80

/**
 * Find numbers standing alone and tie each to the line of text it numbers.
 *
 * @param lines
 *   Classified lines; a number line becomes `margin-number` and its text line
 *   gets `marginNumber`.
 */
export function attachMarginNumbers(lines: WorkLine[]): void {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as WorkLine
    if (line.kind !== 'text') continue
    const paragraphNumber = bareParagraphNumber.test(line.text)
    if (!paragraphNumber && !bareSectionNumber.test(line.text)) continue
    if (paragraphNumber) {
      const queue = stackedNumbers(lines, index)
      if (queue.length > 1) {
        index = attachStacked(lines, queue)
        continue
      }
    }
    const target = nextTextLine(lines, index)
    if (!target || target.marginNumber || isBareNumber(target.text)) continue
    const text = target.text.trim()
    // A paragraph opens with a capital; a section number stands beside a heading.
    if (!/^[A-Z"“‘'([]/.test(text)) continue
    if (!paragraphNumber && (text.length > sectionHeadingLengthMaximum || endsSentence(text)))
      continue
    line.kind = 'margin-number'
    target.marginNumber = line
  }
}

/**
 * Paragraph numbers stacked one under another (`1.9.35`, `1.9.36`,
 * `1.9.37`), as `pdftotext` writes the numbers of short recommendations
 * before all their texts.
 *
 * @returns
 *   Indexes of the stacked number lines, in order (one for a number alone).
 */
function stackedNumbers(lines: readonly WorkLine[], start: number): number[] {
  const queue = [start]
  let previous = (lines[start] as WorkLine).text.trim()
  for (let cursor = start + 1; cursor < lines.length; cursor++) {
    const line = lines[cursor] as WorkLine
    if (line.kind === 'blank') continue
    const text = line.text.trim()
    if (line.kind !== 'text' || !bareParagraphNumber.test(text) || !follows(previous, text)) break
    queue.push(cursor)
    previous = text
  }
  return queue
}

/** Whether paragraph number `next` follows `previous` (`1.9.36` after `1.9.35`). */
function follows(previous: string, next: string): boolean {
  const before = previous.split('.')
  const after = next.split('.')
  return (
    before.length === after.length &&
    before.slice(0, -1).join('.') === after.slice(0, -1).join('.') &&
    Number(after[after.length - 1]) === Number(before[before.length - 1]) + 1
  )
}

/**
 * Give stacked numbers to the paragraphs after them, in order: the first
 * line of text takes the first number, and each line that opens a new
 * sentence after a closed one (a year tag, or a short line that ends a
 * sentence) takes the next.
 *
 * @returns
 *   Index of the last line looked at.
 */
function attachStacked(lines: WorkLine[], queue: readonly number[]): number {
  let next = 0
  let previousText: string | undefined
  let cursor = (queue[queue.length - 1] as number) + 1
  for (; cursor < lines.length && next < queue.length; cursor++) {
    const line = lines[cursor] as WorkLine
    if (line.kind !== 'text') continue
    const text = line.text.trim()
    const opens =
      previousText === undefined ||
      (/^[A-Z"“‘'([]/.test(text) && (yearTag.test(previousText) || closesShortLine(previousText)))
    if (opens) {
      const numberLine = lines[queue[next] as number] as WorkLine
      numberLine.kind = 'margin-number'
      line.marginNumber = numberLine
      next++
    }
    previousText = text
  }
  return cursor - 1
}

/** Characters a line that ends a sentence is shorter than when it also ends its paragraph. */
const closingLineLength = 60

/** Whether a line ends a sentence and is short enough to end its paragraph. */
function closesShortLine(text: string): boolean {
  return endsSentence(text) && text.length < closingLineLength
}

/** Whether a line is a paragraph or section number alone. */
function isBareNumber(text: string): boolean {
  return bareParagraphNumber.test(text) || bareSectionNumber.test(text)
}

/** The next line of text after `index`, over blank lines and page furniture. */
function nextTextLine(lines: readonly WorkLine[], index: number): WorkLine | undefined {
  for (
    let cursor = index + 1;
    cursor < lines.length && cursor <= index + numberToTextDistance;
    cursor++
  ) {
    const line = lines[cursor] as WorkLine
    if (line.kind === 'blank' || line.kind === 'furniture') continue
    return line.kind === 'text' ? line : undefined
  }
  return undefined
}
