/**
 * Stage `linkReferences`: the cross-references inside paragraphs, as links
 * to the paragraphs they name: `see recommendation 1.2.3`, `recommendations
 * 1.4.1 to 1.4.5`, `recommendations 1.1.2 and 1.1.3`, `(see 3.1)`.
 *
 * A range takes every paragraph of the document between its two ends. A
 * reference into another guideline (`recommendations 1.14.6 and 1.14.7 in
 * NICE's guideline on …`) is kept, marked external, with no link.
 */

import type { VFile } from 'vfile'
import { flattenParagraphs } from '../lib/paragraphs.js'
import type { LineIndex } from '../lib/line-index.js'
import type { CrossReference, Paragraph } from '../types.js'

/** A paragraph number. */
const number = String.raw`\d{1,2}(?:\.\d{1,3}){1,3}`

/**
 * `recommendation 1.2.3`, `recommendations 1.4.1 to 1.4.5, 1.4.7 and 1.4.9`,
 * `paragraph 3.1`, `section 1.5`: the word, then numbers joined by `,`, `and`, `or`, `to`.
 * White space may be a line break in the raw text.
 */
const namedReference = new RegExp(
  String.raw`\b(?:recommendations?|paragraphs?|sections?)\s+${number}(?:\s*(?:,|and|or|to|-|–)\s*${number})*`,
  'g',
)

/** `(see 3.1)`, as older procedures guidance writes it. */
const bareReference = new RegExp(String.raw`\(see\s+${number}\)`, 'g')

/** What follows a reference into another guideline: `in NICE's guideline on …`. */
const otherGuideline =
  /^[\s,]*(?:in|of|from)\s+(?:NICE's|the NICE|NICE)\s+(?:\w+\s+){0,3}?guidel?i?n?e?|^[\s,]*(?:in|of)\s+[A-Z]{2,3}\d{1,4}\b/

/** Characters looked at after a reference to tell whether it is into another guideline. */
const followingLength = 60

/**
 * Attach the stage.
 *
 * @returns
 *   Transformer.
 */
export function linkReferences() {
  return (_tree: unknown, file: VFile): void => {
    const lineIndex = file.data.lineIndex as LineIndex
    const paragraphs = [
      ...(file.data.preamble ?? []),
      ...flattenParagraphs(file.data.sections ?? []),
    ]
    const order = paragraphs.flatMap((paragraph) => (paragraph.number ? [paragraph.number] : []))
    const position = new Map(order.map((value, index) => [value, index]))
    for (const paragraph of paragraphs) {
      paragraph.references = referencesIn(paragraph, lineIndex, order, position)
    }
  }
}

/**
 * The cross-references in a paragraph's parts, read from the raw text of
 * each (so each has its exact source).
 */
function referencesIn(
  paragraph: Paragraph,
  lineIndex: LineIndex,
  order: readonly string[],
  position: ReadonlyMap<string, number>,
): CrossReference[] {
  const references: CrossReference[] = []
  for (const part of paragraph.content) {
    const raw = part.source.text
    for (const pattern of [namedReference, bareReference]) {
      for (const match of raw.matchAll(pattern)) {
        const text = match[0]
        const start = part.source.offset + match.index
        const following = raw.slice(
          match.index + text.length,
          match.index + text.length + followingLength,
        )
        const external = otherGuideline.test(following)
        references.push({
          text: text.replace(/\s+/g, ' '),
          targets: external ? [] : targetsOf(text, order, position),
          external,
          source: lineIndex.source(start, start + text.length),
        })
      }
    }
  }
  return references.sort((a, b) => a.source.offset - b.source.offset)
}

/**
 * The paragraphs a reference names: each number that the document has, and
 * every paragraph between the two ends of a range.
 */
function targetsOf(
  text: string,
  order: readonly string[],
  position: ReadonlyMap<string, number>,
): string[] {
  const targets: string[] = []
  const pieces = text.match(new RegExp(`${number}|\\bto\\b|[-–]`, 'g')) ?? []
  for (const [index, piece] of pieces.entries()) {
    if (/^(?:to|-|–)$/.test(piece)) continue
    const previous = pieces[index - 1]
    const before = pieces[index - 2]
    if (
      previous &&
      /^(?:to|-|–)$/.test(previous) &&
      before &&
      position.has(before) &&
      position.has(piece)
    ) {
      const from = position.get(before) as number
      const to = position.get(piece) as number
      for (let cursor = from + 1; cursor <= to; cursor++) targets.push(order[cursor] as string)
      continue
    }
    if (position.has(piece)) targets.push(piece)
  }
  return [...new Set(targets)]
}
