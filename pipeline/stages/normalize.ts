/**
 * Stage `normalize` (the processor's parser): raw PDF-to-text output into a
 * flat tree of blocks, every block mapped back to the raw file.
 *
 * - running page headers and footers are found by their repetition and dropped
 *   (their places kept in `file.data.furniture`);
 * - the contents list is recognised as contents, not as sections;
 * - hard line wraps are reflowed;
 * - a paragraph or list item split by a page break is joined back;
 * - tab-separated lines are kept apart as table blocks for the table stage.
 */

import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { type ContentsLines, markContentsList } from '../lib/layout/contents-list.js'
import { markAlignedTables } from '../lib/layout/aligned-tables.js'
import { attachMarginNumbers } from '../lib/layout/margin-numbers.js'
import { markNiceFurniture } from '../lib/layout/page-furniture.js'
import { indentFromLayout } from '../lib/layout/pdf-columns.js'
import { markPdfTables } from '../lib/layout/pdf-tables.js'
import type { WorkLine } from '../lib/layout/work-line.js'
import { boxOpening } from '../vocabulary/boxes.js'
import { measurePart } from '../vocabulary/quality-standards.js'
import { Lexicon } from '../lib/layout/hyphenation.js'
import type { TextLayout } from '../readers/reader.js'
import { LineIndex, type RawLine } from '../lib/line-index.js'
import {
  furnitureLongLine,
  furnitureMinimumRepeats,
  gluedHeaderMinimumLength,
  gluedHeaderProbeLength,
  headingMaximumLength,
  headingMaximumWords,
  linkLookback,
  paragraphEndShare,
  wrapWidthMinimumLines,
} from '../thresholds.js'
import { joinMapped, type MappedText, mappedFromRaw, sliceMapped } from '../lib/mapped-text.js'
import {
  bulletMarker,
  endsSentence,
  endsWithContinuingWord,
  markdownHeading,
  numberedParagraph,
  orderedMarker,
  yearTag,
} from '../lib/text-patterns.js'
import type {
  Block,
  BlockMarker,
  ContentsBlock,
  ContentsEntry,
  GuidanceRoot,
  Source,
  TableBlock,
  TextBlock,
} from '../types.js'

declare module 'vfile' {
  interface DataMap {
    /** Lines and positions of the raw input. */
    lineIndex: LineIndex
    /** Provenance of the page furniture removed (running headers and footers). */
    furniture: Source[]
    /** The document's contents list. */
    contents: ContentsEntry[]
  }
}

/** A paragraph number in the margin with its text after a gap, as `pdftotext -layout` writes it. */
const marginGap = /^[ \t]*\d{1,2}(?:\.\d{1,3}){1,3}(?: {2,}|\t)\S/

/** A lettered label at the start of a line: `a) Evidence of …`, `(b) Proportion of …`. */
const letteredLabel = /^[ \t]*\(?[a-z]\)[ \t]+\S/

/** A table, figure or box caption opens a block: `Table 1 Combined HRT versus no HRT …`. */
const caption = /^(?:Table|Figure|Box)[ \t]+[A-Z]?\d{1,3}[a-z]?\b/

/** A `Label: value` line of front or back matter. */
const labelLine = /^(?:Published|Last updated|ISBN|Update information)\b/i

/** A front-matter label with its value: `Published: 25 June 2019`, `ISBN: 978-…`. */
const labelValue = /^\s*(?:Published|Last updated|ISBN):?\s+\S.{0,40}$/i

/** Which of the wrapped lines' lengths is the wrap width (0.75: the upper quartile). */
const wrapWidthQuantile = 0.75

/**
 * Attach the normalizing parser.
 */
export const normalize: Plugin<[], string, GuidanceRoot> = function () {
  this.parser = (document: string, file: VFile) => normalizeText(document, file)
}

/**
 * Normalize raw text into a block tree.
 *
 * @param raw
 *   The decoded raw file.
 * @param file
 *   The file; receives `lineIndex`, `furniture` and `contents` on its data.
 * @returns
 *   The block tree.
 */
