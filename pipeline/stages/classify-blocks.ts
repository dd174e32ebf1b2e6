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
import { writtenDate } from '../lib/dates.js'
import { joinMapped, sliceMapped } from '../lib/mapped-text.js'
import { comparable, isTopLevelHeading } from '../lib/headings.js'
import {
  bareParagraphNumber,
  endsSentence,
  tableCaption,
  yearTag,
  yearTagAtEnd,
} from '../lib/text-patterns.js'
import { messageRule } from '../rules/rule-ids.js'
import { headingMaximumLength, headingMaximumWords, titleMaximumLength } from '../thresholds.js'
import { programmeNamed, programmeOfLine } from '../vocabulary/programmes.js'
import type { GuidanceRoot, TextBlock } from '../types.js'

/** Front-matter and back-matter lines that hold metadata. */
const metadataLine =
  /^(?:Published:|Last updated:|ISBN:?\s|(?:https?:\/\/)?www\.nice\.org\.uk(?:\/\S*)?$|\[www\.nice\.org\.uk[^\]]*\]\([^)]*\)$)/i

/**
 * A line of front or back matter as the metadata stage reads it, the whole
 * block its label and value (`Published: 25 June 2019`, `ISBN:
 * 978-1-4731-3972-5`, the URL): a block that only starts like one
 * (`ISBN: …` and a sentence after it) keeps its text as a paragraph.
 */
const frontMatterLine = new RegExp(
  String.raw`^(?:(?:Published|Last updated):?\s+${writtenDate.source}\.?|ISBN:?\s*[\dX-]{10,20}|(?:https?:\/\/)?www\.nice\.org\.uk(?:\/\S*)?|\[www\.nice\.org\.uk[^\]]*\]\([^)]*\))$`,
  'i',
)

/** A numbered top heading: `3 Committee considerations`. */
const numberedHeading = /^(\d{1,2})[ \t]+(\S.*)$/

/** A table or figure caption. */
const caption = /^(?:Table|Figure)[ \t]+[A-Z]?\d{1,3}[a-z]?\b/i

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
    markCellText(blocks)
    attachTrailingHeadingNumbers(blocks)

    let currentNumber: number | undefined
    let inPeopleSection = false
    const parentNumbers = numbersWithChildren(blocks)
    /** The last number seen under each parent number (`'1.2'` → 4 after `1.2.4`). */
    const lastChild = new Map<string, number>()

    for (const block of blocks) {
      if (block.role === 'front-matter' || block.role === 'title' || block.role === 'cell-text')
        continue
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
            lastChild.clear()
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

      // A caption may carry its year tag (`Table 12 Choice of uterotonics … [2023, amended 2024]`).
      if (
        block.role === 'paragraph' &&
        caption.test(plain) &&
        !endsSentence(plain.replace(yearTagAtEnd, ''))
      ) {
        block.role = 'caption'
        continue
      }

      if (block.role === 'numbered-paragraph') {
        const number = block.number ?? ''
        const parts = number.split('.')
        const major = Number(parts[0])
        const own = Number(parts[parts.length - 1])
        const inSequence =
          (own === 1 && major === (currentNumber ?? 0) + 1) ||
          lastChild.get(parts.slice(0, -1).join('.')) === own - 1
        if (
          parts.length === 2 &&
          currentNumber !== undefined &&
          major !== currentNumber &&
          !inSequence
        ) {
          // `2.5 Million people…` in section 3 is prose, not paragraph 2.5; `2.1`,
          // `2.2` … after section 1 are a section whose heading was not seen.
          file.message(
            `Unexpected paragraph number \`${block.number}\` in section \`${currentNumber}\`, read as text`,
            { place: block.position, ruleId: messageRule.numberOutsideSection, source: 'guidex' },
          )
          block.role = block.marker === 'bullet' ? 'item' : 'paragraph'
          block.plain = block.text
          delete block.number
          continue
        }
        // Section `2` began unseen: `3 Efficacy` is the next heading.
        if (parts.length === 2 && currentNumber !== undefined && major === currentNumber + 1)
          currentNumber = major
        // `1.1 Reducing the risk …` heads recommendations 1.1.1 and on.
        if (parentNumbers.has(number) && isNumberedHeadingShaped(plain)) {
          block.role = 'numbered-heading'
          block.depth = parts.length
          // A heading keeps its number, as `3 Committee considerations` does.
          if (block.plain) {
            block.plain = joinMapped([sliceMapped(block.text, 0, number.length), block.plain])
          }
        }
        const parent = parts.slice(0, -1).join('.')
        const previous = lastChild.get(parent)
        const expected = previous === undefined ? 1 : previous + 1
        if (own !== expected) {
          file.message(
            `Unexpected paragraph number \`${block.number}\`, expected \`${parent}.${expected}\``,
            { place: block.position, ruleId: messageRule.numberingGap, source: 'guidex' },
          )
        }
        lastChild.set(parent, own)
      }
    }
    markTableCaptions(tree)
    reportLostColumns(tree, file)
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

