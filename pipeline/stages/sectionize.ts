/**
 * Stage `sectionize`: the document's own hierarchy from the classified
 * blocks: sections with levels, their numbered and plain paragraphs, and the
 * bullet items of each paragraph (also after a page break, whatever their
 * indentation).
 *
 * Levels: a numbered heading is 1; a markdown heading by its depth; a heading
 * in the contents list is 1 where it is one of the standard top headings of
 * its kind of document or heads a group of the contents list, 2 under a
 * numbered heading, otherwise a child of a heading directly above it or a sibling of the contents heading before it;
 * a heading not in the contents list sits one level under the contents or
 * numbered heading before it.
 */

import type { VFile } from 'vfile'
import type { LineIndex } from '../lib/line-index.js'
import { type MappedText, rawRange, sliceMapped, trimMapped } from '../lib/mapped-text.js'
import { yearTagAtEnd } from '../lib/text-patterns.js'
import { boxOpening } from '../vocabulary/boxes.js'
import { roleOfHeading, type SectionRole } from '../vocabulary/section-roles.js'
import type { GuidanceRoot, Paragraph, Person, Section, Source, TextBlock } from '../types.js'
import {
  comparable,
  contentsGroupHeads,
  isRecommendationsHeading,
  isTopLevelHeading,
} from '../lib/headings.js'

declare module 'vfile' {
  interface DataMap {
    /** Paragraphs before the first heading that are not front matter. */
    preamble: Paragraph[]
    /** The document's own hierarchy. */
    sections: Section[]
    /** Name/role lines of the committee and project team lists, by group. */
    people: (Person & { group: string })[]
  }
}

/** One person's name: two to four capitalised words (`Aoife O'Neill`, `Sarah-Jane Whitfield`). */
const personName =
  /^\p{Lu}[\p{L}'’-]+(?: (?:\p{Lu}[\p{L}'’-]+|de|del|della|der|den|du|da|di|van|von|ter|ten|le|la|bin|al)){1,4}$/u

/**
 * Attach the sectionize stage.
 *
 * @returns
 *   Transformer.
 */