export function normalizeText(raw: string, file: VFile): GuidanceRoot {
  const lineIndex = new LineIndex(raw)
  file.data.lineIndex = lineIndex
  const { lines, contentsEntries } = classifyLines(lineIndex.lines, file.data.layout)
  if (file.data.layout) indentFromLayout(lines, file.data.layout)
  const furniture: Source[] = []
  const contents: ContentsEntry[] = []
  const blocks: Block[] = []
  const entryAt = new Map(contentsEntries.map((entry) => [entry.first, entry]))

  const wrapWidth = estimateWrapWidth(lines) ?? pdfPageWidth(lines)
  const lexicon = new Lexicon(
    lines.flatMap((line) => (line.kind === 'text' ? [line.text] : [])),
    wrapWidth,
  )
  // After the wrap width and the words are taken: a table's lines count as text for both.
  if (!file.data.layout) markAlignedTables(lines, wrapWidth)

  let textLines: WorkLine[] = []
  let table: TableBlock | undefined
  /** The layout's number of the table `table` holds lines of. */
  let tableNumber: number | undefined
  let contentsBlock: ContentsBlock | undefined
  let afterPageBreak = false

  const flushText = () => {
    if (textLines.length > 0)
      blocks.push(...textBlocks(textLines, wrapWidth, afterPageBreak, lexicon))
    if (textLines.length > 0) afterPageBreak = false
    textLines = []
  }

  for (const [index, line] of lines.entries()) {
    // A blank line inside a table parts its rows, not the table.
    if (line.kind !== 'table' && !(line.kind === 'blank' && line.tablePlace)) table = undefined
    if (line.kind !== 'contents' && line.kind !== 'blank' && line.kind !== 'furniture')
      contentsBlock = undefined
    switch (line.kind) {
      case 'blank':
        flushText()
        break
      case 'margin-number':
        // The number opens the block of the line it numbers.
        flushText()
        break
      case 'furniture':
        flushText()
        afterPageBreak = true
        furniture.push(lineIndex.source(line.offset, line.offset + line.text.length))
        break
      case 'contents': {
        flushText()
        if (!contentsBlock) {
          contentsBlock = { type: 'contentsBlock', entries: [] }
          blocks.push(contentsBlock)
        }
        // The `Contents` heading line and the later lines of an entry have no entry of their own.
        const entry = entryAt.get(index)
        if (entry) {
          const contentsEntry = {
            title: entry.title,
            page: entry.page,
            source: entrySource(lineIndex, lines, entry),
          }
          contentsBlock.entries.push(contentsEntry)
          contents.push(contentsEntry)
        }
        break
      }
      case 'table': {
        flushText()
        const place = line.tablePlace
        // Two tables the layout tells apart are two blocks, side by side or not.
        if (!table || (place && place.table !== tableNumber)) {
          table = { type: 'tableBlock', lines: [], afterPageBreak }
          if (place) table.rowStarts = []
          afterPageBreak = false
          blocks.push(table)
        }
        tableNumber = place?.table
        const mapped = mappedFromRaw(line.text, line.offset)
        table.lines.push(mapped)
        if (place) table.rowStarts?.push(place.rowStart || table.lines.length === 1)
        if (place?.cells) {
          table.cells ??= []
          table.cells.push(place.cells.map(([start, end]) => sliceMapped(mapped, start, end)))
        }
        break
      }
      default:
        if (
          textLines.length > 0 &&
          startsNewBlock(line, textLines, wrapWidth, textAfter(lines, index))
        )
          flushText()
        textLines.push(line)
    }
  }
  flushText()

  for (const block of blocks) setPosition(block, lineIndex)
  file.data.furniture = furniture
  file.data.contents = contents
  return { type: 'root', children: joinPageSplits(blocks, lexicon) }
}

/**
 * Sort every line into blank, furniture, contents, table or text.
 *
 * @param rawLines
 *   Lines of the raw file.
 * @param layout
 *   The PDF reader's layout of the text (optional): where its tables are.
 * @returns
 *   Classified lines (a leading BOM removed from the first, a form feed from
 *   the first line of a page), and the contents list's entries.
 */