/** A line between two cells is a cell too when it is this short (`Nasal flaring`). */
const cellLineLength = 40

/**
 * Mark the text of tables whose columns the converter ran together: blocks
 * set in a narrow column, and the short lines between them. They stay text
 * (nothing is dropped), but are never headings or part of a paragraph
 * (`reportLostColumns` says the table was lost).
 *
 * @param blocks
 *   Text blocks in order.
 */
function markCellText(blocks: readonly TextBlock[]): void {
  const isCell = (block: TextBlock | undefined) =>
    block?.narrow === true || block?.role === 'cell-text'
  for (const block of blocks)
    if (block.narrow && block.role === 'paragraph') block.role = 'cell-text'
  for (const [index, block] of blocks.entries()) {
    if (block.role !== 'paragraph' || block.lineCount !== 1) continue
    const text = block.text.value.trim()
    // The table's last cell stands right under the one before it, no blank
    // line between (`murmur` / `Within 2 weeks`), and is never a heading.
    const last = !block.afterBlank && !block.afterPageBreak
    if (
      text.length < cellLineLength &&
      isCell(blocks[index - 1]) &&
      (isCell(blocks[index + 1]) || last)
    ) {
      block.role = 'cell-text'
    }
  }
}

/** Whether a caption names a table and says what it holds (`Table 12` alone is a heading's). */
function isTableCaption(block: TextBlock): boolean {
  const caption = tableCaption.exec(block.plain?.value.trim() ?? '')
  return caption !== null && (caption[2] ?? '').trim() !== ''
}

/** What a rendering that lost a table's columns is told. */
const columnsLost =
  'Unexpected table text in one column: this rendering ran the table’s columns together, read as text'

/**
 * Say where a rendering lost a table's columns, once per table: at its
 * caption (`Table 1 Management of …`), where no table follows it before the
 * next caption or numbered paragraph (`pdftotext` writes each cell on lines
 * of its own, and its short cells read as headings; `-layout` text may set
 * columns too close to part), and at the start of table text in one column
 * that has no caption.
 *
 * @param tree
 *   The block tree, roles set.
 * @param file
 *   File, for the messages.
 */
function reportLostColumns(tree: GuidanceRoot, file: VFile): void {
  let caption: TextBlock | undefined
  let previous: TextBlock | undefined
  const report = (block: TextBlock) =>
    file.message(columnsLost, {
      place: block.position,
      ruleId: messageRule.tableColumnsLost,
      source: 'guidex',
    })
  for (const block of tree.children) {
    if (block.type === 'tableBlock') caption = undefined
    if (block.type !== 'textBlock') continue
    const role = block.role
    if (
      (role === 'caption' && isTableCaption(block)) ||
      role === 'numbered-heading' ||
      role === 'numbered-paragraph'
    ) {
      if (caption) report(caption)
      caption = role === 'caption' ? block : undefined
    } else if (role === 'cell-text' && previous?.role !== 'cell-text' && !caption) {
      report(block)
    }
    previous = block
  }
  if (caption) report(caption)
}