export function sectionize() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const lineIndex = file.data.lineIndex as LineIndex
    const contentsTitles = new Set(
      (file.data.contents ?? []).map((entry) => comparable(entry.title)),
    )
    const blocks = tree.children
    const hasNumbered = blocks.some(
      (block) => block.type === 'textBlock' && block.role === 'numbered-heading',
    )
    const markdownDepths = blocks
      .filter((block) => block.type === 'textBlock' && block.role === 'heading' && block.depth)
      .map((block) => (block as TextBlock).depth as number)
    const minimumDepth = markdownDepths.length > 0 ? Math.min(...markdownDepths) : 1
    const groupHeads = hasNumbered ? new Set<TextBlock>() : contentsGroupHeads(tree, contentsTitles)

    const preamble: Paragraph[] = []
    const sections: Section[] = []
    const people: (Person & { group: string })[] = []
    const stack: Section[] = []
    let structuralLevel = 0
    let previousWasHeading = false
    let previousHeadingLevel = 0
    let paragraph: Paragraph | undefined
    /** The open levels of the paragraph's list: indentation and glyph of each. */
    let itemDepths: ItemLevel[] = []
    /** Where the open paragraph's text starts (its number in the margin before it). */
    let paragraphColumn = 0
    let pendingName: TextBlock | undefined

    const container = () => (stack[stack.length - 1]?.paragraphs ?? preamble) as Paragraph[]

    for (const block of blocks) {
      if (block.type !== 'textBlock') {
        // Tables and contents interrupt the paragraph an item would attach to.
        paragraph = undefined
        // What follows the contents list, before the next heading, belongs to
        // no section (`This guidance replaces IPG633.`).
        if (block.type === 'contentsBlock') stack.length = 0
        continue
      }
      const role = block.role
      if (role === 'heading-number') {
        // The number `pdftotext` wrote under its heading (see classify): the
        // heading's source runs over it.
        const section = stack[stack.length - 1]
        if (section && section.number === block.plain?.value.trim())
          section.source = lineIndex.source(section.source.offset, rawRange(block.text).end)
        continue
      }
      if (role === 'title' || role === 'front-matter' || role === 'table-caption') continue
      const plain = block.plain as MappedText

      if (role === 'heading' || role === 'numbered-heading') {
        // A number `pdftotext` wrote under its heading (see classify) goes before it.
        const heading =
          block.number && !plain.value.startsWith(block.number)
            ? `${block.number} ${plain.value}`
            : plain.value
        const inContents = contentsTitles.has(comparable(heading))
        let level: number
        if (role === 'numbered-heading') {
          level = numberedLevel(stack, block.number ?? '')
        } else if (block.depth) {
          level = block.depth - minimumDepth + 1
        } else if (isTopLevelHeading(heading) || groupHeads.has(block)) {
          level = 1
        } else if (inContents) {
          // Under a numbered heading, or under the standard top heading before it.
          if (hasNumbered || structuralLevel > 0) level = 2
          else if (previousWasHeading && previousHeadingLevel > 0) level = previousHeadingLevel + 1
          else level = 1
        } else {
          level = contentsTitles.size > 0 || hasNumbered ? structuralLevel + 1 : 1
        }
        if (role === 'numbered-heading' || inContents || level === 1) structuralLevel = level
        const section: Section = {
          heading,
          number: role === 'numbered-heading' ? (block.number ?? null) : null,
          level,
          source: sourceOf(lineIndex, plain),
          role: null,
          paragraphs: [],
          sections: [],
        }
        while (stack.length > 0 && (stack[stack.length - 1] as Section).level >= level) stack.pop()
        const parent = stack[stack.length - 1]
        if (parent) parent.sections.push(section)
        else sections.push(section)
        stack.push(section)
        previousWasHeading = true
        previousHeadingLevel = level
        paragraph = undefined
        pendingName = undefined
        continue
      }
      previousWasHeading = false

      if (role === 'person-line') {
        if (pendingName) {
          const group = stack[stack.length - 1]?.heading ?? ''
          for (const name of splitNames(pendingName.plain?.value ?? '')) {
            people.push({
              name,
              role: plain.value,
              group,
              source: sourceOf(lineIndex, pendingName.plain as MappedText),
            })
          }
          pendingName = undefined
        } else {
          pendingName = block
        }
        continue
      }

      // A table's text run together by the converter: kept as it is, on no paragraph.
      if (role === 'cell-text') {
        paragraph = undefined
        container().push({
          number: null,
          kind: 'paragraph',
          text: plain.value,
          items: [],
          links: [...(block.links ?? [])],
          source: sourceOf(lineIndex, block.text),
          itemSources: [],
          content: [
            { type: 'text', depth: 0, text: plain.value, source: sourceOf(lineIndex, block.text) },
          ],
          yearTag: null,
          recommendation: false,
          references: [],
        })
        continue
      }

      if (role === 'item' && paragraph) {
        addItem(paragraph, block, lineIndex, itemDepths)
        continue
      }

      // Prose after a recommendation's list, or after its year tag (an
      // off-label note), goes on the recommendation; a box (`For a short
      // explanation of why the committee made …`) does not.
      if (
        role === 'paragraph' &&
        paragraph &&
        continuesParagraph(paragraph, plain.value, block, paragraphColumn)
      ) {
        addProse(paragraph, block, lineIndex)
        continue
      }

      const text = role === 'item' ? '' : plain.value
      paragraph = {
        number: role === 'numbered-paragraph' ? (block.number ?? null) : null,
        kind: role === 'numbered-paragraph' ? 'numbered' : role === 'item' ? 'list' : 'paragraph',
        text: '',
        items: [],
        links: [],
        source: sourceOf(lineIndex, block.text),
        itemSources: [],
        content: [],
        yearTag: null,
        recommendation: false,
        references: [],
      }
      itemDepths = []
      paragraphColumn = block.textColumn
      if (role === 'item') addItem(paragraph, block, lineIndex, itemDepths)
      else if (text !== '' || block.links?.length) addProse(paragraph, block, lineIndex)
      container().push(paragraph)
    }

    assignRoles(sections, null)
    file.data.preamble = preamble
    file.data.sections = sections
    file.data.people = people
  }
}

/**
 * Give each section its role (the one its heading names, else its
 * parent's), and mark the numbered paragraphs of recommendations sections
 * as recommendations.
 *
 * @param sections
 *   Sections, changed in place.
 * @param parentRole
 *   The role of the section they stand in.
 */
function assignRoles(sections: readonly Section[], parentRole: SectionRole | null): void {
  for (const section of sections) {
    section.role = roleOfHeading(section.heading) ?? parentRole
    for (const paragraph of section.paragraphs) {
      paragraph.recommendation = section.role === 'recommendations' && paragraph.number !== null
    }
    assignRoles(section.sections, section.role)
  }
}

/** An open level of a list: the indentation and glyph its items have. */
interface ItemLevel {
  indent: number
  glyph: string | undefined
}

/** Columns a continuation may stand left of its paragraph's text and still be its own (converters round). */
const columnTolerance = 2

/** Numbers this deep are a guideline's recommendations (`1.1.1`), which go on after their lists and tags. */
const recommendationDepth = 3

/**
 * Whether a prose block goes on the paragraph before it: a recommendation
 * (`1.1.1`) takes every block up to the next heading or number, other than
 * a box; any paragraph takes the prose that follows its list.
 */
function continuesParagraph(
  paragraph: Paragraph,
  text: string,
  block: TextBlock,
  paragraphColumn: number,
): boolean {
  if (paragraph.number === null || boxOpening.test(text)) return false
  // Where the text keeps its indentation, a block out at the margin is not
  // the paragraph's (`See also the:` under `1.6.2`, the number at 0, its text at 13).
  if (paragraphColumn > 0) return block.indent >= paragraphColumn - columnTolerance
  // Without indentation, what follows a year tag is the recommendation's only
  // where it reads as its note (`In November 2023, this was an off-label use …`).
  // Without indentation, a note after the year tag stands close under it,
  // a box after a gap (`pdftotext` writes a blank line for the gap); at the
  // top of a page the gap says nothing (a blank line follows the running title).
  if (paragraph.yearTag !== null && block.afterBlank && !block.afterPageBreak) return false
  const depth = paragraph.number.split('.').length
  return depth >= recommendationDepth || paragraph.items.length > 0
}

