/**
 * Results over the whole overview against counts taken by hand
 * (`test/fixtures/results/003-counts.json`: estimates with a CI and
 * proportions with n/N, line by line) and 40 anchors checked by hand,
 * value by value, with their study and group (`003-anchors.json`).
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LineIndex } from '../pipeline/lib/line-index.js'
import type { Result } from '../pipeline/types.js'
import { extractRepositoryFile, repositoryRoot } from './helpers.js'

interface Counts {
  lines: Record<string, { estimatesWithCi: number; proportions: number }>
}

interface Anchor {
  line: number
  text: string
  kind: string
  measure: string | null
  value: number | null
  ci: { level: number | null; lower: number; upper: number } | null
  p: { relation: string; value: number | null } | null
  percent: number | null
  numerator: number | null
  denominator: number | null
  study: string | null
  group: string | null
}

const fixtures = path.join(repositoryRoot, 'test/fixtures/results')
const counts = JSON.parse(readFileSync(path.join(fixtures, '003-counts.json'), 'utf8')) as Counts
const anchors = JSON.parse(
  readFileSync(path.join(fixtures, '003-anchors.json'), 'utf8'),
) as Anchor[]
const { record, file, raw } = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')
const lineIndex = file.data.lineIndex as LineIndex

/** The line a result ends on (a CI cut by a page break is counted where its bounds are). */
function endLine(result: Result): number {
  return lineIndex.pointAt(result.source.offset + result.source.text.length - 1).line
}

/** Precision and recall of per-line counts against the hand counts. */
function score(measure: 'estimatesWithCi' | 'proportions', found: Map<number, number>) {
  let truePositives = 0
  let falsePositives = 0
  let falseNegatives = 0
  const differences: string[] = []
  const lines = new Set([...Object.keys(counts.lines).map(Number), ...found.keys()])
  for (const line of lines) {
    const expected = counts.lines[String(line)]?.[measure] ?? 0
    const got = found.get(line) ?? 0
    truePositives += Math.min(expected, got)
    falsePositives += Math.max(0, got - expected)
    falseNegatives += Math.max(0, expected - got)
    if (expected !== got) differences.push(`line ${line}: ${got} found, ${expected} by hand`)
  }
  return {
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    differences,
  }
}

function tally(results: Result[], line: (result: Result) => number): Map<number, number> {
  const map = new Map<number, number>()
  for (const result of results) map.set(line(result), (map.get(line(result)) ?? 0) + 1)
  return map
}

describe('results over the whole overview', () => {
  it('finds the estimates with a CI counted by hand (precision and recall at least 0.98)', () => {
    const { precision, recall, differences } = score(
      'estimatesWithCi',
      tally(
        record.results.filter((result) => result.ci !== null),
        endLine,
      ),
    )
    expect({ precision, recall, differences: differences.slice(0, 10) }).toMatchObject({
      precision: expect.toSatisfy((value: number) => value >= 0.98),
      recall: expect.toSatisfy((value: number) => value >= 0.98),
    })
  })

  it('finds the proportions with n/N counted by hand (precision and recall at least 0.98)', () => {
    const proportions = record.results.filter(
      (result) =>
        result.kind === 'proportion' && result.numerator !== null && result.denominator !== null,
    )
    const { precision, recall, differences } = score(
      'proportions',
      tally(proportions, (result) => result.source.line),
    )
    expect({ precision, recall, differences: differences.slice(0, 10) }).toMatchObject({
      precision: expect.toSatisfy((value: number) => value >= 0.98),
      recall: expect.toSatisfy((value: number) => value >= 0.98),
    })
  })

  it('gives every result the raw characters at its offset', () => {
    for (const result of record.results) {
      expect(
        raw.slice(result.source.offset, result.source.offset + result.source.text.length),
      ).toBe(result.source.text)
    }
  })
})

describe.each(anchors)('anchor on line $line: $text', (anchor) => {
  const result = record.results.find(
    (candidate) =>
      candidate.source.line <= anchor.line &&
      endLine(candidate) >= anchor.line &&
      (candidate.source.text.includes(anchor.text) ||
        anchor.text.includes(candidate.source.text.split(/[,(;[]/)[0]?.trim() ?? '\u0000')) &&
      candidate.value === anchor.value &&
      (anchor.ci === null || candidate.ci?.lower === anchor.ci.lower),
  )

  it('is found with its numbers', () => {
    expect(result, 'no result with this value on this line').toBeDefined()
    expect(result?.kind).toBe(anchor.kind)
    expect(result?.measure ?? null).toBe(anchor.measure)
    expect(
      result?.ci
        ? { level: result.ci.level, lower: result.ci.lower, upper: result.ci.upper }
        : null,
    ).toEqual(anchor.ci)
    expect(result?.p ? { relation: result.p.relation, value: result.p.value } : null).toEqual(
      anchor.p,
    )
    expect([result?.numerator ?? null, result?.denominator ?? null]).toEqual([
      anchor.numerator,
      anchor.denominator,
    ])
  })

  it('has its study and group', () => {
    if (anchor.study === null) expect(result?.context.study ?? null).toBeNull()
    else expect(result?.context.study ?? '').toContain(anchor.study)
    // Group phrases are compared loosely: `people who had a microaxial flow
    // pump` and `microaxial flow pump` name the same group.
    const got = result?.context.group?.toLowerCase() ?? null
    const want = anchor.group?.toLowerCase() ?? null
    if (want === null || got === null) expect(got).toBe(want)
    else expect(got.includes(want) || want.includes(got), `${got} / ${want}`).toBe(true)
  })
})