/**
 * Give a heading the number `pdftotext` wrote after it, on a line of its
 * own before the first paragraph number under it:
 *
 * ```
 * Diagnosis of viable intrauterine pregnancy and
 * of tubal ectopic pregnancy
 * 1.4
 * 1.4.1
 * ```
 *
 * @param blocks
 *   Text blocks in order (changed in place).
 */
function attachTrailingHeadingNumbers(blocks: readonly TextBlock[]): void {
  for (const [index, block] of blocks.entries()) {
    const number = block.plain?.value.trim() ?? ''
    if (block.role !== 'paragraph' || !bareParagraphNumber.test(number)) continue
    const previous = blocks[index - 1]
    const next = blocks[index + 1]
    if (
      !previous ||
      previous.role !== 'paragraph' ||
      !isHeadingShaped(previous, previous.plain?.value.trim() ?? '')
    )
      continue
    if (next?.role !== 'numbered-paragraph' || !next.number?.startsWith(`${number}.`)) continue
    previous.role = 'numbered-heading'
    previous.number = number
    previous.depth = number.split('.').length
    block.role = 'heading-number'
  }
}

/**
 * Numbers that others extend: `1.1` where `1.1.1` stands in the text.
 *
 * @param blocks
 *   Text blocks.
 * @returns
 *   Every proper prefix of every paragraph number.
 */
function numbersWithChildren(blocks: readonly TextBlock[]): Set<string> {
  const parents = new Set<string>()
  for (const block of blocks) {
    if (block.role !== 'numbered-paragraph' || !block.number) continue
    const parts = block.number.split('.')
    for (let length = 1; length < parts.length; length++)
      parents.add(parts.slice(0, length).join('.'))
  }
  return parents
}

/** Words a numbered heading has at most (`1.8 Medical management of … in a critical care setting`). */
const numberedHeadingWordsMaximum = 30

/**
 * Whether a numbered block reads as a heading: not a sentence, not long.
 */
function isNumberedHeadingShaped(plain: string): boolean {
  return !endsSentence(plain) && plain.split(/\s+/).length <= numberedHeadingWordsMaximum
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
    if (/^ISBN:?\s/i.test(plain) && frontMatterLine.test(plain)) {
      block.role = 'front-matter'
      continue
    }
    if (seenContent) continue
    // A numbered block is content, not a title or a front-page line: its
    // number would be lost (`1.2.3` alone, then `NICE guideline`).
    if (block.syntax === 'numbered-paragraph') {
      seenContent = true
      continue
    }
    // A programme NICE names anew stands like the known ones, right above the date.
    const beforeDate = metadataLine.test(nextTextBlock(tree, index)?.plain?.value.trim() ?? '')
    const programme = programmeNamed(plain) ?? (beforeDate ? programmeOfLine(plain) : undefined)
    if (frontMatterLine.test(plain) || frontMatterLine.test(raw) || programme !== undefined) {
      block.role = 'front-matter'
      continue
    }
    if (index === firstTextIndex(tree)) {
      const titleBlocks = frontPageTitle(tree, index)
      if (titleBlocks.length > 0) {
        for (const titleBlock of titleBlocks) titleBlock.role = 'title'
        continue
      }
    }
    if (block.role === 'title') continue
    seenContent = true
  }
}

/**
 * The blocks of the title at the top: the first block when it is a title;
 * or, on a NICE front page, the short lines above the programme or date line
 * when the converter parted them (`COVID-19 rapid guideline: managing` /
 * `COVID-19` / `NICE guideline`: a title line may start with a capital).
 */