/**
 * Add a prose block to a paragraph: its text, links and part, and the year
 * tag it ends with.
 */
function addProse(paragraph: Paragraph, block: TextBlock, lineIndex: LineIndex): void {
  const plain = takeYearTag(paragraph, block.plain as MappedText, lineIndex)
  paragraph.text = paragraph.text === '' ? plain.value : `${paragraph.text} ${plain.value}`
  paragraph.links.push(...(block.links ?? []))
  paragraph.content.push({
    type: 'text',
    depth: 0,
    text: plain.value,
    source: sourceOf(lineIndex, block.text),
  })
}

/**
 * Add a bullet to a paragraph, at the depth its indentation and glyph give
 * it: deeper than the item before it where indented further, or drawn with
 * another glyph at the same indentation (`pdftotext` keeps no indentation:
 * `•` then `－`).
 */
function addItem(
  paragraph: Paragraph,
  block: TextBlock,
  lineIndex: LineIndex,
  levels: ItemLevel[],
): void {
  const level = { indent: block.indent, glyph: block.glyph }
  const known = levels.findIndex(
    (open) => open.glyph === level.glyph && Math.abs(open.indent - level.indent) <= 1,
  )
  if (known >= 0) levels.length = known + 1
  else {
    while (levels.length > 0 && (levels[levels.length - 1] as ItemLevel).indent > level.indent)
      levels.pop()
    levels.push(level)
  }
  const plain = takeYearTag(paragraph, block.plain as MappedText, lineIndex)
  const source = sourceOf(lineIndex, block.text)
  paragraph.items.push(plain.value)
  paragraph.itemSources.push(source)
  paragraph.links.push(...(block.links ?? []))
  paragraph.content.push({ type: 'item', depth: levels.length, text: plain.value, source })
}

/**
 * Take a recommendation's year tag off the end of a text into the
 * paragraph's `yearTag`.
 *
 * @returns
 *   The text without the tag.
 */
function takeYearTag(paragraph: Paragraph, plain: MappedText, lineIndex: LineIndex): MappedText {
  const match = yearTagAtEnd.exec(plain.value)
  if (!match || paragraph.number === null) return plain
  const tag = match[1] as string
  const start = match.index + match[0].indexOf(tag)
  paragraph.yearTag = {
    text: tag,
    years: (tag.match(/\d{4}/g) ?? []).map(Number),
    source: sourceOf(lineIndex, sliceMapped(plain, start, start + tag.length)),
  }
  return trimMapped(sliceMapped(plain, 0, match.index))
}

/**
 * The level of a numbered heading: under the heading of its parent number
 * (`2.1` under `2`); where that heading is not written (a guideline numbers
 * `1.1` under its unnumbered `Recommendations`), under the open top-level
 * section; `2` and `3` at the top, but under `Recommendations for research`.
 *
 * @param stack
 *   The open sections, outermost first.
 * @param number
 *   The heading's number (`'1.1'`).
 * @returns
 *   Its level.
 */
function numberedLevel(stack: readonly Section[], number: string): number {
  const parts = number.split('.')
  // A guideline numbers its research recommendations from 1 under its
  // unnumbered `Recommendations for research` (`1 Pain management programmes`).
  if (parts.length === 1) {
    const top = stack[0]
    const underResearch =
      top !== undefined &&
      top.number === null &&
      roleOfHeading(top.heading) === 'research-recommendations'
    return underResearch ? 2 : 1
  }
  const parentNumber = parts.slice(0, -1).join('.')
  const parent = stack.findLast((section) => section.number === parentNumber)
  if (parent) return parent.level + 1
  const top = stack[0]
  const underRecommendations =
    top !== undefined && top.number === null && isRecommendationsHeading(top.heading)
  return underRecommendations ? parts.length : parts.length - 1
}

/**
 * Split `Alan Ashworth and Nisha Mehta` or `A, B and C` into names, where
 * every part is a name; any other line is one.
 *
 * @param line
 *   A name line.
 * @returns
 *   Names.
 */
function splitNames(line: string): string[] {
  const names = line.trim().split(/, and |, | and /)
  return names.length > 1 && names.every((name) => personName.test(name)) ? names : [line.trim()]
}

/**
 * Provenance of a mapped text: from its first raw character to its last.
 *
 * @param lineIndex
 *   Lines of the raw file.
 * @param text
 *   Mapped text.
 * @returns
 *   Source.
 */
export function sourceOf(lineIndex: LineIndex, text: MappedText): Source {
  const { start, end } = rawRange(text)
  return lineIndex.source(start, end)
}
