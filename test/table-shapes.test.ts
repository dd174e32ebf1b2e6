/**
 * Table shapes by what their columns hold, not by one overview's header
 * names: tables of a made-up overview of robot-assisted knee replacement,
 * with the header names other evidence tables use, get the same shapes and
 * typed rows as the overview's tables.
 */

import { describe, expect, it } from 'vitest'
import { tableShape } from '../pipeline/lib/table-shapes.js'
import type { Table } from '../pipeline/types.js'
import { extractText } from './helpers.js'

const overview = [
  'Interventional procedure overview of robot-assisted total knee replacement',
  'Table 1 Abbreviations',
  ['Acronym\tMeaning', 'OKS\tOxford Knee Score', 'TKR\tTotal knee replacement'].join('\n'),
  'Table 2 Study details',
  [
    'Study\tType of study\tParticipants\tIntervention\tFollow-up',
    'Okafor A, 2022 Nigeria, UK\tRandomised controlled trial\tn=200\tRobotic arm-assisted TKR\t12 months',
    'Lindqvist M, 2021 Sweden\tProspective cohort\tn=1,050\tRobotic arm-assisted TKR\t24 months',
  ].join('\n'),
  'Table 3 Study outcomes',
  [
    'Trial\tOutcomes\tAdverse events',
    'Okafor A, 2022\tOKS at 12 months: 41.2 versus 38.9\tDeep infection: 1.5% (3/200)',
  ].join('\n'),
  'Table 4 Search results',
  [
    'Source\tDate of search\tNumber of records',
    'MEDLINE\t04/02/2026\t1,204',
    'Embase\t04/02/2026\t987',
  ].join('\n'),
  'Table 5 Other studies',
  [
    'Reference\tParticipants\tReason for exclusion',
    'Brandt K, Ito S (2020) Robotic knee surgery in Japan. Knee Surgery 8: 10-19.\tn=40\tSmall case series',
  ].join('\n'),
  'Table 6 Scores',
  ['Score\tMeaning', '0 to 19\tSevere arthritis'].join('\n'),
  '',
].join('\n\n')

describe('tables of an overview on another topic', () => {
  const { record } = extractText(overview)
  const table = (id: string) => record.tables.find((candidate) => candidate.id === id) as Table

  it('recognises each shape', () => {
    expect(record.tables.map(({ id, shape, rows }) => [id, shape, rows.length])).toEqual([
      ['1', 'glossary', 2],
      ['2', 'study-details', 2],
      ['3', 'study-outcomes', 1],
      ['4', 'search-results', 2],
      ['5', 'additional-studies', 1],
      ['6', 'generic', 1],
    ])
    expect(
      record.glossary.map(({ abbreviation, definition }) => [abbreviation, definition]),
    ).toEqual([
      ['OKS', 'Oxford Knee Score'],
      ['TKR', 'Total knee replacement'],
    ])
  })

  it('types the rows of each shape', () => {
    expect(table('2').rows.map((row) => row.typed)).toEqual([
      {
        studyNumber: null,
        firstAuthor: 'Okafor A',
        year: 2022,
        countries: 'Nigeria, UK',
        n: 200,
        design: 'Randomised controlled trial',
        inclusionCriteria: null,
        intervention: 'Robotic arm-assisted TKR',
        followUp: '12 months',
      },
      {
        studyNumber: null,
        firstAuthor: 'Lindqvist M',
        year: 2021,
        countries: 'Sweden',
        n: 1050,
        design: 'Prospective cohort',
        inclusionCriteria: null,
        intervention: 'Robotic arm-assisted TKR',
        followUp: '24 months',
      },
    ])
    expect(table('3').rows[0]?.typed).toEqual({
      study: 'Okafor A, 2022',
      firstAuthor: 'Okafor A',
      year: 2022,
      efficacy: 'OKS at 12 months: 41.2 versus 38.9',
      safety: 'Deep infection: 1.5% (3/200)',
    })
    expect(
      table('4').rows.map(
        (row) =>
          row.typed &&
          'database' in row.typed && [row.typed.database, row.typed.date, row.typed.results],
      ),
    ).toEqual([
      ['MEDLINE', '2026-02-04', 1204],
      ['Embase', '2026-02-04', 987],
    ])
    expect(table('5').rows[0]?.typed).toMatchObject({
      authors: 'Brandt K, Ito S',
      year: 2020,
      title: 'Robotic knee surgery in Japan.',
      journal: 'Knee Surgery 8: 10-19.',
      reasonNotIncluded: 'Small case series',
    })
  })

  it('gives a result in the outcomes table its row’s study', () => {
    const result = record.results.find((candidate) => candidate.source.text === '1.5% (3/200)')
    expect(result?.context.study).toBe('Okafor A, 2022')
    expect(result?.context.location).toEqual({
      type: 'table',
      table: '3',
      row: 1,
      column: 'Adverse events',
    })
  })
})

describe('tableShape', () => {
  it.each([
    [['Study no.', 'First author, date country', 'Study design'], 'study-details'],
    [['First author, date', 'Efficacy outcomes', 'Safety outcomes'], 'study-outcomes'],
    [['Database', 'Date searched', 'Number of results downloaded'], 'search-results'],
    [
      ['Study', 'Number of people and follow up', 'Reason study was not included'],
      'additional-studies',
    ],
    [['Abbreviation', 'Definition'], 'glossary'],
    [['Study design', 'Number of studies'], 'generic'],
    [['Outcome', 'Adverse events'], 'generic'],
  ])('%j is %s', (columns, shape) => {
    expect(tableShape(columns)).toBe(shape)
  })
})
