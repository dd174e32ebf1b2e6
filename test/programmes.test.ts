/**
 * The programmes vocabulary: a programme line or an id prefix gives the
 * programme and the kind of document (`guideline`, `quality-standard`, …),
 * on made-up front matter of topics that are not the five example documents.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isoDate } from '../pipeline/lib/dates.js'
import { monthNames, monthNumber } from '../pipeline/vocabulary/months.js'
import { programmeNamed, programmeOfId, programmes } from '../pipeline/vocabulary/programmes.js'
import { extractText, repositoryRoot } from './helpers.js'

/** The metadata of a short document: a title, front matter lines, a paragraph. */
function metadataOf(...frontMatter: string[]) {
  const text = [
    'Knee pain in adults: assessment and management',
    ...frontMatter,
    'Overview',
    'This guideline covers knee pain.',
    '',
  ].join('\n\n')
  const { record, messages } = extractText(text)
  expect(messages.filter((message) => message.includes('error'))).toEqual([])
  const { kind, programme, guidanceId, published } = record.metadata
  return { kind, programme, guidanceId, published }
}

describe('programmes', () => {
  it.each([
    [
      'a NICE guideline',
      ['NICE guideline', 'Published: 4 March 2026', 'www.nice.org.uk/guidance/ng999'],
      {
        kind: 'guideline',
        programme: 'NICE guideline',
        guidanceId: 'NG999',
        published: '2026-03-04',
      },
    ],
    [
      'a quality standard',
      ['Quality standard', 'Published: 12 June 2025', 'www.nice.org.uk/guidance/qs250'],
      {
        kind: 'quality-standard',
        programme: 'Quality standard',
        guidanceId: 'QS250',
        published: '2025-06-12',
      },
    ],
    [
      'a clinical guideline known by its id alone',
      ['Published: 1 September 2010', 'www.nice.org.uk/guidance/cg99'],
      {
        kind: 'guideline',
        programme: 'Clinical guideline',
        guidanceId: 'CG99',
        published: '2010-09-01',
      },
    ],
    [
      'a technology appraisal',
      [
        'Technology appraisal guidance',
        'Published: 30 April 2024',
        'www.nice.org.uk/guidance/ta970',
      ],
      {
        kind: 'guidance',
        programme: 'Technology appraisal guidance',
        guidanceId: 'TA970',
        published: '2024-04-30',
      },
    ],
    [
      'a programme the vocabulary does not know, right above the date',
      ['Dental recall guideline', 'Published: 2 May 2026', 'www.nice.org.uk/guidance/ng998'],
      {
        kind: 'guideline',
        programme: 'Dental recall guideline',
        guidanceId: 'NG998',
        published: '2026-05-02',
      },
    ],
  ])('reads %s', (_name, frontMatter, expected) => {
    expect(metadataOf(...frontMatter)).toEqual(expected)
  })

  it('reads a front page set over several lines, with a programme it does not know', () => {
    const { record } = extractText(
      [
        'Knee pain in',
        'adults: assessment and',
        'management',
        'Musculoskeletal pathway guidance',
        'Published: 4 March 2026',
        'Last updated: 9 April 2026',
        'www.nice.org.uk/guidance/ng997',
        '',
        'Overview',
        'This guidance covers knee pain.',
        '',
      ].join('\n'),
    )
    const { title, programme, published, lastUpdated, guidanceId } = record.metadata
    expect({ title, programme, published, lastUpdated, guidanceId }).toEqual({
      title: 'Knee pain in adults: assessment and management',
      programme: 'Musculoskeletal pathway guidance',
      published: '2026-03-04',
      lastUpdated: '2026-04-09',
      guidanceId: 'NG997',
    })
  })

  it('reads a title whose second line starts with a capital, as pdftotext sets it apart', () => {
    const { record } = extractText(
      [
        'COVID-19 rapid guideline: managing',
        'COVID-19',
        'NICE guideline',
        'Published: 23 March 2021',
        'www.nice.org.uk/guidance/ng991',
        '',
        '© NICE 2026. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).',
        '',
        'Overview',
        'This guideline covers managing COVID-19.',
        '',
      ].join('\n'),
    )
    const { title, programme, published, guidanceId, sources } = record.metadata
    expect({ title, programme, published, guidanceId }).toEqual({
      title: 'COVID-19 rapid guideline: managing COVID-19',
      programme: 'NICE guideline',
      published: '2021-03-23',
      guidanceId: 'NG991',
    })
    expect(sources.title?.text).toBe('COVID-19 rapid guideline: managing\nCOVID-19')
  })

  it('reads a migration between programmes written in prose', () => {
    const { record } = extractText(
      [
        'Knee pain in adults',
        'NICE guideline',
        'www.nice.org.uk/guidance/ng999',
        'Update information',
        'March 2026: Public health guideline 12 has been migrated to NICE guideline 999.',
        '',
      ].join('\n\n'),
    )
    expect(
      record.metadata.lineage.map(({ from, to, relation }) => ({ from, to, relation })),
    ).toEqual([{ from: 'PH12', to: 'NG999', relation: 'migrated' }])
    expect(record.metadata.updates.map(({ date }) => date)).toEqual(['2026-03'])
  })

  it('names each programme once, with a prefix of its own', () => {
    const prefixes = programmes.flatMap((programme) => (programme.prefix ? [programme.prefix] : []))
    expect(new Set(prefixes).size).toBe(prefixes.length)
    expect(programmeNamed('interventional procedure guidance')?.prefix).toBe('IPG')
    expect(programmeOfId('HTG492')?.name).toBe('HealthTech guidance')
    expect(programmeOfId('XYZ1')).toBeUndefined()
  })

  it('publishes only the kinds the schema knows, and the schema knows no other', () => {
    const schema = JSON.parse(
      readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8'),
    ) as { $defs: { metadata: { properties: { kind: { enum: string[] } } } } }
    const kinds = new Set([...programmes.map((programme) => programme.kind), 'procedure-overview'])
    expect([...kinds].sort()).toEqual([...schema.$defs.metadata.properties.kind.enum].sort())
  })
})

describe('months', () => {
  it('numbers every month, in any case, and dates by them', () => {
    expect(monthNames.map(monthNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(monthNumber('september')).toBe(9)
    expect(monthNumber('Sept')).toBeUndefined()
    expect(isoDate('Published: 31 december 2024')).toBe('2024-12-31')
    expect(isoDate('29 February 2023')).toBe(null)
  })
})