function classifyLines(
  rawLines: readonly RawLine[],
  layout: TextLayout | undefined,
): {
  lines: WorkLine[]
  contentsEntries: ContentsLines[]
} {
  let previousBlank = false
  const lines: WorkLine[] = rawLines.map((line, index) => {
    let skip = index === 0 && line.text.startsWith('\uFEFF') ? 1 : 0
    // `pdftotext` starts every page after the first with a form feed.
    const pageStart = line.text.charCodeAt(skip) === 12
    if (pageStart) skip++
    const text = skip === 0 ? line.text : line.text.slice(skip)
    const firstVisible = text.search(/\S/)
    const afterBlank = index > 0 && previousBlank
    // A form feed alone is a blank line, as it always was (`trim` takes it).
    previousBlank = !/\S/.test(line.text)
    return {
      line: line.line,
      text,
      offset: line.offset + skip,
      kind: firstVisible === -1 ? 'blank' : 'text',
      pageStart,
      indent: firstVisible === -1 ? text.length : firstVisible,
      afterBlank,
    }
  })

  if (layout) markPdfTables(lines, layout)
  markNiceFurniture(lines)
  const contentsEntries = markContentsList(lines)
  attachMarginNumbers(lines)

  // Running headers and footers: standalone lines (blank around them) that
  // repeat, compared with digits masked so `Page 3 of 12` matches `Page 4 of 12`.
  // Where the pages are known (form feeds, NICE's footers), only lines at a
  // page's edge: a quality standard repeats `Quality measures` under each statement.
  const pageEdges = nearPageEdges(lines)
  const counts = new Map<string, number>()
  const keys: (string | undefined)[] = lines.map((line, index) => {
    if (line.kind !== 'text' || line.text.includes('\t')) return undefined
    if (pageEdges && !pageEdges.has(index)) return undefined
    if (!isStandalone(lines, index) || startsWithMarker(line.text)) return undefined
    // A running header is a title, not a sentence: a guideline repeats whole
    // sentences (`See the UK standards for microbiology investigations. [2016]`).
    if (endsSentence(line.text)) return undefined
    const key = line.text.trim().replace(/\d+/g, '#')
    counts.set(key, (counts.get(key) ?? 0) + 1)
    return key
  })
  for (const [index, line] of lines.entries()) {
    const key = keys[index]
    if (key !== undefined) {
      const count = counts.get(key) ?? 0
      if (count >= furnitureMinimumRepeats || (count >= 2 && key.length >= furnitureLongLine)) {
        line.kind = 'furniture'
      }
    }
    if (line.kind === 'text' && line.text.includes('\t')) line.kind = 'table'
  }
  cutGluedFurniture(lines)
  // A number tied to a line that turned out to be furniture or a table row
  // (`1.2.3` before a tab-separated line) is text of its own, not dropped.
  for (const line of lines) {
    if (line.marginNumber && line.kind !== 'text') {
      line.marginNumber.kind = 'text'
      delete line.marginNumber
    }
  }
  return { lines, contentsEntries }
}

/** Lines of text a running header or footer stands from its page's edge, at most. */
const pageEdgeDistance = 2

/**
 * The lines near the edge of a page, where the pages are known: the first
 * and last lines of text of each page (a form feed starts one, NICE's
 * footer ends one). `undefined` where the text shows no pages.
 *
 * @param lines
 *   Classified lines.
 * @returns
 *   Indexes of the lines at a page's edge.
 */
function nearPageEdges(lines: readonly WorkLine[]): Set<number> | undefined {
  const edges = lines.flatMap((line, index) =>
    line.pageStart || line.kind === 'furniture' ? [index] : [],
  )
  if (edges.length === 0) return undefined
  const near = new Set<number>()
  for (const edge of edges) {
    for (const direction of [-1, 1]) {
      let seen = 0
      for (
        let cursor = edge + direction;
        cursor >= 0 && cursor < lines.length && seen < pageEdgeDistance;
        cursor += direction
      ) {
        const line = lines[cursor] as WorkLine
        if (line.kind === 'furniture' || line.pageStart) break
        if (line.kind === 'blank') continue
        near.add(cursor)
        seen++
      }
    }
    near.add(edge)
  }
  return near
}

/**
 * Provenance of a contents entry: from its title's first character to the
 * end of its last line (the leading white space skipped by characters, not
 * by `indent`, which a PDF's layout sets in columns).
 */
function entrySource(
  lineIndex: LineIndex,
  lines: readonly WorkLine[],
  entry: ContentsLines,
): Source {
  const first = lines[entry.first] as WorkLine
  const last = lines[entry.last] as WorkLine
  const leading = first.text.length - first.text.trimStart().length
  return lineIndex.source(first.offset + leading, last.offset + last.text.trimEnd().length)
}

/**
 * Cut a running header glued to the end of a text line by the PDF conversion
 * (`…a technical bulletin for Interventional procedure overview: …`): the
 * header becomes a furniture line of its own, after the text.
 *
 * @param lines
 *   Lines (changed in place; glued headers split off).
 */
