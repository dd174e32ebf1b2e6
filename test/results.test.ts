/**
 * Results: table-driven cases for every form of the result language, through
 * the real pipeline (a one-paragraph document, or a one-row table).
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanTokens, tokenScanner } from '../pipeline/lib/result-grammar.js'
import { measures } from '../pipeline/vocabulary/measures.js'
import type { Result } from '../pipeline/types.js'
import { extractText, repositoryRoot } from './helpers.js'

/** The results of one prose paragraph. */
function prose(sentence: string): Result[] {
  return extractText(`Heading\n\n${sentence}\n`).record.results
}

/** A compact view of a result for comparison. */
function view(result: Result) {
  return {
    kind: result.kind,
    ...(result.measure ? { measure: result.measure } : {}),
    ...(result.adjusted ? { adjusted: true } : {}),
    ...(result.written !== null ? { written: result.written } : {}),
    ...(result.ci ? { ci: [result.ci.level, result.ci.lower, result.ci.upper] } : {}),
    ...(result.p ? { p: `${result.p.relation}${result.p.value ?? ''}` } : {}),
    ...(result.heterogeneity
      ? { i2: [result.heterogeneity.iSquared, result.heterogeneity.studies] }
      : {}),
    ...(result.numerator !== null ? { fraction: [result.numerator, result.denominator] } : {}),
    ...(result.spread
      ? { spread: [result.spread.kind, result.spread.lower, result.spread.upper] }
      : {}),
  }
}

const cases: [string, string, ReturnType<typeof view>[]][] = [
  [
    'RR with CI',
    'The risk was higher (RR 2.06, 95% CI 1.15 to 3.66).',
    [{ kind: 'effect', measure: 'RR', written: '2.06', ci: [95, 1.15, 3.66] }],
  ],
  [
    'OR with =',
    'Sepsis was similar (OR=1.28, 95% CI 0.87 to 1.88).',
    [{ kind: 'effect', measure: 'OR', written: '1.28', ci: [95, 0.87, 1.88] }],
  ],
  [
    'HR of, bracketed CI, p',
    'Mortality was lower (HR of 0.74 [95% CI 0.55 to 0.99], p=0.04).',
    [{ kind: 'effect', measure: 'HR', written: '0.74', ci: [95, 0.55, 0.99], p: '=0.04' }],
  ],
  [
    'MD with negative bounds',
    'Stay was shorter (MD=-5.31, 95% CI -6.55 to -4.06, p<0.001).',
    [{ kind: 'effect', measure: 'MD', written: '-5.31', ci: [95, -6.55, -4.06], p: '<0.001' }],
  ],
  [
    'adjusted OR and aOR',
    'Age (adjusted OR 1.13, 95% CI 1.06 to 1.20) and sex (aOR 0.9, 95% CI 0.8 to 1.1).',
    [
      { kind: 'effect', measure: 'OR', adjusted: true, written: '1.13', ci: [95, 1.06, 1.2] },
      { kind: 'effect', measure: 'OR', adjusted: true, written: '0.9', ci: [95, 0.8, 1.1] },
    ],
  ],
  [
    'mean between-group difference',
    'The mean between-group difference=8 (95% CI 2 to 14).',
    [{ kind: 'effect', measure: 'MD', written: '8', ci: [95, 2, 14] }],
  ],
  [
    'subgroup label before =',
    '• Age 70 years or above=0.81 (95% CI 0.63 to 1.05)',
    [{ kind: 'estimate', written: '0.81', ci: [95, 0.63, 1.05] }],
  ],
  [
    'percentage CI with % on the bound',
    'The pooled rate was 45% (95% CI 43 to 47%).',
    [{ kind: 'estimate', written: '45', ci: [95, 43, 47] }],
  ],
  [
    'other CI level',
    'The rate was 12% (90% CI 10 to 14).',
    [{ kind: 'estimate', written: '12', ci: [90, 10, 14] }],
  ],
  [
    'group between estimate and CI, studies and I²',
    'Mortality was 45% for microaxial flow pumps (95% CI 40 to 49, 39 papers, I²=96%).',
    [{ kind: 'estimate', written: '45', ci: [95, 40, 49], i2: [96, 39] }],
  ],
  [
    'LaTeX p and I², written together',
    'It was 44% (95% CI 39 to 50; $I^2=90.6\\%$, 42 papers), $p < 0.001$.',
    [{ kind: 'estimate', written: '44', ci: [95, 39, 50], p: '<0.001', i2: [90.6, 42] }],
  ],
  [
    'I with a spaced superscript',
    'RR=1.45, 95% CI 1.28 to 1.64, p<0.001, 4 studies, I ² =73%',
    [
      {
        kind: 'effect',
        measure: 'RR',
        written: '1.45',
        ci: [95, 1.28, 1.64],
        p: '<0.001',
        i2: [73, 4],
      },
    ],
  ],
  [
    'p value not reported',
    'RR 4.74, 95% CI 2.36 to 9.55, p value not reported',
    [{ kind: 'effect', measure: 'RR', written: '4.74', ci: [95, 2.36, 9.55], p: 'not-reported' }],
  ],
  [
    'proportion n/N',
    'Microaxial flow pump group=15.6% (28/179)',
    [{ kind: 'proportion', written: '15.6', fraction: [28, 179] }],
  ],
  [
    'proportion out of, brackets',
    'Bleeding was 46% [82 out of 179] and 28% (143 out of 506).',
    [
      { kind: 'proportion', written: '46', fraction: [82, 179] },
      { kind: 'proportion', written: '28', fraction: [143, 506] },
    ],
  ],
  [
    'proportion with thousands',
    'It was 59.0% (19,367/32,804).',
    [{ kind: 'proportion', written: '59.0', fraction: [19367, 32804] }],
  ],
  [
    'count with percent, and of N',
    'Placed in 170 (95.0%); IABP 809 (83%) of 978 people.',
    [
      { kind: 'proportion', written: '95.0', fraction: [170, null] },
      { kind: 'proportion', written: '83', fraction: [809, 978] },
    ],
  ],
  [
    'sample size with breakdown',
    'n=355 (179 microaxial flow pump)',
    [{ kind: 'sample-size', written: '355' }],
  ],
  [
    'median with IQR',
    'Median age=69 years (IQR 58 to 77)',
    [{ kind: 'summary', written: '69', spread: ['IQR', 58, 77] }],
  ],
  [
    'mean with range',
    'Mean=45% (range 28 to 67%)',
    [{ kind: 'summary', written: '45', spread: ['range', 28, 67] }],
  ],
  ['percentage alone', 'Male sex=79%', [{ kind: 'percentage', written: '79' }]],
  [
    'bare interval beside a labelled one',
    'Mortality was 72.7% (95% CI 64.2 to 80.7) versus 51.4% (46.7 to 56.3).',
    [
      { kind: 'estimate', written: '72.7', ci: [95, 64.2, 80.7] },
      { kind: 'estimate', written: '51.4', ci: [95, 46.7, 56.3] },
    ],
  ],
  ['range not read as a CI', 'Days alive=82 (0 to 177)', []],
]

