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

import { bareParagraphNumber, bareSectionNumber, endsSentence } from '../text-patterns.js'
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
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'text') continue
    const paragraphNumber = bareParagraphNumber.test(line.text)
    if (!paragraphNumber && !bareSectionNumber.test(line.text)) continue
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