function cutGluedFurniture(lines: WorkLine[]): void {
  const headers = new Map<string, RegExp>()
  for (const line of lines) {
    const text = line.text.trim()
    if (line.kind !== 'furniture' || text.length < gluedHeaderMinimumLength) continue
    // Page numbers change from page to page: any digits stand for digits.
    const key = text.replace(/\d+/g, '#')
    if (headers.has(key)) continue
    const pattern = text
      .split(/\d+/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\d+')
    headers.set(key, new RegExp(`${pattern}\\s*$`))
  }
  if (headers.size === 0) return
  const prefixes = [...headers.keys()].map(
    (key) => key.split('#')[0]?.slice(0, gluedHeaderProbeLength) ?? '',
  )
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as WorkLine
    if (line.kind !== 'text') continue
    let position = 0
    for (const [headerIndex, pattern] of [...headers.values()].entries()) {
      // A cheap test first: the header's first characters must be in the line.
      if (!line.text.includes(prefixes[headerIndex] ?? '')) continue
      const match = pattern.exec(line.text)
      if (match && match.index > 0) {
        position = match.index
        break
      }
    }
    if (position === 0) continue
    const header = line.text.slice(position).trimEnd()
    const pieces: WorkLine[] = [
      { ...line, offset: line.offset + position, text: header, kind: 'furniture' },
      { ...line, offset: line.offset + position + header.length, text: '', kind: 'blank' },
    ]
    // The line's paragraph number stays with its text.
    for (const piece of pieces) delete piece.marginNumber
    lines.splice(index + 1, 0, ...pieces)
    line.text = line.text.slice(0, position)
  }
}

/**
 * Whether the line at `index` has blank lines (or the file edge) on both sides.
 */
function isStandalone(lines: readonly WorkLine[], index: number): boolean {
  const before = lines[index - 1]
  const after = lines[index + 1]
  return (!before || before.kind === 'blank') && (!after || after.kind === 'blank')
}

/**
 * Whether a line opens a list item, numbered paragraph or markdown heading.
 */
function startsWithMarker(text: string): boolean {
  const trimmed = text.trimStart()
  return (
    bulletMarker.test(text) ||
    orderedMarker.test(text) ||
    numberedParagraph.test(trimmed) ||
    markdownHeading.test(trimmed)
  )
}

/**
 * The width a hard-wrapped document wraps at, or `undefined` when lines are
 * not hard-wrapped.
 *
 * A wrapped line is a text line followed by a text line that continues it.
 * The width is the upper quartile of those lines' lengths; it needs enough of them to
 * mean anything.
 */
function estimateWrapWidth(lines: readonly WorkLine[]): number | undefined {
  const lengths: number[] = []
  for (const [index, line] of lines.entries()) {
    const next = lines[index + 1]
    if (line.kind === 'text' && next?.kind === 'text' && !startsWithMarker(next.text)) {
      lengths.push(line.text.trimEnd().length)
    }
  }
  if (lengths.length < wrapWidthMinimumLines) return undefined
  lengths.sort((a, b) => a - b)
  // The upper quartile, not the median: a converted PDF has many short lines
  // (headings, table cells) among its full ones.
  return lengths[Math.floor(lengths.length * wrapWidthQuantile)]
}

/** Characters a line of a NICE PDF's body holds, about (`pdftotext`, 10-point type on A4). */
const pdfBodyLineLength = 90

/**
 * The wrap width of a text too short to measure one, where it shows it was
 * converted from a PDF (pages, or NICE's page furniture): a PDF's lines wrap
 * whether the text has enough of them to tell or not.
 */
function pdfPageWidth(lines: readonly WorkLine[]): number | undefined {
  return lines.some((line) => line.pageStart || line.kind === 'furniture')
    ? pdfBodyLineLength
    : undefined
}

/**
 * Whether `line` starts a new block rather than continuing the lines before it.
 */