describe('the result language', () => {
  it.each(cases)('%s', (_name, sentence, expected) => {
    const results = prose(sentence).filter((result) => expected.length > 0 || result.ci)
    expect(results.map(view)).toEqual(expected)
  })

  it('keeps numbers as written beside their values', () => {
    const [result] = prose('Mortality was 45.0% (95% CI 40.0 to 50.0).')
    expect(result).toMatchObject({
      value: 45,
      written: '45.0',
      ci: { lower: 40, lowerWritten: '40.0', upper: 50, upperWritten: '50.0' },
    })
  })

  it('does not read years, ids or timepoints as estimates', () => {
    const results = prose(
      'In the 2024 trial (NCT06644963), 30-day mortality was reported by Møller (2024).',
    )
    expect(results.filter((result) => result.ci)).toEqual([])
    expect(results.map((result) => result.kind)).toEqual([])
  })
})

describe('context', () => {
  it('finds the study cited in the sentence, the group and the timepoint', () => {
    const [rate, ratio] = prose(
      'Moderate or severe bleeding at 30 days was reported in 28% (143 out of 506) of people who had MCS (OR 2.64, 95% CI 1.91 to 3.65) in the individual patient data meta-analysis (Thiele 2024).',
    )
    expect(rate?.context).toMatchObject({
      study: 'Thiele 2024',
      group: 'MCS',
      timepoint: 'at 30 days',
    })
    expect(ratio?.context.study).toBe('Thiele 2024')
  })

  it('reads a table cell: the row’s study, the label as group, the heading block as outcome', () => {
    const { record } = extractText(
      [
        'Table 3 Study outcomes',
        '',
        'First author, date\tEfficacy outcomes\tSafety outcomes',
        'Møller J, 2024\t<p>Death from any cause at 180 days</p><ul> • Microaxial flow pump group=45.8% (82/179) • Standard care group=58.5% (103/176) </ul><p>HR=0.74, 95% CI 0.55 to 0.99, $p=0.04$</p>\tNone',
      ].join('\n'),
    )
    expect(
      record.results.map((result) => [
        result.kind,
        result.written,
        result.context.study,
        result.context.group,
        result.context.outcome,
        result.context.timepoint,
      ]),
    ).toEqual([
      [
        'proportion',
        '45.8',
        'Møller J, 2024',
        'Microaxial flow pump group',
        'Death from any cause at 180 days',
        'at 180 days',
      ],
      [
        'proportion',
        '58.5',
        'Møller J, 2024',
        'Standard care group',
        'Death from any cause at 180 days',
        'at 180 days',
      ],
      ['effect', '0.74', 'Møller J, 2024', null, 'Death from any cause at 180 days', 'at 180 days'],
    ])
    expect(record.results[0]?.context.location).toEqual({
      type: 'table',
      table: '3',
      row: 1,
      column: 'Efficacy outcomes',
    })
  })

  it('points at the raw characters, in prose and in cells', () => {
    const text = 'Heading\n\nRisk was higher (RR 2.06, 95% CI 1.15 to 3.66, $p=0.01$).\n'
    const { record } = extractText(text)
    const [result] = record.results
    expect(result?.source.text).toBe('RR 2.06, 95% CI 1.15 to 3.66, $p=0.01')
    expect(
      text.slice(
        result?.source.offset,
        (result?.source.offset ?? 0) + (result?.source.text.length ?? 0),
      ),
    ).toBe(result?.source.text)
    expect([result?.source.line, result?.source.column]).toEqual([3, 18])
  })
})