function frontPageTitle(tree: GuidanceRoot, first: number): TextBlock[] {
  const block = tree.children[first] as TextBlock
  const plain = (block.plain?.value ?? '').trim()
  if (!isTitle(block, plain, nextTextBlock(tree, first))) return []
  const parts: TextBlock[] = [block]
  let lines = block.lineCount
  let length = plain.length
  for (let index = first + 1; index < tree.children.length; index++) {
    const candidate = tree.children[index] as TextBlock
    if (candidate.type !== 'textBlock') break
    const text = (candidate.plain?.value ?? '').trim()
    if (programmeNamed(text) !== undefined || metadataLine.test(text)) {
      // A front page's programme or date line: the lines above it are the title.
      return parts
    }
    lines += candidate.lineCount
    length += text.length + 1
    const titleShaped =
      candidate.marker === 'none' &&
      candidate.syntax !== 'numbered-paragraph' &&
      text.length > 0 &&
      !endsSentence(text) &&
      !caption.test(text)
    if (!titleShaped || lines > titleLinesMaximum || length > titleMaximumLength) break
    parts.push(candidate)
  }
  return [block]
}

/** Index of the first text block. */
function firstTextIndex(tree: GuidanceRoot): number {
  return tree.children.findIndex((block) => block.type === 'textBlock')
}

/** The text block after `index`, if any. */
function nextTextBlock(tree: GuidanceRoot, index: number): TextBlock | undefined {
  const next = tree.children.slice(index + 1).find((block) => block.type === 'textBlock')
  return next?.type === 'textBlock' ? next : undefined
}

/** Lines a front-page title is set over, at most (`Hypertension in` / `pregnancy: diagnosis and` / `management`). */
const titleLinesMaximum = 5

/**
 * Whether the first block is a title: a `#` heading, or a line that does
 * not end a sentence; a title over several lines where the programme or a
 * date line follows it, as on a NICE front page.
 */
function isTitle(block: TextBlock, plain: string, next: TextBlock | undefined): boolean {
  if (block.role === 'heading') return block.depth === 1
  const nextPlain = next?.plain?.value.trim() ?? ''
  const frontPageFollows = programmeOfLine(nextPlain) !== undefined || metadataLine.test(nextPlain)
  return (
    block.marker === 'none' &&
    (block.lineCount === 1 || (frontPageFollows && block.lineCount <= titleLinesMaximum)) &&
    plain.length > 0 &&
    plain.length <= titleMaximumLength &&
    !endsSentence(plain) &&
    !caption.test(plain)
  )
}

/** Lines a heading may be wrapped over in converted text. */
const headingLinesMaximum = 3

/** A wrapped heading is no longer than this: longer wrapped blocks are prose without a full stop. */
const wrappedHeadingLength = 100

/**
 * Whether a block has the shape of a heading: one line, short, not a
 * sentence, no link, starting with a capital letter or a digit.
 */
function isHeadingShaped(block: TextBlock, plain: string): boolean {
  return (
    block.marker === 'none' &&
    // A heading set large wraps in converted text: `Parents and carers of babies at increased risk of neonatal` / `infection`.
    (block.lineCount === 1 ||
      (block.lineCount <= headingLinesMaximum && plain.length <= wrappedHeadingLength)) &&
    plain.length > 0 &&
    plain.length <= headingMaximumLength &&
    (block.links?.length ?? 0) === 0 &&
    !/[.,;:]$/.test(plain) &&
    // A recommendation's last sentence ends in its year tag, a heading never.
    !yearTag.test(plain) &&
    // `Male sex=79%`, `RR 2.06, 95% CI …` are data, not headings; `246` a table's cell.
    !/[=%<>]/.test(plain) &&
    /\p{L}/u.test(plain) &&
    /^[A-Z0-9]/.test(plain)
  )
}

/**
 * Whether a heading-shaped line not in the contents list reads as a
 * subheading: a few words, no `label: value` inside.
 */
function isSubheadingShaped(plain: string): boolean {
  // `1 or more high risk criteria` counts; `2 The procedure` is a section number, `24 #23 OR #22` a search line.
  return (
    plain.split(/\s+/).length <= headingMaximumWords &&
    !/:\s/.test(plain) &&
    !/^\d+[ \t]+(?![a-z])/.test(plain)
  )
}