function startsNewBlock(
  line: WorkLine,
  previousLines: readonly WorkLine[],
  wrapWidth: number | undefined,
  next: WorkLine | undefined,
): boolean {
  if (line.marginNumber || caption.test(line.text.trimStart())) return true
  const previous = (previousLines[previousLines.length - 1] as WorkLine).text.trimEnd()
  // `Published: 25 June 2019`, `Last updated: …`: a line of front matter each.
  if (
    labelLine.test(previous.trimStart()) &&
    previousLines.length === 1 &&
    labelValue.test(previous)
  )
    return true
  if (labelValue.test(line.text) && !endsWithContinuingWord(previous)) return true
  if (startsWithMarker(line.text)) {
    // A number in the margin, its text after a gap (`1.1.1     Advise …`), opens its paragraph.
    if (marginGap.test(line.text)) return true
    // `1.4 million people` wrapped to the start of a line is not paragraph 1.4.
    if (
      numberedParagraph.test(line.text.trimStart()) &&
      !endsSentence(previous) &&
      !endsShortLine(previous, line.text, wrapWidth)
    )
      return false
    // `– so that clots cannot form –` wrapped to the start of a line goes on a
    // sentence of a paragraph: an en dash there is a dash, not a bullet.
    const paragraphLine = !startsWithMarker((previousLines[0] as WorkLine).text)
    return !(paragraphLine && /^\s*–\s/.test(line.text) && !endsSentence(previous))
  }
  // A year tag closes a recommendation's text (`… meningitis. [2021]` then a box).
  if (yearTag.test(previous)) return true
  if (endsSentence(previous) && boxOpening.test(line.text.trimStart())) return true
  // `a) Evidence of local arrangements …` under `Structure`: a lettered measure opens a block.
  if (
    letteredLabel.test(line.text) &&
    (endsSentence(previous) || endsShortLine(previous, 'A', wrapWidth))
  )
    return true
  // `Numerator – the number in …`, `Data source: Local data collection …`: a measure's parts.
  if (endsSentence(previous) && measurePart.test(line.text.trimStart())) return true
  if (!endsSentence(previous)) return endsShortLine(previous, line.text, wrapWidth)
  // A colon goes on in lower case: `Suspected sepsis:` / `recognition, diagnosis and`.
  if (previous.endsWith(':') && /^[a-z]/.test(line.text.trimStart())) return false
  if (isHeadingLine(line, next, wrapWidth)) return true
  const indented = /^[ \t]/.test(line.text)
  // An indented line after a finished sentence opens a new paragraph, unless
  // it is the hanging indent of a list item.
  if (indented && !startsWithMarker((previousLines[0] as WorkLine).text)) {
    if (!/^[ \t]/.test(previousLines[0]?.text ?? '') || previousLines.length > 1) return true
  }
  // In a hard-wrapped text, a short line that ends a sentence ends its paragraph.
  return wrapWidth !== undefined && previous.length < wrapWidth * paragraphEndShare
}

/**
 * Whether a line that does not end a sentence still ends its block: it is
 * short, its last word can end a phrase, and the next line opens with a
 * capital. This is how a heading, a title line or a caption stands in text
 * with no blank line around it (`pdftotext`: `Antiplatelet agents` then
 * `For the indication in recommendations 1.1.2 …`).
 */
