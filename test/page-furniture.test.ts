/**
 * NICE's page furniture in the forms converters write it, on a made-up
 * guideline: the running title (also one too long for a line), the
 * copyright notice broken inside its URL, and the page number in pieces.
 * Whatever the form, it is never content, and the text on both sides of a
 * page break reads on.
 */

import { describe, expect, it } from 'vitest'
import type { DocumentRecord, Section } from '../pipeline/types.js'
import { extractText } from './helpers.js'

/** A guideline of two pages in `pdftotext`'s plain form, its running title given. */
function twoPages(runningTitle: string[]): string {
  return [
    'Tinnitus: assessment and',
    'management',
    'NICE guideline',
    'Published: 11 March 2020',
    'www.nice.org.uk/guidance/ng999',
    '',
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).',
    '',
    `\f${runningTitle.join('\n')}`,
    '',
    'Recommendations',
    '1.1 Assessment',
    '1.1.1',
    '',
    'Offer an audiological assessment to people with tinnitus that is bothersome and that has',
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and- Page 2 of',
    'conditions#notice-of-rights).',
    '3',
    '',
    `\f${runningTitle.join('\n')}`,
    '',
    'not responded to advice. [2020]',
    '1.1.2',
    '',
    'Do not offer imaging to people with tinnitus without other signs. [2020]',
    '',
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).',
    '',
    'Page 3 of',
    '3',
    '',
  ].join('\n')
}

/** Every text of a record's content: headings, paragraphs' parts. */
function contentTexts(record: DocumentRecord): string[] {
  const texts = record.preamble.map((paragraph) => paragraph.text)
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      texts.push(section.heading)
      for (const paragraph of section.paragraphs)
        texts.push(...paragraph.content.map((part) => part.text))
      visit(section.sections)
    }
  }
  visit(record.sections)
  return texts
}

describe('page furniture', () => {
  it.each([
    ['on one line', ['Tinnitus: assessment and management (NG999)']],
    [
      'over two lines',
      [
        'Tinnitus in adults and young people over 16: assessment, referral and',
        'management (NG999)',
      ],
    ],
  ])('is never content, with the running title %s', (_name, runningTitle) => {
    const { record } = extractText(twoPages(runningTitle))
    const texts = contentTexts(record)
    expect(
      texts.filter((text) =>
        /NICE 2025|notice-of-rights|Page \d|\(NG999\)|referral and$/.test(text),
      ),
    ).toEqual([])
    const paragraphs = record.sections.flatMap((section) =>
      section.sections.flatMap((child) => child.paragraphs),
    )
    // The recommendation cut by the page break reads on, its year tag a field.
    expect(
      paragraphs.map((paragraph) => [paragraph.number, paragraph.text, paragraph.yearTag?.text]),
    ).toEqual([
      [
        '1.1.1',
        'Offer an audiological assessment to people with tinnitus that is bothersome and that has not responded to advice.',
        '[2020]',
      ],
      ['1.1.2', 'Do not offer imaging to people with tinnitus without other signs.', '[2020]'],
    ])
    expect(record.metadata.guidanceId).toBe('NG999')
  })
})
