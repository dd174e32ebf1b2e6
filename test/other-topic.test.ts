/**
 * A whole overview of another topic (robot-assisted total knee replacement,
 * made up for this test, not one of the five example documents): the same
 * structure (kind, contents, section levels, tables and their shapes, typed
 * rows, results in context) and the same checks as the example overview.
 * Every expected value is read from the text below.
 */

import { describe, expect, it } from 'vitest'
import { allSections, extractText } from './helpers.js'

const lines = [
  'Interventional procedure overview of robot-assisted total knee replacement',
  '',
  'Contents',
  '',
  'The procedure, condition, current practice and unmet need\t2',
  'Evidence summary\t3',
  'Population and studies description\t3',
  'Efficacy\t4',
  'Safety\t5',
  'References\t6',
  '',
  'The procedure, condition, current practice and unmet need',
  '',
  'Robot-assisted total knee replacement uses a robotic arm to guide the bone cuts.',
  '',
  'Evidence summary',
  '',
  'Population and studies description',
  '',
  'This overview presents 3 studies as the key evidence in table 2 and table 3. The evidence included 1 randomised controlled trial, 1 registry study and 2 case series.',
  '',
  'Table 2 Study details',
  '',
  'Study no.\tFirst author, date country\tCharacteristics of people in the study\tStudy design\tFollow up',
  '1\tOkafor A, 2022 Nigeria\tn=200, mean age 67 years\tRandomised controlled trial\t12 months',
  '2\tLindqvist M, 2021 Sweden\tn=1,050\tRegistry study\t24 months',
  '',
  'Table 3 Study outcomes',
  '',
  'First author, date\tEfficacy outcomes\tSafety outcomes',
  'Okafor A, 2022\t<p>Knee Society score at 12 months</p> <p>MD 3.6, 95% CI 1.2 to 6.0, p=0.003</p>\t<p>Deep infection</p> <ul> • Robotic group=2.5% (3/200) </ul>',
  'Lindqvist M, 2021\t<p>Revision at 2 years</p> <p>HR 0.70, 95% CI 0.52 to 0.94</p>\t<p>Stiffness needing manipulation</p> <p>RR=0.84, 95% CI 78 to 86</p>',
  '',
  'Efficacy',
  '',
  'The Knee Society score at 12 months was higher in the robotic group (MD 3.6, 95% CI 1.2 to 6.0, p=0.003) in the randomised controlled trial of 200 people (Okafor 2022).',
  '',
  'Safety',
  '',
  'Deep infection was reported in 1.5% (3/200) of people who had robotic surgery (Okafor 2022). Readmission was less likely after robotic surgery (OR 0.50, 95% CI 0.30 to 0.80, p=0.40) in the registry study (Lindqvist 2021).',
  '',
  'References',
  '',
  '1. Okafor A, Lee B (2022) Robotic knee replacement. Knee 12: 1-9.',
  '',
]
const text = lines.join('\n')
/** The 1-based line of the first line that includes `fragment`. */
const lineOf = (fragment: string) => lines.findIndex((line) => line.includes(fragment)) + 1

describe('an overview of robot-assisted knee replacement', () => {
  const { record, messages } = extractText(text)

  it('reads without errors, as an overview', () => {
    expect(messages.filter((message) => message.includes('error'))).toEqual([])
    expect(record.metadata.kind).toBe('procedure-overview')
    expect(record.contents.map((entry) => entry.title)).toEqual([
      'The procedure, condition, current practice and unmet need',
      'Evidence summary',
      'Population and studies description',
      'Efficacy',
      'Safety',
      'References',
    ])
  })

  it('has the sections at their levels', () => {
    expect(allSections(record.sections).map(({ heading, level }) => [level, heading])).toEqual([
      [1, 'The procedure, condition, current practice and unmet need'],
      [1, 'Evidence summary'],
      [2, 'Population and studies description'],
      [2, 'Efficacy'],
      [2, 'Safety'],
      [1, 'References'],
    ])
  })

  it('has the tables with their shapes and typed rows', () => {
    expect(record.tables.map(({ id, shape, rows }) => [id, shape, rows.length])).toEqual([
      ['2', 'study-details', 2],
      ['3', 'study-outcomes', 2],
    ])
    expect(
      record.tables[0]?.rows.map(
        (row) => row.typed && 'n' in row.typed && [row.typed.firstAuthor, row.typed.n],
      ),
    ).toEqual([
      ['Okafor A', 200],
      ['Lindqvist M', 1050],
    ])
  })

  it('reads the results in their context', () => {
    const view = (source: string) => {
      const result = record.results.find((candidate) => candidate.source.text.startsWith(source))
      return result && [result.measure, result.context.study, result.context.outcome]
    }
    expect(view('MD 3.6, 95% CI 1.2 to 6.0, p=0.003')).toEqual([
      'MD',
      'Okafor A, 2022',
      'Knee Society score at 12 months',
    ])
    expect(view('HR 0.70')).toEqual(['HR', 'Lindqvist M, 2021', 'Revision at 2 years'])
    expect(view('2.5% (3/200)')).toEqual([null, 'Okafor A, 2022', 'Deep infection'])
    expect(view('MD 3.6, 95% CI 1.2 to 6.0)')).toEqual(undefined)
    expect(view('OR 0.50')).toEqual(['OR', 'Lindqvist 2021', 'Safety'])
  })

  it('finds the same kinds of inconsistency as in the example overview', () => {
    expect(
      record.findings.map(({ check, severity, source }) => [check, severity, source.line]),
    ).toEqual([
      // In document order.
      // 1 + 1 + 2 evidence types listed, `presents 3 studies` stated.
      ['stated-sum', 'error', lineOf('This overview presents')],
      // `3 studies … in table 2 and table 3`: 2 rows each.
      ['table-count', 'warning', lineOf('This overview presents')],
      ['table-count', 'warning', lineOf('This overview presents')],
      // 3/200 is 1.5%, not 2.5%.
      ['percent-vs-fraction', 'error', lineOf('Okafor A, 2022\t<p>')],
      // RR 0.84 outside 78 to 86: the CI looks 100 times too large.
      ['estimate-outside-ci', 'error', lineOf('Lindqvist M, 2021\t<p>')],
      // The same 3/200 is 1.5% in the text and 2.5% in table 3.
      ['text-vs-table', 'error', lineOf('Deep infection was reported')],
      // A CI that excludes 1 with p=0.40.
      ['p-vs-ci', 'error', lineOf('Deep infection was reported')],
    ])
  })
})
