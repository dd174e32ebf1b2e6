/**
 * A result's context from its own cell: the outcome of a result in a table
 * cell is the nearest heading block above it in that cell (list items between
 * passed over), never the result's own text; a heading with the result inside
 * it (`Male sex (p<0.001)`) is its own outcome. Expected values are read from
 * the overview's table 3 and from a cell of another topic written for this test.
 */

import { describe, expect, it } from 'vitest'
import type { Result } from '../pipeline/types.js'
import { extractRepositoryFile, extractText } from './helpers.js'

/** The result whose source is `text` (exactly one). */
function resultOf(results: readonly Result[], text: string): Result {
  const found = results.filter((result) => result.source.text === text)
  expect(found, text).toHaveLength(1)
  return found[0] as Result
}

describe('the overview, table 3 (Møller J, 2024)', () => {
  const { record } = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')

  it.each([
    // Safety outcomes: `<p>Moderate or severe bleeding</p> • … • … <p>RR 2.06, …</p>`
    ['RR 2.06, 95% CI 1.15 to 3.66, p value not reported', 'Moderate or severe bleeding'],
    ['RR 5.15, 95% CI 1.11 to 23.84, p value not reported', 'Limb ischaemia'],
    ['RR 1.98, 95% CI 1.27 to 3.09, p value not reported', 'Renal replacement therapy'],
    ['RR 1.75, 95% CI 0.50 to 6.01, p value not reported', 'Stroke'],
    [
      'RR 4.74, 95% CI 2.36 to 9.55, p value not reported',
      'Composite safety end-point event (severe bleeding, limb ischaemia, haemolysis, device failure, and worsening of aortic regurgitation)',
    ],
    // Efficacy outcomes, as before.
    [
      'HR=0.74, 95% CI 0.55 to 0.99, p=0.04',
      'Death from any cause at 180 days (primary endpoint); intention-to-treat population',
    ],
  ])('%s stands under %s', (text, outcome) => {
    const result = resultOf(record.results, text)
    expect(result.context.location).toEqual({
      type: 'table',
      table: '3',
      row: 1,
      column: text.startsWith('HR') ? 'Efficacy outcomes' : 'Safety outcomes',
    })
    expect(result.context.study).toBe('Møller J, 2024')
    expect(result.context.outcome).toBe(outcome)
  })

  it('gives the items under a heading the same outcome as the effect after them', () => {
    const pump = resultOf(record.results, '21.8% (39/179)')
    const care = resultOf(record.results, '11.9% (21/176)')
    expect([pump.context.outcome, care.context.outcome]).toEqual([
      'Moderate or severe bleeding',
      'Moderate or severe bleeding',
    ])
    expect([pump.context.group, care.context.group]).toEqual([
      'Microaxial flow pump group',
      'Standard care group',
    ])
  })
})

describe('a cell of another topic (knee replacement)', () => {
  // A study-outcomes table of a made-up overview of knee replacement.
  const text = [
    'Table 3 Study outcomes',
    '',
    'First author, date\tEfficacy outcomes\tSafety outcomes',
    'Okafor A, 2022\t<p>Knee Society score at 12 months (mean)</p> <ul> • Robotic group=88.1 • Manual group=84.5 </ul> <p>MD 3.6, 95% CI 1.2 to 6.0, p=0.003</p>\t<p>Deep infection within 1 year</p> <ul> • Robotic group=1.5% (3/200) • Manual group=2.0% (4/198) </ul> <p>RR 0.74, 95% CI 0.17 to 3.27, p value not reported</p> <p>Return to theatre (p=0.41)</p>',
    '',
  ].join('\n')
  const { record } = extractText(text)

  it.each([
    ['MD 3.6, 95% CI 1.2 to 6.0, p=0.003', 'Knee Society score at 12 months (mean)'],
    ['1.5% (3/200)', 'Deep infection within 1 year'],
    ['RR 0.74, 95% CI 0.17 to 3.27, p value not reported', 'Deep infection within 1 year'],
    // A heading with its own p-value is its own outcome.
    ['p=0.41', 'Return to theatre (p=0.41)'],
  ])('%s stands under %s', (source, outcome) => {
    const result = resultOf(record.results, source)
    expect(result.context.study).toBe('Okafor A, 2022')
    expect(result.context.outcome).toBe(outcome)
  })
})

describe('groups named after a result, on topics other than the example documents', () => {
  /** The groups of the results of one paragraph, by the result's text. */
  function groups(sentence: string): [string, string | null][] {
    return extractText(`Results\n\n${sentence}\n`).record.results.map((result) => [
      result.source.text,
      result.context.group,
    ])
  }

  it.each([
    [
      'what people had, after `of people who had`',
      'Infection was reported in 3% of people who had a knee brace and 5% of people who had standard physiotherapy (OR 0.6, 95% CI 0.2 to 1.8).',
      [
        ['3%', 'knee brace'],
        ['5%', 'standard physiotherapy'],
        ['OR 0.6, 95% CI 0.2 to 1.8', null],
      ],
    ],
    [
      'the people, after `in people who had`',
      'Mortality was 12% in people who had dabigatran, 15% in people who had warfarin (HR 0.80, 95% CI 0.66 to 0.97).',
      [
        ['12%', 'people who had dabigatran'],
        ['15%', 'people who had warfarin'],
        // The group before the bracket, as for `41% in people who had X (OR …)`.
        ['HR 0.80, 95% CI 0.66 to 0.97', 'people who had warfarin'],
      ],
    ],
    [
      'a treatment after `for`, up to the next figure',
      'Pain relief was reported by 62% for acupuncture and 48% for sham acupuncture.',
      [
        ['62%', 'acupuncture'],
        ['48%', 'sham acupuncture'],
      ],
    ],
    [
      'a phrase that ends in a group noun, not `both groups`',
      'Revision was needed in 2% of people in the robotic surgery group and in 4% in both groups combined.',
      [
        ['2%', 'robotic surgery group'],
        ['4%', null],
      ],
    ],
  ])('%s', (_name, sentence, expected) => {
    expect(groups(sentence)).toEqual(expected)
  })
})
