/**
 * The markdown stage reads the common case (links and backslash escapes in
 * running text) without remark: that reading must be remark's own, value,
 * links and map to the raw characters, and anything else must go to remark.
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mappedFromRaw, type MappedText, rawOffsetAt } from '../pipeline/lib/mapped-text.js'
import { plainText, readSimpleInline } from '../pipeline/stages/parse-markdown.js'
import { extractRepositoryFile } from './helpers.js'

/** Each character of a mapped text with its raw offset. */
function offsets(text: MappedText): number[] {
  return [...text.value].map((_, index) => rawOffsetAt(text, index))
}

describe('links and escapes read without remark', () => {
  it('reads a link as remark does: text, url and place', () => {
    // 003 line 134, at offset 1000 for the test.
    const raw = '[Table 2](#) presents study details.'
    const read = readSimpleInline(mappedFromRaw(raw, 1000))
    expect(read?.plain.value).toBe('Table 2 presents study details.')
    expect(read?.links).toEqual([{ text: 'Table 2', url: '#' }])
    // "T" is raw offset 1001 (after "["), " presents" starts after "](#)".
    expect(offsets(read?.plain as MappedText).slice(0, 9)).toEqual([
      1001, 1002, 1003, 1004, 1005, 1006, 1007, 1012, 1013,
    ])
  })

  it('drops the backslash of an escape and maps the character to its own place', () => {
    const raw = 'heterogeneity was high ($I^2=90\\%$) and'
    const read = readSimpleInline(mappedFromRaw(raw, 0))
    expect(read?.plain.value).toBe('heterogeneity was high ($I^2=90%$) and')
    const percent = read?.plain.value.indexOf('%') as number
    expect(rawOffsetAt(read?.plain as MappedText, percent)).toBe(raw.indexOf('\\%') + 1)
  })

  it('reads the truncation marks of a search strategy as text (003 line 707)', () => {
    const raw =
      '(((tube* or catheter*) and pump* and (valve* or intravascular)) or (flow adj4 pump*)).tw. 5352'
    const read = readSimpleInline(mappedFromRaw(raw, 0))
    expect(read?.plain.value).toBe(raw)
    expect(read?.links).toEqual([])
  })

  it('reads an autolink as remark does (003 line 517)', () => {
    const raw =
      'Find full details in the <https://www.nice.org.uk/guidance/indevelopment/gid-ipg10404/documents>.'
    const read = readSimpleInline(mappedFromRaw(raw, 0))
    const address = 'https://www.nice.org.uk/guidance/indevelopment/gid-ipg10404/documents'
    expect(read?.plain.value).toBe(`Find full details in the ${address}.`)
    expect(read?.links).toEqual([{ text: address, url: address }])
    expect(rawOffsetAt(read?.plain as MappedText, 25)).toBe(raw.indexOf('https'))
  })

  it.each([
    ['emphasis', 'a **bold** word'],
    ['emphasis with one asterisk', 'an *important* word'],
    ['an email autolink', 'write to <a@b.org>'],
    ['an image', 'see ![figure](f.png)'],
    ['a reference-style link', 'see [figure 1] above'],
    ['a link with a title', '[a](b "c")'],
    ['an entity', 'A &amp; B'],
    ['a list item start', '- an item'],
    ['an ordered item start', '1. an item'],
    ['a heading start', '## Heading'],
    ['an escaped backslash', 'a \\\\ b'],
    ['a line break', 'two\nlines'],
  ])('leaves %s to remark', (_, raw) => {
    expect(readSimpleInline(mappedFromRaw(raw, 0))).toBeUndefined()
  })

  it('agrees with remark on every text it accepts (generated)', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      ' ',
      '  ',
      '[',
      ']',
      '(',
      ')',
      '](#)',
      '[t',
      '(#)',
      '#',
      '\\',
      '\\%',
      '\\(',
      '\\]',
      '\\[',
      '\\\\',
      '%',
      '!',
      '.',
      '1',
      '-',
      '*',
      '**',
      '$',
      '<http://a.b/c>',
      '<a@b.c>',
      '<x:y z>',
      '\u201c',
      '\u2013',
      '<',
      '<a',
      '<0',
      '&',
      '_',
      'é',
    )
    let accepted = 0
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = mappedFromRaw(pieces.join(''), 50)
        const fast = readSimpleInline(text)
        if (!fast) return
        accepted++
        const slow = plainText(text)
        expect(fast.plain.value).toBe(slow.plain.value)
        expect(fast.links).toEqual(slow.links)
        expect(offsets(fast.plain)).toEqual(offsets(slow.plain))
      }),
      { numRuns: 20000, seed: 633 },
    )
    // The generator must reach the fast reader often, or the test says nothing.
    expect(accepted).toBeGreaterThan(2000)
  })

  it('agrees with remark on every block of the overview', () => {
    const lines = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')
      .raw.split('\n')
      .filter((line) => !line.includes('\t'))
    // Counted in the overview (`grep -v TAB | grep -cE '\]\(|\\'`): 37 lines of
    // prose have links or escapes; 5 of them are references that start with
    // a number (`3. [Sassani K…`, an ordered-list start, for remark).
    const withMarkup = lines.filter((line) => /\]\(|\\/.test(line))
    const numberedReferences = withMarkup.filter((line) => /^\d+\. \[/.test(line))
    expect([withMarkup.length, numberedReferences.length]).toEqual([37, 5])
    const declined: string[] = []
    for (const line of withMarkup) {
      const text = mappedFromRaw(line, 0)
      const fast = readSimpleInline(text)
      if (!fast) {
        declined.push(line)
        continue
      }
      const slow = plainText(text)
      expect(fast.plain.value).toBe(slow.plain.value)
      expect(fast.links).toEqual(slow.links)
      expect(offsets(fast.plain)).toEqual(offsets(slow.plain))
    }
    // The fast reader takes all but the numbered references, which it leaves
    // to remark. (In the pipeline the number is read first, so those are simple too.)
    expect(declined).toEqual(numberedReferences)
  })
})
