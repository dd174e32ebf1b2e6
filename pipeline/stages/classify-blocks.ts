/**
 * Stage `classifyBlocks`: decide, with the whole document in view, what each
 * text block is: a numbered heading (`3 Committee considerations`), an
 * unnumbered heading (`The evidence`), a numbered paragraph, a list item, a
 * paragraph, a table or figure caption, a line of front or back matter
 * (title, programme, `Published:`, URL, ISBN), or a name/role line of the
 * committee list.
 *
 * The contents list, where there is one, is the authority on headings; where
 * there is none, a heading is a short standalone line that reads like one.
 */

import type { VFile } from 'vfile'
import { comparable, isTopLevelHeading } from '../lib/headings.js'
import { endsSentence, tableCaption } from '../lib/text-patterns.js'
import { messageRule } from '../rules/rule-ids.js'
import { headingMaximumLength, headingMaximumWords, titleMaximumLength } from '../thresholds.js'
import { programmeNamed } from '../vocabulary/programmes.js'
import type { GuidanceRoot, TextBlock } from '../types.js'

/** Front-matter and back-matter lines that hold metadata. */
const metadataLine =
  /^(?:Published:|Last updated:|ISBN:?\s|(?:https?:\/\/)?www\.nice\.org\.uk(?:\/\S*)?$|\[www\.nice\.org\.uk[^\]]*\]\([^)]*\)$)/i

/** A numbered top heading: `3 Committee considerations`. */
const numberedHeading = /^(\d{1,2})[ \t]+(\S.*)$/

/** A table or figure caption. */
const caption = /^(?:Table|Figure)[ \t]+\d{1,3}[a-z]?\b/i

/** Sections whose short lines are names and roles, not headings. */
const peopleSection = /committee members|project team/i

/**
 * Attach the classify stage.
 *
 * @returns
 *   Transformer.
 */
export function classifyBlocks() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const contentsTitles = new Set(
      (file.data.contents ?? []).map((entry) => comparable(entry.title)),
    )
    const hasContents = contentsTitles.size > 0
    const blocks = tree.children.filter((block) => block.type === 'textBlock')
    // The syntax is where every role starts.
    for (const block of blocks) block.role = block.syntax ?? 'paragraph'
    markFrontMatter(tree)

    let currentNumber: number | undefined
    let lastParagraph: { major: number; minor: number } | undefined
    let inPeopleSection = false

    for (const block of blocks) {
      if (block.role === 'front-matter' || block.role === 'title') continue
      const plain = (block.plain?.value ?? '').trim()

      if (block.role === 'heading') {
        inPeopleSection = peopleSection.test(plain)
        continue
      }

      if (block.role === 'paragraph' && isHeadingShaped(block, plain)) {
        const numbered = numberedHeading.exec(plain)
        const inContents = contentsTitles.has(comparable(plain))
        if (numbered && !/^\d+\s*$/.test(plain)) {
          const number = Number(numbered[1])
          const expected = currentNumber === undefined ? 1 : currentNumber + 1
          if (
            inContents ||
            (!hasContents && number === expected && /^[A-Z]/.test(numbered[2] ?? ''))
          ) {
            block.role = 'numbered-heading'
            block.number = String(number)
            block.depth = 1
            currentNumber = number
            lastParagraph = undefined
            inPeopleSection = peopleSection.test(plain)
            continue
          }
        }
        if (inContents) {
          block.role = 'heading'
          // `Chairs` under `4 Committee members and NICE project team` still lists
          // people; `Update information` after it does not.
          inPeopleSection =
            peopleSection.test(plain) || (inPeopleSection && !isTopLevelHeading(plain))
          continue
        }
        if (caption.test(plain)) {
          block.role = 'caption'
          continue
        }
        if (inPeopleSection) {
          block.role = 'person-line'
          continue
        }
        if (!hasContents || isSubheadingShaped(plain)) {
          block.role = 'heading'
          continue
        }
      }

      if (block.role === 'paragraph' && caption.test(plain) && !endsSentence(plain)) {
        block.role = 'caption'
        continue
      }

      if (block.role === 'numbered-paragraph') {
        const [major, minor] = (block.number ?? '').split('.').map(Number) as [number, number]
        if (currentNumber !== undefined && major !== currentNumber) {
          // `2.5 million people…` in section 3 is prose, not paragraph 2.5.
          file.message(
            `Unexpected paragraph number \`${block.number}\` in section \`${currentNumber}\`, read as text`,
            { place: block.position, ruleId: messageRule.numberOutsideSection, source: 'guidex' },
          )
          block.role = block.marker === 'bullet' ? 'item' : 'paragraph'
          block.plain = block.text
          delete block.number
          continue
        }
        const expected =
          lastParagraph && lastParagraph.major === major ? lastParagraph.minor + 1 : 1
        if (minor !== expected) {
          file.message(
            `Unexpected paragraph number \`${block.number}\`, expected \`${major}.${expected}\``,
            { place: block.position, ruleId: messageRule.numberingGap, source: 'guidex' },
          )
        }
        lastParagraph = { major, minor }
      }
    }
    markTableCaptions(tree)
  }
}