function endsShortLine(previous: string, next: string, wrapWidth: number | undefined): boolean {
  if (wrapWidth === undefined || previous.length >= wrapWidth * paragraphEndShare) return false
  if (endsWithContinuingWord(previous) || /[,;\-–—/(]$/.test(previous)) return false
  return /^(?:[A-Z0-9"“‘([]|www\.|https?:)/.test(next.trimStart())
}

/**
 * Whether a line after a finished sentence is a heading of its own: short,
 * not a sentence, and what follows it starts a block (`pdftotext` writes no
 * blank line around `Parents and carers of babies at increased risk …`
 * between a recommendation and the next number).
 */
function isHeadingLine(
  line: WorkLine,
  next: WorkLine | undefined,
  wrapWidth: number | undefined,
): boolean {
  const text = line.text.trim()
  if (wrapWidth === undefined || text.length >= wrapWidth * paragraphEndShare) return false
  if (endsSentence(text) || startsWithMarker(line.text) || !/^[A-Z0-9"“‘]/.test(text)) return false
  if (endsWithContinuingWord(text) || /[,;\-–—/(]$/.test(text)) return false
  if (!next || next.kind !== 'text') return true
  return (
    next.marginNumber !== undefined ||
    startsWithMarker(next.text) ||
    endsShortLine(text, next.text, wrapWidth)
  )
}

/** The line after `index` when it is text, else `undefined`. */
function textAfter(lines: readonly WorkLine[], index: number): WorkLine | undefined {
  const next = lines[index + 1]
  return next?.kind === 'text' ? next : undefined
}

/**
 * Turn a run of text lines (no blank between) into blocks: one block per list
 * item, numbered paragraph or paragraph, hard wraps reflowed.
 */
function textBlocks(
  lines: readonly WorkLine[],
  wrapWidth: number | undefined,
  afterPageBreak: boolean,
  lexicon: Lexicon,
): TextBlock[] {
  const blocks: TextBlock[] = []
  let group: WorkLine[] = []
  const flush = () => {
    if (group.length > 0)
      blocks.push(makeTextBlock(group, blocks.length === 0 && afterPageBreak, wrapWidth, lexicon))
    group = []
  }
  for (const [index, line] of lines.entries()) {
    if (group.length > 0 && startsNewBlock(line, group, wrapWidth, lines[index + 1])) flush()
    group.push(line)
  }
  flush()
  return blocks
}

/**
 * Build one text block from its lines: marker and indentation removed from the
 * first line, lines joined with a space (no space after a hyphen that splits a
 * word).
 */
function makeTextBlock(
  lines: readonly WorkLine[],
  afterPageBreak: boolean,
  wrapWidth: number | undefined,
  lexicon: Lexicon,
): TextBlock {
  const first = lines[0] as WorkLine
  let marker: BlockMarker = 'none'
  const leading = first.text.length - first.text.trimStart().length
  let skip = leading
  // The line's own indentation: its leading spaces, or where a PDF draws it.
  const indent = first.indent
  const bullet = bulletMarker.exec(first.text)
  const ordered = bullet ? null : orderedMarker.exec(first.text)
  if (bullet) {
    marker = 'bullet'
    skip = bullet[0].length
  } else if (ordered) {
    // Keep the ordinal in the text: the parse stage reads it.
    marker = 'ordered'
  }
  const glyph = bullet ? (bullet[2] as string) : undefined
  const parts = lines.map((line, index) => {
    const start = index === 0 ? skip : line.text.length - line.text.trimStart().length
    const end = line.text.trimEnd().length
    return withHyphens(
      mappedFromRaw(line.text.slice(start, end), line.offset + start),
      lexicon.hyphensIn(line.text),
      start,
    )
  })
  const number = first.marginNumber
  const marginNumber = marginGap.exec(first.text)
  const textColumn =
    first.textColumn ?? (marginNumber ? marginNumber[0].length - 1 : indent + skip - leading)
  if (number) {
    const numberText = number.text.trim()
    // Its characters, not its `indent` (a PDF's layout sets that in columns).
    const numberStart = number.offset + (number.text.length - number.text.trimStart().length)
    parts[0] = joinMapped([mappedFromRaw(numberText, numberStart), parts[0] as MappedText])
  }
  return {
    type: 'textBlock',
    text: joinLines(parts, lexicon),
    marker,
    ...(glyph === undefined ? {} : { glyph }),
    indent,
    textColumn,
    lineCount: lines.length,
    afterPageBreak,
    afterBlank: first.afterBlank,
    narrow: isNarrow(lines, wrapWidth),
  }
}

/**
 * Put back the hyphens a converter took out where it joined two lines
 * (see `Lexicon.hyphensIn`).
 *
 * @param text
 *   A line's text from `start` on.
 * @param places
 *   Indexes in the whole line where a hyphen goes.
 * @param start
 *   Where `text` starts in the line.
 * @returns
 *   The text with its hyphens.
 */
function withHyphens(text: MappedText, places: readonly number[], start: number): MappedText {
  let result = text
  // From the last, so that earlier places stay where they are.
  for (const place of [...places].reverse()) {
    const at = place - start
    if (at <= 0 || at >= result.value.length) continue
    result = joinMapped([sliceMapped(result, 0, at), sliceMapped(result, at)], '-')
  }
  return result
}

/**
 * Join lines of one paragraph: a space between, and a hyphen at a line end
 * kept or taken out as the document writes the word (see `Lexicon`).
 */
function joinLines(parts: readonly MappedText[], lexicon: Lexicon): MappedText {
  const joined = new PieceJoiner(parts[0] as MappedText)
  for (const part of parts.slice(1)) joined.add(part, lexicon)
  return joined.text()
}

/**
 * The pieces of one paragraph that line ends or page breaks parted, joined
 * once at the end (`text`): a space between two pieces, none after a hyphen
 * that splits a word, which is dropped unless the document writes the word
 * with it (`lexicon`). Each decision looks at a short view of the text so
 * far: joining a piece at a time onto the whole of it, and looking at the
 * whole, was quadratic in the pieces (a block of 20,000 lines).
 */
class PieceJoiner {
  private readonly pieces: MappedText[]
  private readonly separators: string[] = []
  /** The text so far, as the decisions see it. */
  view: TextView

  /**
   * @param first
   *   The first piece.
   */
  constructor(first: MappedText) {
    this.pieces = [first]
    this.view = extendView(emptyView, first.value)
  }

  /**
   * Join one more piece.
   *
   * @param after
   *   The text after the break.
   * @param lexicon
   *   The document's words.
   */
  add(after: MappedText, lexicon: Lexicon): void {
    const cut = /([\p{L}\d]+)-$/u.exec(this.view.tail.slice(-40))
    const next = /^\p{Ll}\p{L}*/u.exec(after.value)
    let separator = ' '
    if (cut && next) {
      separator = ''
      if (!lexicon.keepsHyphen(cut[1] as string, next[0])) this.dropLastCharacter()
    }
    this.pieces.push(after)
    this.separators.push(separator)
    this.view = extendView(this.view, separator + after.value)
  }

  /** The joined text. */
  text(): MappedText {
    return this.pieces.length === 1
      ? (this.pieces[0] as MappedText)
      : joinMapped(this.pieces, this.separators)
  }

  /** Drop the hyphen the text so far ends with (the last character of its last piece that has one). */
  private dropLastCharacter(): void {
    let at = this.pieces.length - 1
    while (at > 0 && (this.pieces[at] as MappedText).value.length === 0) at--
    const piece = this.pieces[at] as MappedText
    this.pieces[at] = sliceMapped(piece, 0, piece.value.length - 1)
    const { length, head, tail, words } = this.view
    const exact = length <= viewExactLength ? this.view.text.slice(0, -1) : undefined
    this.view = {
      length: length - 1,
      head: length <= viewEdgeLength ? head.slice(0, -1) : head,
      tail: tail.slice(0, -1),
      words,
      text: exact ?? `${head}\u2026${tail.slice(0, -1)}`,
    }
  }
}

/** Characters kept of each end of a long text in its view. */
const viewEdgeLength = 120

/** The longest text a view holds whole (longer than any heading it is tested for). */
const viewExactLength = 2 * viewEdgeLength

/**
 * A view of the text so far for the decisions on it (`continuesBlock`,
 * `PieceJoiner`): the text itself while it is short, else its first and last
 * 120 characters around an ellipsis (the same start and end, and longer
 * than any heading); its length and its words counted whole.
 */
interface TextView {
  text: string
  length: number
  head: string
  tail: string
  /** Words, counted as `text.split(' ')` counts them. */
  words: number
}

/** The view of no text. */
const emptyView: TextView = { text: '', length: 0, head: '', tail: '', words: 1 }

/** Spaces in a text (the words a view counts, less one), without splitting it. */
function spacesIn(text: string): number {
  let count = 0
  for (let at = text.indexOf(' '); at !== -1; at = text.indexOf(' ', at + 1)) count++
  return count
}

/** The view of a text with more appended. */
function extendView(view: TextView, more: string): TextView {
  const length = view.length + more.length
  const head =
    view.head.length >= viewEdgeLength
      ? view.head
      : (view.head + more.slice(0, viewEdgeLength)).slice(0, viewEdgeLength)
  const tail = (view.tail + more.slice(-viewEdgeLength)).slice(-viewEdgeLength)
  const text = length <= viewExactLength ? view.text + more : `${head}\u2026${tail}`
  return { text, length, head, tail, words: view.words + spacesIn(more) }
}

/**
 * Join blocks that a page break split: the first does not end its sentence
 * and the second goes on with it.
 */
function joinPageSplits(blocks: Block[], lexicon: Lexicon): Block[] {
  const result: Block[] = []
  let joining: { block: TextBlock; joiner: PieceJoiner } | undefined
  const finish = () => {
    if (joining) joining.block.text = joining.joiner.text()
    joining = undefined
  }
  for (const block of blocks) {
    const previous = result[result.length - 1]
    if (block.type === 'textBlock' && previous?.type === 'textBlock') {
      if (joining?.block !== previous) {
        finish()
        joining = { block: previous, joiner: new PieceJoiner(previous.text) }
      }
      if (continuesBlock(previous, block, joining.joiner.view)) {
        joining.joiner.add(block.text, lexicon)
        previous.lineCount += block.lineCount
        if (previous.position && block.position) previous.position.end = block.position.end
        continue
      }
    }
    result.push(block)
  }
  finish()
  return result
}

/**
 * Whether `next` continues `previous` across a page break or blank line.
 */
function continuesBlock(
  previous: TextBlock,
  next: TextBlock,
  view: Pick<TextView, 'text' | 'words'> = {
    text: previous.text.value,
    words: previous.text.value.split(' ').length,
  },
): boolean {
  if (next.marker !== 'none') return false
  const before = view.text
  const after = next.text.value
  if (markdownHeading.test(before) || markdownHeading.test(after)) return false
  // A paragraph number opens a paragraph; a decimal that goes on a sentence
  // (`was` + `1.5 times higher`) does not.
  if (
    startsWithMarker(after) &&
    !(numberedParagraph.test(after) && endsWithContinuingWord(before))
  ) {
    return false
  }
  // `Published: 28 November 2018` and the address line under it are separate.
  if (labelLine.test(before) || /^(?:www\.|https?:)/i.test(after)) return false
  if (endsSentence(before)) return false
  if (/^[a-z]/.test(after)) return true
  if (endsWithContinuingWord(before)) return true
  if (!next.afterPageBreak) return false
  // After a running header the evidence is stronger: a number or bracket can
  // go on a sentence that ends in a word (`[95% CI` + `46 to 55]`), and a
  // link can go on a link.
  if (/^[\d(<]/.test(after) && /[A-Za-z]$/.test(before)) return true
  if (after.startsWith('[')) return /\]\([^)]*\)$/.test(before.slice(-linkLookback))
  // A sentence cut after a comma or a word goes on with a capital
  // (`Upper Gastrointestinal` + `Surgery of …`), but a short line without a
  // full stop is a heading, on either side of the break.
  // A list item is never a heading, whatever its length.
  return (
    (previous.marker !== 'none' || !isHeadingShaped(before, view.words)) && !isHeadingShaped(after)
  )
}

/** One short line that does not end a sentence: a heading or caption. */
function isHeadingShaped(text: string, words = text.split(' ').length): boolean {
  // `Could this be sepsis?`: a heading may ask.
  if (text.endsWith('?') && words <= questionHeadingWords) return true
  return (
    text.length <= headingMaximumLength &&
    !/[,;]$/.test(text) &&
    words <= headingMaximumWords &&
    !endsSentence(text)
  )
}

/** Share of the wrap width under which a line is a table cell's, set in a narrow column. */
const narrowShare = 0.35

/** Lines a block needs to be recognised as set in a narrow column. */
const narrowLinesMinimum = 3

/**
 * Whether a block's lines were set in a narrow column: the cell of a table
 * whose columns a converter ran together (`pdftotext` without `-layout`:
 * `Oxygen saturation of` / `less than 92% in air or` / `increased oxygen`).
 */
function isNarrow(lines: readonly WorkLine[], wrapWidth: number | undefined): boolean {
  if (wrapWidth === undefined || lines.length < narrowLinesMinimum) return false
  return lines.every((line) => line.text.trim().length < wrapWidth * narrowShare)
}

/** Words a heading that asks has at most (`Is this procedure right for me?`). */
const questionHeadingWords = 8

/** Set the unist position of a block from its mapped text. */
function setPosition(block: Block, lineIndex: LineIndex): void {
  let start: number | undefined
  let end: number | undefined
  if (block.type === 'textBlock') {
    const first = block.text.runs[0]
    const last = block.text.runs[block.text.runs.length - 1]
    if (first && last) {
      start = first.offset
      end = last.offset + last.length
    }
  } else if (block.type === 'tableBlock') {
    const first = block.lines[0]?.runs[0]
    const lastLine = block.lines[block.lines.length - 1]
    const last = lastLine?.runs[lastLine.runs.length - 1]
    if (first && last) {
      start = first.offset
      end = last.offset + last.length
    }
  } else {
    const first = block.entries[0]?.source
    const last = block.entries[block.entries.length - 1]?.source
    if (first && last) {
      start = first.offset
      end = last.offset + last.text.length
    }
  }
  if (start === undefined || end === undefined) return
  const startPoint = lineIndex.pointAt(start)
  const endPoint = lineIndex.pointAt(end)
  block.position = { start: startPoint, end: endPoint }
}
