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
import { type MappedText, rawRange } from '../lib/mapped-text.js'
import type { GuidanceRoot, Paragraph, Person, Section, Source, TextBlock } from '../types.js'
import { comparable, contentsGroupHeads, isTopLevelHeading } from '../lib/headings.js'

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
      if (role === 'title' || role === 'front-matter' || role === 'table-caption') continue
      const plain = block.plain as MappedText

      if (role === 'heading' || role === 'numbered-heading') {
        const heading = plain.value
        const inContents = contentsTitles.has(comparable(heading))
        let level: number
        if (role === 'numbered-heading') {
          level = 1
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

      if (role === 'item' && paragraph) {
        paragraph.items.push(plain.value)
        paragraph.itemSources.push(sourceOf(lineIndex, block.text))
        paragraph.links.push(...(block.links ?? []))
        continue
      }

      paragraph = {
        number: role === 'numbered-paragraph' ? (block.number ?? null) : null,
        kind: role === 'numbered-paragraph' ? 'numbered' : role === 'item' ? 'list' : 'paragraph',
        text: role === 'item' ? '' : plain.value,
        items: role === 'item' ? [plain.value] : [],
        links: [...(block.links ?? [])],
        source: sourceOf(lineIndex, block.text),
        itemSources: role === 'item' ? [sourceOf(lineIndex, block.text)] : [],
      }
      container().push(paragraph)
    }

    file.data.preamble = preamble
    file.data.sections = sections
    file.data.people = people
  }
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
