/**
 * Tables: the overview's tables against counts and cells read from the
 * document by a person, and texts built to break the merge.
 */

import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { Table } from '../pipeline/types.js'
import { cellText, tableCsv } from '../pipeline/writable-document.js'
import { extractRepositoryFile, extractText } from './helpers.js'

const markup = /<\/?[a-z][a-z0-9]*[\s>/]|\$|\\%|\^\{?\d|[•○◦▪●■]/

describe('the overview’s tables', () => {
  const { record, raw } = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')
  const table = (id: string) => record.tables.find((candidate) => candidate.id === id) as Table
  const row = (id: string, first: string) =>
    table(id).rows.find((candidate) => candidate.cells[0]?.text.startsWith(first))

  it('finds every table by its caption, with its number of records', () => {
    // Counted in the document: 20 abbreviations; studies 1 to 10 in tables 2
    // and 3; 5 databases; 20 case reports (as the text says); 119 citations in
    // table 5b, Abdallah 2025 to Zweck 2024.
    expect(
      record.tables.map(({ id, caption, shape, rows }) => [id, caption, shape, rows.length]),
    ).toEqual([
      ['1', 'Abbreviations', 'glossary', 20],
      ['2', 'Study details', 'study-details', 10],
      ['3', 'Study outcomes', 'study-outcomes', 10],
      ['4a', 'Main search results', 'search-results', 5],
      [
        '5a',
        'additional studies identified – case reports of adverse events',
        'additional-studies',
        20,
      ],
      ['5b', 'additional studies identified', 'additional-studies', 119],
    ])
  })

  it('keys study rows by number and author, in order', () => {
    expect(table('2').rows.map((candidate) => candidate.cells[0]?.text)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    expect(table('3').rows.map((candidate) => candidate.cells[0]?.text)).toEqual([
      'Møller J, 2024',
      'Thiele H, 2024',
      'Sassani K, 2025',
      'Ardito V, 2023',
      'Bogerd M, 2025',
      'Stub D, 2025',
      'Panuccio G, 2022',
      'Movahed M, 2024',
      'Padberg J-S, 2024',
      'Higuchi, 2024',
    ])
  })

  it('never keeps a repeated header row as data', () => {
    for (const candidate of record.tables) {
      const header = candidate.columns.join('\t')
      expect(
        candidate.rows.filter((data) => data.cells.map((cell) => cell.text).join('\t') === header),
      ).toEqual([])
    }
    expect(
      table('2').droppedLines.filter((line) => line.reason === 'repeated-header'),
    ).toHaveLength(20)
  })

  it('puts continuation text in the right row and cell', () => {
    // Line 154: the page break cut study 2's second column.
    expect(row('2', '2')?.cells[1]?.text).toBe(
      'Thiele H, 2024 Country of individual studies not reported Includes Møller J (2024)',
    )
    // Line 901: the journal of Kishimoto's citation, on the next page.
    expect(row('5a', 'Kishimoto')?.cells[0]?.text).toBe(
      'Kishimoto S, Hiraoka A, Chikazawa G et al. (2025) A case of fatal acute saddle embolism of the terminal aorta after long-term support using Impella CP. Journal of Artificial Organs',
    )
    // Lines 1034 and 1038: a title split after a hyphen.
    expect(row('5b', 'Ikeda Y, Ako J')?.cells[0]?.text).toMatch(
      /\(2023\) Short-Term Outcomes of Impella Support/,
    )
    // Lines 1126 and 1130: the authors on one page, `et al. (2023)` on the next.
    expect(row('5b', 'Nakamura M')?.cells[0]?.text).toMatch(
      /^Nakamura M, Imamura T, Ueno H et al\. \(2023\) Sex-Related/,
    )
    expect(row('5b', 'Nakamura M')?.merges).toEqual([
      {
        line: 1130,
        decision: 'continues-previous-row',
        evidence:
          'first cell `et al. (2023) Sex-Related Differences in…` does not start with authors',
      },
    ])
  })

  it('continues a list that a page break cut inside a cell', () => {
    const characteristics = row('2', '1')?.cells[2]
    expect(
      characteristics?.blocks
        .filter((block) => block.type === 'item')
        .map((block) => [block.depth, block.text]),
    ).toEqual([
      [1, 'C=56%'],
      [1, 'D=28%'],
      [1, 'E=16%'],
      [1, 'Microaxial flow pump=4.6'],
      [1, 'Standard care=4.5'],
    ])
  })

  it('leaves no HTML or LaTeX markup in cell text', () => {
    const cells = record.tables.flatMap((candidate) => candidate.rows.flatMap((data) => data.cells))
    expect(
      cells.filter((cell) => markup.test(cell.text)).map((cell) => cell.text.slice(0, 80)),
    ).toEqual([])
    expect(row('3', 'Sassani')?.cells[1]?.text).toContain(
      'Meta-analysis results=45% (95% CI 43 to 47; I²=89.8%, 18 studies)',
    )
  })

  it('gives each row its exact provenance', () => {
    for (const candidate of record.tables) {
      for (const data of candidate.rows) {
        expect(raw.slice(data.source.offset, data.source.offset + data.source.text.length)).toBe(
          data.source.text,
        )
        // The row's source runs from its first line to its last, and starts
        // with the first line's text.
        const rawLines = raw.split('\n')
        expect(data.source.line).toBe(data.lines[0])
        expect(data.source.text.startsWith(rawLines[(data.lines[0] as number) - 1] as string)).toBe(
          true,
        )
        expect(
          data.source.text.endsWith(rawLines[(data.lines.at(-1) as number) - 1] as string),
        ).toBe(true)
      }
    }
    expect(row('2', '10')?.lines).toEqual([233, 238, 243, 248, 253])
  })

  it('types rows of known shapes', () => {
    expect(row('2', '1')?.typed).toMatchObject({
      studyNumber: 1,
      firstAuthor: 'Møller J',
      year: 2024,
      countries: 'Denmark, Germany, UK',
      n: 355,
      followUp: '180 days',
    })
    expect(row('4a', 'Embase')?.typed).toEqual({
      database: 'Embase',
      date: '2025-05-29',
      platform: 'Ovid',
      version: '1974 to 2025 May 28',
      results: 2827,
    })
    expect(row('5a', 'Asemota')?.typed).toMatchObject({
      authors: 'Asemota D, Kassam Z, Voto C et al.',
      year: 2022,
      title:
        'Pseudoaneurysm Formation After "Preclose"-Assisted Impella Insertion in a Patient With Cardiogenic Shock.',
      journal: 'Journal of Medical Cases 13: 202-206',
      peopleAndFollowUp: 'Case report n=1 STEMI Impella CP',
      reasonNotIncluded: 'Case report',
    })
  })

  it('makes table 1 the glossary', () => {
    expect(record.glossary).toHaveLength(20)
    expect(record.glossary[0]).toMatchObject({
      abbreviation: 'AMI',
      definition: 'Acute myocardial infarction',
    })
    expect(record.glossary.at(-1)).toMatchObject({
      abbreviation: 'VA-ECMO',
      definition: 'Venoarterial extracorporeal membrane oxygenation',
    })
  })

  it('checks the counts the document states about its tables', () => {
    // "lists 138 other relevant studies in appendix B, table 5, including 20
    // case reports": tables 5a and 5b hold 20 + 119 = 139.
    const counts = record.findings.filter((finding) => finding.check === 'table-count')
    expect(counts.map((finding) => finding.message)).toEqual([
      '138 other relevant studies stated, but table 5a (line 880) and table 5b (line 932) have 139 rows',
    ])
    expect(counts[0]?.source.text).toBe('138 other relevant studies')
    expect(counts[0]?.related?.map((source) => source.line)).toEqual([880, 932])
  })

  it('writes CSV with one record per row, that reads back to the same cells', () => {
    // Asemota's title in table 5a quotes "Preclose", Kishimoto's has commas:
    // the round trip goes through RFC 4180's quoting.
    const texts = record.tables.flatMap((candidate) =>
      candidate.rows.flatMap((data) => data.cells.map((cell) => cell.text)),
    )
    expect(texts.some((text) => text.includes('"'))).toBe(true)
    expect(texts.some((text) => text.includes(','))).toBe(true)
    for (const candidate of record.tables) {
      const parsed = Papa.parse<string[]>(tableCsv(candidate), { skipEmptyLines: true })
      expect(parsed.errors).toEqual([])
      expect(parsed.data).toHaveLength(candidate.rows.length + 1)
      expect(parsed.data[0]).toEqual(candidate.columns)
      expect(parsed.data.slice(1)).toEqual(candidate.rows.map((data) => data.cells.map(cellText)))
    }
  })
})

describe('CSV', () => {
  it('quotes as RFC 4180 says: fields with a comma, quote or line break in quotes, quotes doubled, CRLF', () => {
    const plain = (text: string) => ({ text, blocks: [] })
    const table = {
      columns: ['Study', 'Note'],
      rows: [
        { cells: [plain('Smith A, 2020'), plain('called it "Preclose"')] },
        { cells: [plain('Jones B 2021'), plain('plain')] },
        {
          cells: [
            plain('Lee C 2022'),
            {
              text: 'n=10 Male',
              blocks: [
                { type: 'paragraph', depth: 0, text: 'n=10' },
                { type: 'item', depth: 1, text: 'Male' },
              ],
            },
          ],
        },
      ],
    } as unknown as Table
    expect(tableCsv(table)).toBe(
      'Study,Note\r\n"Smith A, 2020","called it ""Preclose"""\r\nJones B 2021,plain\r\nLee C 2022,"n=10\n• Male"\r\n',
    )
  })
})

const header = 'Interventional procedure overview: a made-up procedure for a made-up condition'

/** An overview page by page: each page after the first starts with the running header. */
function pages(...contents: string[][]): string {
  return contents.map((lines) => [header, '', ...lines, ''].join('\n')).join('\n')
}

describe('merges built to break', () => {
  it('joins a row cut inside a list inside a cell, and two page breaks inside one row', () => {
    const heading = 'Study no.\tFirst author, date\tCharacteristics\tStudy design'
    const { record } = extractText(
      pages(
        [
          'Table 2 Study details',
          '',
          heading,
          '1\tSmith A, 2020 UK\tn=10\tRCT',
          '2\tJones B, 2021\t<p>n=20</p> <ul style="x"> • Age=50 • Male',
        ],
        [heading, '\t\tsex=60%'],
        [heading, '\t\t<ul style="x"> • BMI=30 </ul>\tCase series'],
        ['After the table.'],
      ),
    )
    const rows = record.tables[0]?.rows ?? []
    expect(rows.map((data) => data.cells.map((cell) => cell.text))).toEqual([
      ['1', 'Smith A, 2020 UK', 'n=10', 'RCT'],
      ['2', 'Jones B, 2021', 'n=20 Age=50 Male sex=60% BMI=30', 'Case series'],
    ])
    // Row 2 on line 7, its continuations after the headers of pages 2 and 3.
    expect(rows[1]?.lines).toEqual([7, 12, 17])
    expect(
      rows[1]?.cells[2]?.blocks.map((block) => `${block.type}:${block.depth}:${block.text}`),
    ).toEqual(['paragraph:0:n=20', 'item:1:Age=50', 'item:1:Male sex=60%', 'item:1:BMI=30'])
    expect(record.tables[0]?.droppedLines.map((line) => line.reason)).toEqual([
      'repeated-header',
      'repeated-header',
    ])
  })

  it('joins a citation split mid-title, and starts a record at the next authors', () => {
    const heading =
      'Study\tNumber of people and follow up\tDirection of conclusions\tReason study was not included in main evidence summary'
    const { record } = extractText(
      pages(
        [
          'Table 5b additional studies identified',
          '',
          heading,
          'Abbott C, Doe J et al. (2020) A study of pumps in\tn=10\tBetter\tSmall',
        ],
        [
          'severe shock: a registry. Journal of Pumps 3: 1-9\t\t\t',
          "O'Neill BP, Cohen MG (2019) Another study. Heart 1: 2\tn=475\tWorse\tOld",
        ],
        ['Next paragraph.'],
      ),
    )
    const rows = record.tables[0]?.rows ?? []
    expect(rows.map((data) => data.cells[0]?.text)).toEqual([
      'Abbott C, Doe J et al. (2020) A study of pumps in severe shock: a registry. Journal of Pumps 3: 1-9',
      "O'Neill BP, Cohen MG (2019) Another study. Heart 1: 2",
    ])
    expect(rows[0]?.merges[0]?.evidence).toBe(
      'first cell `severe shock: a registry. Journal of Pum…` does not start with authors',
    )
    expect(rows[0]?.typed).toMatchObject({
      authors: 'Abbott C, Doe J et al.',
      year: 2020,
      journal: 'Journal of Pumps 3: 1-9',
    })
  })

  it('reads a study number that does not follow as a continuation', () => {
    const { record } = extractText(
      pages([
        'Table 2 Study details',
        '',
        'Study no.\tFirst author, date\tStudy design',
        '1\tA B, 2020\tRCT',
        '2\tC D, 2021\tCohort',
        '7\tof the trial\t',
      ]),
    )
    const rows = record.tables[0]?.rows ?? []
    expect(rows).toHaveLength(2)
    expect(rows[1]?.merges[0]?.evidence).toBe('study number 7 does not follow 2')
  })

  it('reads HTML and LaTeX-ish cells into plain text', () => {
    const { record } = extractText(
      pages([
        'Table 3 Study outcomes',
        '',
        'First author, date\tEfficacy outcomes\tSafety outcomes',
        'A B, 2020\t<p>Mortality ($p<0.001$)</p><ul><li>$I^2=90\\%$</li><li><i>n</i>=5</li></ul>\t•  Bleeding=4% • Stroke=1%',
      ]),
    )
    const cells = record.tables[0]?.rows[0]?.cells ?? []
    expect(cells[1]?.text).toBe('Mortality (p<0.001) I²=90% n=5')
    expect(cells[1]?.blocks.map((block) => block.type)).toEqual(['paragraph', 'item', 'item'])
    expect(cells[2]?.blocks.map((block) => block.text)).toEqual(['Bleeding=4%', 'Stroke=1%'])
  })
})
