/**
 * Consistency checks: each rule on a sentence built to trip it (and its
 * rounding-tolerant twin that must not), and the overview's real
 * inconsistencies, found by reading it.
 */

import { describe, expect, it } from 'vitest'
import type { Finding } from '../pipeline/types.js'
import { extractRepositoryFile, extractText } from './helpers.js'

function findings(sentence: string): string[] {
  return extractText(`Heading\n\n${sentence}\n`).record.findings.map(
    (finding) => `${finding.severity} ${finding.check}`,
  )
}

describe('rules', () => {
  it.each([
    ['a percentage that matches its n/N', 'It was 15.6% (28/179).', []],
    [
      'a percentage truncated in the last digit',
      'It was 58% (103/176).',
      ['info percent-vs-fraction'],
    ],
    [
      'a percentage that cannot be its n/N',
      'It was 11.9% (35/776).',
      ['error percent-vs-fraction'],
    ],
    ['more events than people', 'It was 50% (12/8).', ['error events-above-total']],
    ['an estimate inside its CI', 'Risk rose (RR 2.06, 95% CI 1.15 to 3.66).', []],
    [
      'a CI on the wrong scale',
      'Risk fell (RR=0.84, 95% CI 78 to 86, p<0.001).',
      ['error estimate-outside-ci'],
    ],
    ['bounds out of order', 'Risk fell (RR 0.84, 95% CI 0.90 to 0.78).', ['error ci-bounds-order']],
    ['an estimate on its rounded bound', 'The rate was 47% (95% CI 47 to 50).', []],
    [
      'a ratio CI lopsided on the log scale',
      'Risk rose (RR 1.6, 95% CI 0.63 to 2.15).',
      ['warning ci-asymmetric'],
    ],
    ['a p that agrees with its CI', 'Mortality fell (HR 0.87, 95% CI 0.74 to 1.03, p=0.10).', []],
    [
      'a p copied from the line above',
      'Mortality was similar (HR=1.04, 95% CI 0.87 to 1.23, p=0.10).',
      ['error p-vs-ci'],
    ],
    [
      'a CI that excludes 1 with p above 0.05',
      'Mortality fell (OR 0.50, 95% CI 0.30 to 0.80, p=0.40).',
      ['error p-vs-ci'],
    ],
    [
      'a CI that includes 1 with p below 0.05',
      'Mortality fell (OR 0.90, 95% CI 0.70 to 1.20, p<0.01).',
      ['error p-vs-ci'],
    ],
    ['a p for a mean difference', 'Stay fell (MD=-5.31, 95% CI -6.55 to -4.06, p<0.001).', []],
    ['an impossible I²', 'Pooled rate 40% (95% CI 30 to 50; I²=120%).', ['error i2-range']],
    [
      'evidence that sums to its total',
      'NICE reviewed evidence from 10 sources. The evidence included 4 systematic reviews, 3 case series, 1 randomised controlled trial and 2 case reports.',
      [],
    ],
    [
      'evidence that does not',
      'NICE reviewed evidence from 9 sources. The evidence included 4 systematic reviews, 3 case series, 1 randomised controlled trial and 2 case reports.',
      ['error stated-sum'],
    ],
  ] as [string, string, string[]][])('%s', (_name, sentence, expected) => {
    expect(findings(sentence)).toEqual(expected)
  })
})

describe('the overview’s own inconsistencies', () => {
  const { record } = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')
  const at = (finding: Finding) => `${finding.severity} ${finding.check} ${finding.source.line}`

  it('finds each one, at its place', () => {
    const found = record.findings.filter((finding) => finding.severity !== 'info').map(at)
    // Read in the document:
    expect(found).toEqual(
      expect.arrayContaining([
        // `RR=0.84, 95% CI 78 to 86`, in table 3 and again in the text.
        'error estimate-outside-ci 292',
        'error estimate-outside-ci 358',
        // `HR=1.04 (95% CI 0.87 to 1.23, p=0.10)`: the p of the line above.
        'error p-vs-ci 269',
        // Mortality during the case chain: 11.9% (35/776), 38.5% (132/833),
        // 11.8% (339/5,451), 7.2% (20,336/32,804); 25.2% (1,590/5,451).
        'error percent-vs-fraction 326',
        // The same 1,590/5,451 as 25% in the text.
        'error percent-vs-fraction 454',
        // Bogerd: age 55 to 80.6 in the text, 55 to 70.6 in table 2.
        'error text-vs-table 113',
        // 138 other studies stated, 20 + 119 listed.
        'warning table-count 89',
      ]),
    )
  })

  it('gives both places where two statements disagree', () => {
    const bogerd = record.findings.find((finding) => finding.check === 'text-vs-table')
    expect(bogerd?.source.line).toBe(113)
    expect(bogerd?.related?.map((source) => source.line)).toEqual([177])
  })

  it('reports errors only where the numbers cannot all be right', () => {
    const errors = record.findings.filter((finding) => finding.severity === 'error')
    expect(errors.map(at)).toEqual([
      'error text-vs-table 113',
      'error p-vs-ci 269',
      'error estimate-outside-ci 292',
      'error percent-vs-fraction 326',
      'error percent-vs-fraction 326',
      'error percent-vs-fraction 326',
      'error percent-vs-fraction 326',
      'error percent-vs-fraction 326',
      'error estimate-outside-ci 358',
      'error percent-vs-fraction 454',
    ])
  })

  it.each([
    'input/000_ae64daafe6017921.txt',
    'input/001_28967b82888de774.txt',
    'input/002_72932ba4be983c8d.txt',
    'input/004_31ea673aef284142.txt',
  ])('finds nothing wrong in %s', (file) => {
    expect(
      extractRepositoryFile(file).record.findings.filter((finding) => finding.severity === 'error'),
    ).toEqual([])
  })
})
