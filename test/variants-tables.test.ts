/**
 * Tables and results of a variant overview
 * (`test/fixtures/overview-tables-paged/input.txt`), against counts, cells
 * and figures read from the document by a person: a study-details row split
 * across 3 pages with the header repeated on each, a nested list (`○`) cut by
 * a page break, an outcomes row whose list goes on after the break, a
 * citation cut after `et al.`, a continuation that is only a journal name
 * (`Heart, Lung and Circulation …`), and prose results with their CIs and p.
 */

import { describe, expect, it } from 'vitest'
import type { Result, Table } from '../pipeline/types.js'
import { extractRepositoryFile } from './helpers.js'

const file = 'test/fixtures/overview-tables-paged/input.txt'

describe('a variant overview’s tables', () => {
  const { record, raw } = extractRepositoryFile(file)
  const table = (id: string) => record.tables.find((candidate) => candidate.id === id) as Table
  const row = (id: string, first: string) =>
    table(id)?.rows.find((candidate) => candidate.cells[0]?.text.startsWith(first))

  it('finds every table by its caption, with its number of records', () => {
    // Counted in the document: 9 abbreviations; studies 1 to 4 in tables 2
    // and 3; 6 citations in table 5, Avery 2021 to Fujimoto 2023.
    expect(
      record.tables.map(({ id, caption, shape, rows }) => [id, caption, shape, rows.length]),
    ).toEqual([
      ['1', 'Abbreviations', 'glossary', 9],
      ['2', 'Study details', 'study-details', 4],
      ['3', 'Study outcomes', 'study-outcomes', 4],
      ['5', 'Additional studies identified', 'additional-studies', 6],
    ])
  })

  it('keys the rows by study number, author and citation, in order', () => {
    expect(table('2').rows.map((data) => data.cells[0]?.text)).toEqual(['1', '2', '3', '4'])
    expect(table('3').rows.map((data) => data.cells[0]?.text)).toEqual([
      'Okafor C, 2024',
      'Lindgren P, 2023',
      'Haddad R, 2022',
      'Moreau A, 2024',
    ])
    expect(
      table('5').rows.map((data) =>
        data.typed && 'authors' in data.typed ? data.typed.authors : null,
      ),
    ).toEqual([
      'Avery J, Brennan T, Collins M et al.',
      'Bauer K, Fischer L, Neumann S et al.',
      'Chen Y, Liu H, Wang Q',
      'Dimitriou A, Papadakis E, Kostas N et al.',
      'Evans R, Patel N',
      'Fujimoto K, Sato T, Yamada H et al.',
    ])
  })

  it('drops the header row repeated on each page of tables 2 and 3', () => {
    // Table 2 runs over 4 pages (header repeated 3 times), table 3 over 2.
    expect(
      table('2').droppedLines.filter((line) => line.reason === 'repeated-header'),
    ).toHaveLength(3)
    expect(
      table('3').droppedLines.filter((line) => line.reason === 'repeated-header'),
    ).toHaveLength(1)
    for (const candidate of record.tables) {
      const header = candidate.columns.join('\t')
      expect(
        candidate.rows.filter((data) => data.cells.map((cell) => cell.text).join('\t') === header),
      ).toEqual([])
    }
  })

  it('joins study 2, cut by 2 page breaks, cell by cell', () => {
    const study = row('2', '2')
    // Line 69 on one page, lines 74 and 79 after the repeated header.
    expect(study?.lines).toEqual([69, 74, 79])
    expect(study?.merges.map((merge) => [merge.line, merge.decision])).toEqual([
      [74, 'continues-previous-row'],
      [79, 'continues-previous-row'],
    ])
    expect(study?.cells.map((cell) => cell.text)).toEqual([
      '2',
      'Lindgren P, 2023 Countries of individual studies not reported',
      'n=2,810 (1,377 CDT) Indication: intermediate-risk or intermediate-high-risk PE Mean age ranged from 55 to 68 years Cause of PE: Provoked=41% Unprovoked=59% Right ventricular dysfunction on imaging was required in 12 of the 16 studies.',
      'Systematic review and meta-analysis 16 studies were included (6 randomised controlled trials and 10 observational studies). The primary outcome was all-cause mortality at 30 days or in hospital. Search date: January 2023',
      'Studies comparing CDT with anticoagulation alone in adults with intermediate-risk PE were included. Studies of people with high-risk PE were excluded.',
      'CDT (standard or ultrasound-assisted)=1,377 Anticoagulation alone=1,433',
      '30 days or in hospital',
    ])
  })

  it('continues a nested list (`○`) that a page break cut inside a cell', () => {
    expect(
      row('2', '2')?.cells[2]?.blocks.map((block) => [block.type, block.depth, block.text]),
    ).toEqual([
      ['paragraph', 0, 'n=2,810 (1,377 CDT)'],
      ['paragraph', 0, 'Indication: intermediate-risk or intermediate-high-risk PE'],
      ['item', 1, 'Mean age ranged from 55 to 68 years'],
      ['item', 1, 'Cause of PE:'],
      ['item', 2, 'Provoked=41%'],
      ['item', 2, 'Unprovoked=59%'],
      [
        'paragraph',
        0,
        'Right ventricular dysfunction on imaging was required in 12 of the 16 studies.',
      ],
    ])
  })

  it('joins study 4, whose design cell a page break cut mid-date', () => {
    const study = row('2', '4')
    expect(study?.lines).toEqual([81, 86])
    expect(study?.cells[2]?.text).toBe(
      'n=1,000 (all CDT) Indication: intermediate-high-risk PE Median age=66 years (IQR 56 to 75) Male sex=49%',
    )
    expect(study?.typed).toMatchObject({
      studyNumber: 4,
      firstAuthor: 'Moreau A',
      year: 2024,
      countries: 'France',
      n: 1000,
      design: 'Retrospective multicentre registry (FRANCE-PE) January 2018 to December 2022',
      followUp: '90 days',
    })
  })

  it('continues an outcomes list after the repeated header of table 3', () => {
    const okafor = row('3', 'Okafor')
    expect(okafor?.lines).toEqual([91, 96])
    expect(
      okafor?.cells[1]?.blocks.map((block) => `${block.type}:${block.depth}:${block.text}`),
    ).toEqual([
      'paragraph:0:Composite of all-cause mortality or haemodynamic decompensation within 7 days',
      'item:1:USCDT group=4.0% (11/272)',
      'item:1:Anticoagulation group=8.5% (23/272)',
      'paragraph:0:OR 0.46, 95% CI 0.22 to 0.96, p=0.04',
      'paragraph:0:All-cause mortality at 30 days',
      'item:1:USCDT group=2.9% (8/272)',
      'item:1:Anticoagulation group=4.0% (11/272)',
      'paragraph:0:p=0.48',
    ])
    expect(okafor?.cells[2]?.text).toBe(
      'Major bleeding within 7 days USCDT group=5.1% (14/272) Anticoagulation group=2.2% (6/272) RR 2.33, 95% CI 0.91 to 5.98 Intracranial haemorrhage USCDT group=0.7% (2/272) Anticoagulation group=0.4% (1/272)',
    )
  })

  it('joins a citation cut after `et al.`, its other cells with it', () => {
    const bauer = row('5', 'Bauer')
    expect(bauer?.lines).toEqual([224, 228])
    expect(bauer?.cells.map((cell) => cell.text)).toEqual([
      'Bauer K, Fischer L, Neumann S et al. (2023) Catheter-directed thrombolysis for pulmonary embolism in routine practice: results of a German registry. Clinical Research in Cardiology 112: 1502-11',
      'Prospective multicentre registry n=310 Intermediate-high-risk PE',
      'In-hospital mortality was 2.6% and major bleeding occurred in 5.2% of people.',
      'A larger registry is included.',
    ])
    expect(bauer?.typed).toMatchObject({
      authors: 'Bauer K, Fischer L, Neumann S et al.',
      year: 2023,
      title:
        'Catheter-directed thrombolysis for pulmonary embolism in routine practice: results of a German registry.',
      journal: 'Clinical Research in Cardiology 112: 1502-11',
    })
  })

  it('joins a continuation that is only the journal, though it has a comma', () => {
    const dimitriou = row('5', 'Dimitriou')
    expect(dimitriou?.lines).toEqual([230, 234])
    expect(dimitriou?.cells[0]?.text).toBe(
      'Dimitriou A, Papadakis E, Kostas N et al. (2020) Early outcomes of catheter-directed thrombolysis in intermediate-high-risk pulmonary embolism: a prospective study. Heart, Lung and Circulation 29: 1466-73',
    )
    expect(dimitriou?.typed).toMatchObject({
      year: 2020,
      journal: 'Heart, Lung and Circulation 29: 1466-73',
    })
    expect(table('5').rows.filter((data) => data.cells[0]?.text.startsWith('Heart,'))).toEqual([])
  })

  it('leaves no markup in cell text and gives each row its exact provenance', () => {
    const markup = /<\/?[a-z][a-z0-9]*[\s>/]|\$|\\%|\^\{?\d|[•○]/
    const cells = record.tables.flatMap((candidate) => candidate.rows.flatMap((data) => data.cells))
    expect(cells.filter((cell) => markup.test(cell.text)).map((cell) => cell.text)).toEqual([])
    for (const candidate of record.tables) {
      for (const data of candidate.rows) {
        expect(raw.slice(data.source.offset, data.source.offset + data.source.text.length)).toBe(
          data.source.text,
        )
        expect(data.source.line).toBe(data.lines[0])
      }
    }
  })

  it('makes table 1 the glossary', () => {
    expect(record.glossary.map((entry) => entry.abbreviation)).toEqual([
      'CDT',
      'CI',
      'OR',
      'PE',
      'RCT',
      'RR',
      'RV/LV',
      'sPESI',
      'USCDT',
    ])
  })
})

describe('a variant overview’s results', () => {
  const { record } = extractRepositoryFile(file)
  const view = (result: Result | undefined) =>
    result && {
      kind: result.kind,
      measure: result.measure,
      written: result.written,
      ci: result.ci && [result.ci.level, result.ci.lowerWritten, result.ci.upperWritten],
      p: result.p && `${result.p.relation}${result.p.written.replace(/^p\s*[=<>]\s*/i, '')}`,
      location: result.context.location.type,
    }
  const inProse = record.results.filter((result) => result.context.location.type === 'prose')
  const find = (results: readonly Result[], written: string, measure: string | null = null) =>
    results.find((result) => result.written === written && result.measure === measure)

  it('reads two estimates with their own CIs and the OR that compares them', () => {
    // `mortality at 90 days was 12% (95% CI 9 to 15%) in the CDT group and 15%
    // (95% CI 11 to 19%) in the anticoagulation group (OR 0.77, 95%` + page
    // break + `CI 0.55 to 1.08, p=0.13; Haddad 2022)`.
    expect(view(find(inProse, '12'))).toEqual({
      kind: 'estimate',
      measure: null,
      written: '12',
      ci: [95, '9', '15'],
      p: null,
      location: 'prose',
    })
    expect(view(find(inProse, '15'))).toEqual({
      kind: 'estimate',
      measure: null,
      written: '15',
      ci: [95, '11', '19'],
      p: null,
      location: 'prose',
    })
    const ratio = find(inProse, '0.77', 'OR')
    expect(view(ratio)).toEqual({
      kind: 'effect',
      measure: 'OR',
      written: '0.77',
      ci: [95, '0.55', '1.08'],
      p: '=0.13',
      location: 'prose',
    })
    expect(ratio?.value).toBe(0.77)
    expect(ratio?.context.study).toBe('Haddad 2022')
  })

  it('reads effects with CI and p in prose', () => {
    const decompensation = find(inProse, '0.31', 'RR')
    expect(view(decompensation)).toMatchObject({ ci: [95, '0.10', '0.93'], p: '=0.04' })
    expect(decompensation?.ci?.lower).toBe(0.1)
    expect(decompensation?.context.study).toBe('Okafor 2024')
    const bleeding = find(inProse, '1.59', 'OR')
    expect(view(bleeding)).toMatchObject({ ci: [95, '1.12', '2.25'], p: '=0.009' })
    expect(bleeding?.heterogeneity?.iSquared).toBe(0)
    expect(bleeding?.context.study).toBe('Lindgren 2023')
  })

  it('reads proportions in prose', () => {
    expect(
      inProse
        .filter((result) => result.kind === 'proportion')
        .map((result) => [result.written, result.numerator, result.denominator]),
    ).toEqual([
      ['2.9', 8, 272],
      ['4.0', 11, 272],
      ['5.2', 72, 1377],
      ['8.0', 115, 1433],
      ['3.6', 36, 1000],
      ['1.5', 4, 272],
      ['4.8', 13, 272],
      ['5.1', 14, 272],
      ['2.2', 6, 272],
      ['0.7', 2, 272],
      ['0.4', 1, 272],
      ['0.6', 6, 1000],
    ])
  })

  it('reads results in table cells with their row, group and outcome', () => {
    const inTable = record.results.filter((result) => result.context.location.type === 'table')
    const composite = find(inTable, '0.46', 'OR')
    expect(view(composite)).toEqual({
      kind: 'effect',
      measure: 'OR',
      written: '0.46',
      ci: [95, '0.22', '0.96'],
      p: '=0.04',
      location: 'table',
    })
    expect(composite?.context).toMatchObject({
      study: 'Okafor C, 2024',
      location: { type: 'table', table: '3', row: 1, column: 'Efficacy outcomes' },
    })
    // After the page break: the item still under its heading block.
    const afterBreak = inTable.find(
      (result) =>
        result.kind === 'proportion' &&
        result.context.group === 'Anticoagulation group' &&
        result.numerator === 11,
    )
    expect(afterBreak).toMatchObject({
      written: '4.0',
      denominator: 272,
      context: { study: 'Okafor C, 2024', outcome: 'All-cause mortality at 30 days' },
    })
    const pooled = find(inTable, '0.62', 'OR')
    expect(view(pooled)).toMatchObject({ ci: [95, '0.45', '0.85'], p: '=0.003' })
    expect(pooled?.heterogeneity).toMatchObject({ iSquared: 21, studies: 16 })
  })

  it('finds nothing wrong in numbers that agree', () => {
    // Every percentage is its n/N, every p agrees with its CI, the stated
    // counts (4 key studies, 6 other studies) match the tables, and the text
    // repeats the tables' figures exactly.
    expect(
      record.findings
        .filter((finding) => finding.severity !== 'info')
        .map((finding) => `${finding.check} ${finding.source.line}: ${finding.message}`),
    ).toEqual([])
  })
})
