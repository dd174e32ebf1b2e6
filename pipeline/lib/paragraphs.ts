/**
 * Walks over the sections of a record.
 */

import type { Paragraph, Section } from '../types.js'

/**
 * Every paragraph of the sections, depth first, in document order.
 *
 * @param sections
 *   Sections of a record.
 * @returns
 *   Their paragraphs.
 */
export function flattenParagraphs(sections: readonly Section[]): Paragraph[] {
  return sections.flatMap((section) => [
    ...section.paragraphs,
    ...flattenParagraphs(section.sections),
  ])
}