describe('the scanner’s start filter', () => {
  // The filter only skips positions; with one that lets every position
  // through, the scan must find the very same tokens.
  const everyPosition = tokenScanner(String.raw`[\s\S]`)

  it('finds the same tokens as the patterns alone, in every input text', () => {
    const files = readdirSync(path.join(repositoryRoot, 'input'), { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.txt'))
    expect(files.length).toBeGreaterThanOrEqual(6)
    let count = 0
    for (const name of files) {
      const text = readFileSync(path.join(repositoryRoot, 'input', name), 'utf8')
      const tokens = scanTokens(text)
      count += tokens.length
      expect(tokens).toEqual(scanTokens(text, everyPosition))
    }
    // The overview alone has thousands.
    expect(count).toBeGreaterThan(4000)
  })

  it('finds the same tokens as the patterns alone, in generated texts', () => {
    const piece = fc.constantFrom(
      ...'0123456789 .,;:()[]-−–%=<>≤≥²/'.split(''),
      ...['CI', 'I', 'I2', 'IRR', 'p', 'P', 'p-value', 'values', 'a', 'aOR', 'aHR', 'aRR'],
      ...['adjusted', 'RR', 'OR', 'HR', 'MD', 'SMD', 'RD', 'WMD', 'Risk', 'risk', 'ratio'],
      ...['relative', 'Odds', 'odds', 'hazard', 'Hazard', 'standardised', 'Mean', 'mean'],
      ...['difference', 'n', 'N', 'range', 'ranged', 'varied', 'from', 'to', 'of', 'out'],
      ...['IQR', 'SD', 'studies', 'people', 'and', 'not', 'reported', 'was', 'x', 'e'],
      // Every measure's abbreviations and the words of its spellings, in both cases.
      ...measures.flatMap((measure) => [
        measure.abbreviation,
        `a${measure.abbreviation}`,
        ...measure.abbreviations,
        ...measure.spellings.flatMap((spelling) => spelling.split(' ')),
        ...measure.spellings.map((spelling) => spelling[0]?.toUpperCase() + spelling.slice(1)),
      ]),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join(pieces.length % 3 === 0 ? '' : ' ')
        expect(scanTokens(text)).toEqual(scanTokens(text, everyPosition))
      }),
      { numRuns: 20_000 },
    )
  })
})
