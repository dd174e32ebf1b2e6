/**
 * Tables in text laid out as `pdftotext -layout` writes it: aligned columns
 * read as table rows where the columns are clear (cells cut at the
 * columns, a cell's lines joined, rows keyed by the first column, a header
 * repeated on the next page dropped, a row the page break cuts joined);
 * indented prose, columns that run into one another and tables whose
 * columns a converter ran together stay text, and the record says so at the
 * caption. The texts are written for these tests (gardening, not guidance):
 * the expected values are read from them.
 */

import { describe, expect, it } from 'vitest'
import type { Table } from '../pipeline/types.js'
import { allParagraphs, extractText } from './helpers.js'

/** Lines joined into a text. */
const text = (...lines: string[]) => `${lines.join('\n')}\n`

/** The front of a document, so that what follows is its body. */
const front = [
  'Looking after house plants',
  '',
  'Published: 3 May 2022',
  '',
  '1 Watering',
  '',
  '1.1.1     Water new plants every day for their first two weeks, then once a week',
  '          until their roots have grown into the new soil. Water in the morning so',
  '          that the leaves dry before the evening, and use water that has stood',
  '          for a day so that it is not too cold for the roots. Plants in clay pots',
  '          dry out faster than plants in plastic pots, and plants in a sunny',
  '          window faster than plants in the shade. [2022]',
  '',
]

/** A table's rows as the text of their cells. */
function cells(table: Table | undefined): string[][] | undefined {
  return table?.rows.map((row) => row.cells.map((cell) => cell.text))
}

describe('tables of aligned columns', () => {
  it('reads the rows of a table whose cells are centred on their row', () => {
    const { record, messages } = extractText(
      text(
        ...front,
        'Table 1 How often to water',
        'Plant group      How often                          Amount',
        '',
        '                 Every 2 weeks in summer and',
        'Succulents       once a month in winter             A little',
        'and cacti',
        '',
        '                 Every 2 days, keeping the          Until the soil',
        'Ferns                                               is moist',
        '                 soil damp',
        'Herbs            Twice a week                       Until water drains',
        '',
        '1.1.2     Move plants away from a cold window in winter. [2022]',
      ),
    )
    expect(messages).toEqual([])
    const [table] = record.tables
    expect(table?.caption).toBe('How often to water')
    expect(table?.columns).toEqual(['Plant group', 'How often', 'Amount'])
    expect(cells(table)).toEqual([
      ['Succulents and cacti', 'Every 2 weeks in summer and once a month in winter', 'A little'],
      ['Ferns', 'Every 2 days, keeping the soil damp', 'Until the soil is moist'],
      ['Herbs', 'Twice a week', 'Until water drains'],
    ])
    // The paragraphs around the table are read as before.
    expect(allParagraphs(record).map((paragraph) => paragraph.number)).toEqual(['1.1.1', '1.1.2'])
  })

  it('reads bullets in a cell as its items, and blank lines between rows', () => {
    const { record } = extractText(
      text(
        ...front,
        'Table 1 Pests to look for',
        'Pest            Signs',
        '',
        '                • sticky leaves',
        'Aphids',
        '                • curled new shoots',
        '',
        '',
        '                • fine webs under the leaves',
        'Spider mites',
        '                • pale speckled leaves',
      ),
    )
    const [table] = record.tables
    expect(table?.columns).toEqual(['Pest', 'Signs'])
    expect(table?.rows.map((row) => row.cells[1]?.blocks.map((block) => block.text))).toEqual([
      ['sticky leaves', 'curled new shoots'],
      ['fine webs under the leaves', 'pale speckled leaves'],
    ])
    expect(table?.rows[0]?.cells[1]?.blocks[0]?.type).toBe('item')
  })

  it('follows a table over a page break: the header again dropped, a cut row joined', () => {
    // Each page ends with its running footer; a form feed opens the next.
    const footer = (page: number) => [
      '',
      '',
      `House plants (GG12)                                                  Page ${page} of 3`,
      '\f',
    ]
    const { record } = extractText(
      text(
        ...front,
        ...footer(1),
        'Table 1 Where to put plants',
        'Plant           Place',
        '',
        'Orchids         A bright window out of the midday',
        '                sun, away from radiators and from',
        ...footer(2),
        'Plant           Place',
        '',
        '                the draught of a door',
        '',
        'Palms           A corner with indirect light',
        '',
        '',
        'Move plants slowly to a new place over a week.',
        ...footer(3),
      ),
    )
    const [table] = record.tables
    expect(table?.columns).toEqual(['Plant', 'Place'])
    expect(cells(table)).toEqual([
      [
        'Orchids',
        'A bright window out of the midday sun, away from radiators and from the draught of a door',
      ],
      ['Palms', 'A corner with indirect light'],
    ])
    expect(table?.droppedLines.map((line) => [line.reason, line.source.text])).toEqual([
      ['repeated-header', 'Plant           Place'],
    ])
    expect(table?.rows[0]?.merges.map((merge) => merge.evidence)).toEqual([
      'empty first cell after a page break',
    ])
    // The note under the table is prose again.
    const texts = allParagraphs(record).map((paragraph) => paragraph.text)
    expect(texts).toContain('Move plants slowly to a new place over a week.')
  })
})

