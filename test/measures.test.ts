/**
 * The measures vocabulary: every measure, abbreviated and spelled, read as
 * its recorded abbreviation; `rate ratio` and `incidence rate ratio` typed
 * (`IRR`); the checks on a ratio (null 1, log scale) and on a difference
 * (null 0) follow the measure's scale; the schema's enum of `measure` is the
 * vocabulary. Texts are sentences of a made-up drug trial, not of the five
 * example documents.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Result } from '../pipeline/types.js'
import {
  measureAbbreviations,
  measures,
  normaliseMeasure,
  nullValueOf,
} from '../pipeline/vocabulary/measures.js'
import { extractText, repositoryRoot } from './helpers.js'

/** The effects of one prose paragraph under a heading. */
function effects(sentence: string): Pick<Result, 'kind' | 'measure' | 'value'>[] {
  return extractText(`Results\n\n${sentence}\n`)
    .record.results.filter((result) => result.kind === 'effect')
    .map(({ kind, measure, value }) => ({ kind, measure, value }))
}

/** The findings of one prose paragraph, as `severity check`. */
function findings(sentence: string): string[] {
  return extractText(`Results\n\n${sentence}\n`).record.findings.map(
    (finding) => `${finding.severity} ${finding.check}`,
  )
}

describe('measures vocabulary', () => {
  it.each([
    [
      'incidence rate ratio',
      'Exacerbations fell (incidence rate ratio 0.62, 95% CI 0.50 to 0.77).',
      'IRR',
      0.62,
    ],
    ['rate ratio', 'Admissions fell (rate ratio 0.81, 95% CI 0.70 to 0.94).', 'IRR', 0.81],
    ['IRR', 'Falls were fewer with the drug (IRR=0.71, 95% CI 0.58 to 0.87).', 'IRR', 0.71],
    ['Risk ratio', 'Risk ratio 1.40 (95% CI 1.10 to 1.78) for nausea.', 'RR', 1.4],
    ['relative risk', 'The relative risk was 0.88 (95% CI 0.79 to 0.98).', 'RR', 0.88],
    ['odds ratio', 'Remission was likelier (odds ratio of 2.1, 95% CI 1.4 to 3.2).', 'OR', 2.1],
    [
      'hazard ratio',
      'Progression was slower (hazard ratio 0.66, 95% CI 0.52 to 0.84).',
      'HR',
      0.66,
    ],
    ['ratio of means', 'Pain scores fell (ratio of means 0.85, 95% CI 0.77 to 0.94).', 'RoM', 0.85],
    ['mean difference', 'HbA1c fell (mean difference -0.4, 95% CI -0.6 to -0.2).', 'MD', -0.4],
    [
      'weighted mean difference',
      'Weight fell (weighted mean difference -2.3, 95% CI -3.1 to -1.5).',
      'WMD',
      -2.3,
    ],
    [
      'standardised mean difference',
      'Mood improved (standardised mean difference 0.31, 95% CI 0.12 to 0.50).',
      'SMD',
      0.31,
    ],
    [
      'standardized mean difference',
      'Mood improved (standardized mean difference 0.31, 95% CI 0.12 to 0.50).',
      'SMD',
      0.31,
    ],
    [
      'risk difference',
      'Fewer had rashes (risk difference -0.05, 95% CI -0.08 to -0.02).',
      'RD',
      -0.05,
    ],
    [
      'absolute risk reduction',
      'The absolute risk reduction was 4.2 (95% CI 1.9 to 6.5).',
      'ARR',
      4.2,
    ],
    ['number needed to treat', 'The number needed to treat was 24 (95% CI 15 to 53).', 'NNT', 24],
    ['number needed to harm', 'The number needed to harm was 41.', 'NNH', 41],
  ])('reads %s', (_name, sentence, measure, value) => {
    expect(effects(sentence)).toEqual([{ kind: 'effect', measure, value }])
  })

  it('tells the measures apart where one name ends another', () => {
    expect(
      effects(
        'Both fell (incidence rate ratio 0.62, 95% CI 0.50 to 0.77; SMD 0.3, 95% CI 0.1 to 0.5).',
      ),
    ).toEqual([
      { kind: 'effect', measure: 'IRR', value: 0.62 },
      { kind: 'effect', measure: 'SMD', value: 0.3 },
    ])
  })

  it('normalises every written form to its recorded abbreviation, and nothing else', () => {
    for (const measure of measures) {
      for (const written of [measure.abbreviation, ...measure.abbreviations, ...measure.spellings])
        expect(normaliseMeasure(written)).toBe(measure.abbreviation)
    }
    expect(normaliseMeasure('Rate ratio')).toBe('IRR')
    expect(normaliseMeasure('ratio')).toBeUndefined()
  })

  it('gives ratios the null 1 and differences the null 0', () => {
    expect(['RR', 'OR', 'HR', 'IRR', 'RoM'].map(nullValueOf)).toEqual([1, 1, 1, 1, 1])
    expect(['MD', 'WMD', 'SMD', 'RD', 'ARR'].map(nullValueOf)).toEqual([0, 0, 0, 0, 0])
    expect(['NNT', 'NNH'].map(nullValueOf)).toEqual([undefined, undefined])
  })

  it('checks a rate ratio as a ratio: p against a CI that excludes 1, the CI on the log scale', () => {
    expect(findings('Falls fell (rate ratio 0.62, 95% CI 0.50 to 0.77, p=0.40).')).toEqual([
      'error p-vs-ci',
    ])
    expect(
      findings('Falls fell (incidence rate ratio 0.62, 95% CI 0.50 to 0.77, p<0.001).'),
    ).toEqual([])
    expect(findings('Falls fell (incidence rate ratio 1.6, 95% CI 0.63 to 2.15).')).toEqual([
      'warning ci-asymmetric',
    ])
  })

  it('checks a difference against the null 0, not 1', () => {
    // The CI excludes 0 (and includes 1): p=0.40 cannot be right for a difference.
    expect(
      findings('Scores rose (absolute risk reduction 0.9, 95% CI 0.3 to 1.5, p=0.40).'),
    ).toEqual(['error p-vs-ci'])
    expect(
      findings('Scores rose (absolute risk reduction 0.9, 95% CI 0.3 to 1.5, p=0.003).'),
    ).toEqual([])
  })

  it('is the enum of `measure` in the document schema', () => {
    const schema = JSON.parse(
      readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8'),
    ) as { $defs: { result: { properties: { measure: { enum: unknown[] } } } } }
    expect(schema.$defs.result.properties.measure.enum).toEqual([...measureAbbreviations, null])
  })
})
