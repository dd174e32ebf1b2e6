/**
 * Stage `requireGuidance`: a text that is not a guidance document (a
 * `README.md`, notes, a diff report left in an input folder) fails with a
 * message of its own, rather than becoming a family of the output.
 *
 * A text is taken for a guidance document when it shows anything of one:
 * a kind recognised from its headings or title (information for the
 * public, an overview), a guidance id, a programme, a publication or update
 * date, an ISBN, a NICE address, NICE's page footer (`© NICE 2024. All
 * rights reserved. …`, taken out as furniture), or a numbered paragraph
 * (`1.1 …`).
 */

import type { VFile } from 'vfile'
import { messageRule } from '../rules/rule-ids.js'
import type { Section } from '../types.js'

/**
 * Attach the stage.
 *
 * @returns
 *   Transformer.
 */
export function requireGuidance() {
  return (_tree: unknown, file: VFile): void => {
    const metadata = file.data.metadata
    if (!metadata) return
    const shown =
      metadata.kind !== 'guidance' ||
      metadata.guidanceId !== null ||
      metadata.programme !== null ||
      metadata.published !== null ||
      metadata.lastUpdated !== null ||
      metadata.isbn !== null ||
      metadata.url !== null ||
      (file.data.furniture ?? []).length > 0 ||
      (file.data.preamble ?? []).some((paragraph) => paragraph.number !== null) ||
      hasNumberedParagraph(file.data.sections ?? [])
    if (shown) return
    const message = file.message(
      'Unexpected text that is not a guidance document: no guidance id, programme, date, ISBN, NICE address, NICE page footer or numbered paragraph',
      { ruleId: messageRule.notGuidance, source: 'guidex' },
    )
    message.fatal = true
  }
}

/** Whether any section, at any depth, has a numbered paragraph. */
function hasNumberedParagraph(sections: readonly Section[]): boolean {
  const stack = [...sections]
  while (stack.length > 0) {
    const section = stack.pop() as Section
    if (section.paragraphs.some((paragraph) => paragraph.number !== null)) return true
    stack.push(...section.sections)
  }
  return false
}