describe('text that is not a table of clear columns', () => {
  it('keeps a recommendation with its text at column 10 and bullets at 12 as prose', () => {
    const { record } = extractText(
      text(
        ...front,
        '1.1.2     Before you repot a plant, check:',
        '',
        '            • the roots fill the pot',
        '            • water runs straight through',
        '',
        '          Repot in spring, into a pot one size larger. [2022]',
        '',
        '  For a short note on why repotting matters, see the section on',
        '  roots and soil.',
      ),
    )
    expect(record.tables).toEqual([])
    const paragraph = allParagraphs(record).find((candidate) => candidate.number === '1.1.2')
    expect(paragraph?.items).toEqual(['the roots fill the pot', 'water runs straight through'])
  })

  it('keeps indented prose under a caption as prose, and says the table has no columns', () => {
    const { record, messages } = extractText(
      text(
        ...front,
        'Table 1 Signs of overwatering',
        '          Yellow leaves that drop from the bottom of the plant first, and',
        '          soil that stays wet for days after watering, are the usual signs.',
        '          A smell of rot from the pot means the roots are damaged.',
      ),
    )
    expect(record.tables).toEqual([])
    // The caption is line 14, under the front's 13 lines.
    expect(messages).toEqual([
      'test.txt:14:1-14:30: Unexpected table text in one column: this rendering ran the table’s columns together, read as text',
    ])
    const texts = allParagraphs(record).map((paragraph) => paragraph.text)
    expect(texts.some((paragraph) => paragraph.startsWith('Yellow leaves that drop'))).toBe(true)
  })

  it('leaves columns that run into one another as text', () => {
    const { record } = extractText(
      text(
        ...front,
        'Table 1 Feeding by season',
        'Season          Feed             Strength',
        '',
        'Spring          Every 2 weeks    Half',
        'Summer and early autumn Weekly   Full',
        'Winter          None',
      ),
    )
    expect(record.tables).toEqual([])
  })

  it('says where plain text ran a table’s columns together, at its caption, and invents no table', () => {
    const { record, messages } = extractText(
      text(
        ...front,
        'Table 1 Light needs',
        'Plant',
        '',
        'Light',
        '',
        'Cactus',
        'Full sun',
        '',
        'Fern',
        'Shade',
        '',
        '1.1.2     Turn plants a quarter turn each week so that they grow evenly. [2022]',
      ),
    )
    expect(record.tables).toEqual([])
    expect(messages.filter((message) => /Unexpected table text/.test(message))).toEqual([
      expect.stringMatching(
        /^test\.txt:14:1-.*: Unexpected table text in one column: this rendering ran the table’s columns together, read as text$/,
      ),
    ])
  })
})