/**
 * A table caption (`Table 2 Study details`) is the caption of the table after
 * it: of the table blocks that follow it before a heading or another caption
 * (running headers are gone, so a note between the caption and the table
 * does not part them).
 */
function markTableCaptions(tree: GuidanceRoot): void {
  let caption: TextBlock | undefined
  for (const block of tree.children) {
    if (block.type === 'tableBlock') {
      if (caption) caption.role = 'table-caption'
      caption = undefined
    } else if (block.type === 'textBlock') {
      if (block.role === 'caption' && tableCaption.test(block.plain?.value.trim() ?? ''))
        caption = block
      else if (block.role === 'heading' || block.role === 'numbered-heading') caption = undefined
    }
  }
}

/**
 * Mark the title, programme, date and URL lines at the top, and ISBN lines
 * anywhere, as front matter.
 */
function markFrontMatter(tree: GuidanceRoot): void {
  let seenContent = false
  for (const [index, block] of tree.children.entries()) {
    if (block.type !== 'textBlock') {
      seenContent = true
      continue
    }
    const plain = (block.plain?.value ?? '').trim()
    const raw = block.text.value.trim()
    if (/^ISBN:?\s/i.test(plain)) {
      block.role = 'front-matter'
      continue
    }
    if (seenContent) continue
    if (metadataLine.test(plain) || metadataLine.test(raw) || programmeNamed(plain) !== undefined) {
      block.role = 'front-matter'
      continue
    }
    if (index === firstTextIndex(tree) && isTitle(block, plain)) {
      block.role = 'title'
      continue
    }
    seenContent = true
  }
}

/** Index of the first text block. */
function firstTextIndex(tree: GuidanceRoot): number {
  return tree.children.findIndex((block) => block.type === 'textBlock')
}

/**
 * Whether the first block is a title: a `#` heading, or a single line that
 * does not end a sentence.
 */
function isTitle(block: TextBlock, plain: string): boolean {
  if (block.role === 'heading') return block.depth === 1
  return (
    block.marker === 'none' &&
    block.lineCount === 1 &&
    plain.length > 0 &&
    plain.length <= titleMaximumLength &&
    !endsSentence(plain) &&
    !caption.test(plain)
  )
}

/**
 * Whether a block has the shape of a heading: one line, short, not a
 * sentence, no link, starting with a capital letter or a digit.
 */
function isHeadingShaped(block: TextBlock, plain: string): boolean {
  return (
    block.marker === 'none' &&
    block.lineCount === 1 &&
    plain.length > 0 &&
    plain.length <= headingMaximumLength &&
    (block.links?.length ?? 0) === 0 &&
    !/[.,;:]$/.test(plain) &&
    // `Male sex=79%`, `RR 2.06, 95% CI …` are data, not headings.
    !/[=%<>]/.test(plain) &&
    /^[A-Z0-9]/.test(plain)
  )
}

/**
 * Whether a heading-shaped line not in the contents list reads as a
 * subheading: a few words, no `label: value` inside.
 */
function isSubheadingShaped(plain: string): boolean {
  return (
    plain.split(/\s+/).length <= headingMaximumWords &&
    !/:\s/.test(plain) &&
    !/^\d+[ \t]/.test(plain)
  )
}
