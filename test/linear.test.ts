/**
 * Every stage linear in its input: for each input shape that once took
 * quadratic time or memory, the input doubled does no more than about double
 * the work. Work is counted (`workCounter`: the steps of joining, slicing and
 * aligning mapped texts, and remark's paragraphs at their worst case), and
 * the record's size measured, never the clock.
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { diffRecords } from '../pipeline/diff/diff-records.js'
import { mappedFromRaw } from '../pipeline/lib/mapped-text.js'
import { workCounter } from '../pipeline/lib/work-counter.js'
import { parseMarkdown, plainText, remarkPieces } from '../pipeline/stages/parse-markdown.js'
import type { GuidanceRoot, TextBlock } from '../pipeline/types.js'
import { extractText } from './helpers.js'

/** A front matter that makes a text a guidance document with an id. */
const frontMatter =
  'Some guidance title\n\nInterventional procedures guidance\n\nPublished: 1 January 2020\n\nwww.nice.org.uk/guidance/ipg900\n\n'

/** A word that no other line repeats (repeated lines are page furniture). */
const word = (index: number) => `w${index.toString(36)}x`

/** Input shapes of `n` units, each once slow or large beyond its size. */
const shapes: Record<string, (n: number) => string> = {
  // One block of n one-word lines (joining a block's lines).
  'lines of a block': (n) =>
    `${frontMatter}1 Recommendations\n\n${Array.from({ length: n }, (_, i) => word(i)).join('\n')}\n`,
  // n blocks that go on one another's sentence (joining page splits).
  'blocks that join': (n) =>
    `${frontMatter}1 Recommendations\n\n${Array.from({ length: n }, (_, i) => `and ${word(i)}`).join('\n\n')}\n`,
  'unclosed links': (n) => `${frontMatter}${'[a]('.repeat(n)}\n`,
  emphasis: (n) => `${frontMatter}${'*a* '.repeat(n)}\n`,
  'nested emphasis': (n) => `${frontMatter}${'*_'.repeat(n)}\n`,
  entities: (n) => `${frontMatter}${'&copy;'.repeat(n)} *a*\n`,
  // n captions, each with a small table.
  captions: (n) =>
    `${frontMatter}${Array.from({ length: n }, (_, i) => `Table ${(i % 50) + 1} Caption\n\nA\tB\n1\t${i}\n`).join('\n')}`,
  // A row continued over n lines (a study number that does not follow).
  'a table row of many lines': (n) =>
    `${frontMatter}Table 1 Data\n\nA\tB\tC\n${'1\t2\t3\n'.repeat(n)}`,
  // A paragraph naming one id n times, and one naming n ids.
  'a lineage of one id': (n) => `${frontMatter}This guidance replaces ${'IPG2, '.repeat(n)}IPG3.\n`,
  'a lineage of many ids': (n) =>
    `${frontMatter}This guidance replaces ${Array.from({ length: n }, (_, i) => `IPG${i + 1}`).join(', ')}.\n`,
}

/** The work and the record's size of one extraction. */
function measure(text: string): { steps: number; bytes: number } {
  workCounter.steps = 0
  const { file } = extractText(text)
  const bytes = typeof file.value === 'string' ? file.value.length : 0
  return { steps: workCounter.steps, bytes }
}

describe('linear work', () => {
  it.each(Object.keys(shapes))('doubling the input about doubles the work: %s', (name) => {
    const shape = shapes[name] as (n: number) => string
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2500 }), (n) => {
        const once = measure(shape(n))
        const twice = measure(shape(2 * n))
        // Linear work doubles (plus what does not grow, and up to a fifth more where
        // a block is cut in pieces of at most 1,000 syntax characters); quadratic
        // work quadruples.
        expect(twice.steps).toBeLessThanOrEqual(2.5 * once.steps + 5000)
        expect(twice.bytes).toBeLessThanOrEqual(2.5 * once.bytes + 5000)
      }),
      { numRuns: 3 },
    )
  })

  it('reads every id of a lineage, each link once, placed at its id', () => {
    const { record } = extractText(
      `${frontMatter}This guidance replaces ${'IPG2, '.repeat(50)}IPG3.\n`,
    )
    expect(
      record.metadata.lineage.map((link) => [link.from, link.to, link.relation, link.source.text]),
    ).toEqual([
      ['IPG2', 'IPG900', 'replaces', 'IPG2'],
      ['IPG3', 'IPG900', 'replaces', 'IPG3'],
    ])
  })
})

describe('linear diffs', () => {
  /** A release of n numbered paragraphs, each its own words. */
  const release = (n: number, salt: string) =>
    extractText(
      `${frontMatter}1 Recommendations\n\n${Array.from(
        { length: n },
        (_, i) =>
          `1.${i + 1} The ${salt} ${word(i)} paragraph says ${word(i * 7)} and ${word(i * 13)}.`,
      ).join('\n\n')}\n`,
    ).record

  it('doubling the paragraphs about doubles the work of a diff', () => {
    const work = (n: number) => {
      const [before, after] = [release(n, 'old'), release(n, 'new')]
      workCounter.steps = 0
      diffRecords(before, after, 'test')
      return workCounter.steps
    }
    // Past the comparisons a diff makes at most (500 × 500), the rest is linear.
    expect(work(2000)).toBeLessThanOrEqual(2.3 * work(1000) + 5000)
  })
})

describe('markdown in pieces', () => {
  /** The plain text and links the markdown stage gives one block. */
  function readBlock(value: string) {
    const block: TextBlock = {
      type: 'textBlock',
      text: mappedFromRaw(value, 0),
      marker: 'none',
      indent: 0,
      textColumn: 0,
      lineCount: 1,
      afterPageBreak: false,
      afterBlank: true,
      narrow: false,
    }
    const tree: GuidanceRoot = { type: 'root', children: [block] }
    parseMarkdown()(tree)
    const read = tree.children[0] as TextBlock
    return { plain: read.plain?.value, links: read.links }
  }

  it('reads a long block in pieces as remark reads it whole, where the cuts fall between words', () => {
    const unit = fc.constantFrom(
      'word',
      '[a link](#x)',
      '*stressed*',
      '**strong**',
      'p<0.05',
      '`code`',
    )
    fc.assert(
      fc.property(fc.array(unit, { minLength: 300, maxLength: 600 }), (units) => {
        const value = units.join(' ')
        expect(remarkPieces(mappedFromRaw(value, 0)).length).toBeGreaterThan(1)
        const whole = plainText(mappedFromRaw(value, 0))
        expect(readBlock(value)).toEqual({ plain: whole.plain.value, links: whole.links })
      }),
      { numRuns: 10 },
    )
  })

  it('cuts a block without spaces too, and keeps every character but the markup', () => {
    const pieces = remarkPieces(mappedFromRaw('[a]('.repeat(2000), 0))
    expect(pieces.length).toBeGreaterThan(4)
    expect(pieces.map((piece) => piece.text.value).join('')).toBe('[a]('.repeat(2000))
    expect(readBlock('[a]('.repeat(2000)).plain).toBe('[a]('.repeat(2000))
  })
})
