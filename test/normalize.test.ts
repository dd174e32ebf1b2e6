/**
 * The normalize stage on small texts built to show each behaviour.
 */

import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../pipeline/stages/normalize.js'
import type { TextBlock } from '../pipeline/types.js'

function blocks(raw: string) {
  const file = new VFile()
  const tree = normalizeText(raw, file)
  return {
    file,
    texts: tree.children.map((block) =>
      block.type === 'textBlock'
        ? block.text.value
        : block.type === 'tableBlock'
          ? `TABLE ${block.lines.length}`
          : 'CONTENTS',
    ),
    tree,
  }
}

const header = 'Some guidance overview: a title long enough to be a running header'

describe('normalize', () => {
  it('drops a running header found by repetition, and joins the paragraph it split', () => {
    const raw = [
      'Intro paragraph.',
      '',
      header,
      '',
      'The evidence was excluded from studies that',
      '',
      header,
      '',
      'used pumps as support. Next sentence.',
      '',
      header,
      '',
      'Last paragraph.',
    ].join('\n')
    const { texts, file } = blocks(raw)
    expect(texts).toEqual([
      'Intro paragraph.',
      'The evidence was excluded from studies that used pumps as support. Next sentence.',
      'Last paragraph.',
    ])
    expect(file.data.furniture?.map((source) => source.line)).toEqual([3, 7, 11])
  })

  it('finds page footers whose page numbers differ', () => {
    const raw = [
      'One.',
      '',
      'Page 1 of 3',
      '',
      'Two.',
      '',
      'Page 2 of 3',
      '',
      'Three.',
      '',
      'Page 3 of 3',
    ].join('\n')
    expect(blocks(raw).texts).toEqual(['One.', 'Two.', 'Three.'])
  })

  it('does not take a heading repeated twice for furniture', () => {
    const raw = ['Composite outcomes', '', 'A.', '', 'Composite outcomes', '', 'B.'].join('\n')
    expect(blocks(raw).texts).toEqual(['Composite outcomes', 'A.', 'Composite outcomes', 'B.'])
  })

  it('cuts a running header glued to the end of a line', () => {
    const raw = [
      header,
      '',
      'Text.',
      '',
      header,
      '',
      `These included a bulletin for ${header}`,
      '',
      'operator mishandling of the device.',
      '',
      header,
    ].join('\n')
    expect(blocks(raw).texts).toEqual([
      'Text.',
      'These included a bulletin for operator mishandling of the device.',
    ])
  })

  it('recognises the contents list and keeps its entries', () => {
    const raw = [
      'Title',
      '',
      'Contents',
      '',
      '1 Recommendations\t4',
      'The condition.....\t6',
      '',
      '1 Recommendations',
    ].join('\n')
    const { texts, file } = blocks(raw)
    expect(texts).toEqual(['Title', 'CONTENTS', '1 Recommendations'])
    expect(file.data.contents?.map(({ title, page }) => ({ title, page }))).toEqual([
      { title: '1 Recommendations', page: 4 },
      { title: 'The condition', page: 6 },
    ])
  })

  it('reflows hard wraps and splits paragraphs at an indented line after a sentence', () => {
    const raw = [
      ' There is not much good evidence about how well this procedure works for temporary left ',
      'ventricular support. This procedure can be used but only when patients have regular checks ',
      'to see how well it is working. ',
      ' Some people having elective or urgent high-risk procedures to their heart arteries may ',
      'need support. ',
    ].join('\n')
    expect(blocks(raw).texts).toEqual([
      'There is not much good evidence about how well this procedure works for temporary left ventricular support. This procedure can be used but only when patients have regular checks to see how well it is working.',
      'Some people having elective or urgent high-risk procedures to their heart arteries may need support.',
    ])
  })

  it('keeps list items apart and joins an item split by a page break', () => {
    const raw = [
      '- 3.5 The committee noted that:',
      '- Evidence is limited.',
      ' - The use may allow this. This may',
      '',
      'include patients who had surgery.',
      '',
      '- The risks reduced.',
    ].join('\n')
    const { tree } = blocks(raw)
    const texts = tree.children.map((block) => (block as TextBlock).text.value)
    expect(texts).toEqual([
      '3.5 The committee noted that:',
      'Evidence is limited.',
      'The use may allow this. This may include patients who had surgery.',
      'The risks reduced.',
    ])
    expect(tree.children.map((block) => (block as TextBlock).marker)).toEqual([
      'bullet',
      'bullet',
      'bullet',
      'bullet',
    ])
  })

  it('does not join a heading to the paragraph after it', () => {
    expect(blocks('Limb ischaemia\n\nLimb ischaemia was reported in 5 studies.').texts).toEqual([
      'Limb ischaemia',
      'Limb ischaemia was reported in 5 studies.',
    ])
  })

  it('joins a word split by a hyphen at a page break without a space', () => {
    const raw = [
      header,
      '',
      'A systematic review and meta-',
      '',
      header,
      '',
      'analysis. Journal.',
      '',
      header,
    ].join('\n')
    expect(blocks(raw).texts).toEqual(['A systematic review and meta-analysis. Journal.'])
  })

  it('keeps tab-separated lines as table blocks', () => {
    expect(blocks('Table 1 Abbreviations\n\nA\tB\nC\tD\n\nAfter.').texts).toEqual([
      'Table 1 Abbreviations',
      'TABLE 2',
      'After.',
    ])
  })

  it('reads CRLF, CR and a BOM exactly as LF, with offsets into the raw text', () => {
    const lf = 'Title\n\nFirst paragraph\nwrapped here.\n\n- item one\n- item two'
    const expected = blocks(lf).texts
    for (const variant of [lf.replaceAll('\n', '\r\n'), lf.replaceAll('\n', '\r'), `\uFEFF${lf}`]) {
      const { tree, texts } = blocks(variant)
      expect(texts).toEqual(expected)
      for (const block of tree.children) {
        if (block.type !== 'textBlock') continue
        for (const run of block.text.runs) {
          expect(variant.slice(run.offset, run.offset + run.length)).toBe(
            block.text.value.slice(run.at, run.at + run.length),
          )
        }
      }
    }
  })
})
