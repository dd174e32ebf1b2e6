/**
 * Table cells as the PDF conversion left them: HTML fragments (`<p>`, `<ul
 * style="…">`, `<li>`, `<i>`), `•` bullets, and LaTeX-ish math (`$p<0.001$`,
 * `$I^2=89.8\%$`). Read into structured blocks (paragraphs and list items)
 * and plain text, every character mapped back to the raw file; no markup is
 * left in the text.
 *
 * A small scanner, linear in the cell's length: tags are recognised only as
 * `<name …>` / `</name>` of known HTML names, so `p<0.001` stays text.
 */

import type { TableCell } from '../types.js'
import { joinMapped, type MappedText, sliceMapped, trimMapped } from './mapped-text.js'

/** A block of a cell: a paragraph or a list item (with its nesting depth). */
export interface CellBlock {
  type: 'paragraph' | 'item'
  /** 1 for a top-level list item, 0 for paragraphs. */
  depth: number
  text: MappedText
}

/**
 * A table cell as the stages read it: its plain text (blocks joined with a
 * space) and its blocks, both mapped to the raw file. The record's cell
 * (`TableCell`, plain strings) is made from it by `plainCell`.
 */
export interface Cell {
  text: MappedText
  blocks: CellBlock[]
}

/** Glyphs that open a list item inside a cell (also in `markupStart` below). */
const bulletGlyphs = new Set(['•', '▪', '◦', '○', '●', '■', '□', '‣', '⁃'])

/** HTML elements that start a new block. */
const blockTags = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
])
/** HTML elements dropped without a break (inline formatting). */
const inlineTags = new Set(['i', 'b', 'em', 'strong', 'span', 'sup', 'sub', 'u', 'a', 'small'])

/** The longest tag read (`<ul style="list-style-type: none">` and longer attributes). */
const tagMaximumLength = 200

/** A tag: `<name attributes>` or `</name>`, names known to HTML only. */
const tagPattern = /^<\/?([a-z][a-z0-9]*)\b[^<>]*>/i

/** LaTeX commands and what they stand for. */
const latexCommands: Record<string, string> = {
  '\\%': '%',
  '\\leq': '≤',
  '\\le': '≤',
  '\\geq': '≥',
  '\\ge': '≥',
  '\\times': '×',
  '\\pm': '±',
  '\\,': ' ',
  '\\ ': ' ',
  '\\chi': 'χ',
  '\\alpha': 'α',
  '\\beta': 'β',
}

const superscripts: Record<string, string> = { '2': '²', '3': '³', '1': '¹', '0': '⁰' }

/**
 * Read a cell's raw text into blocks and plain text.
 *
 * @param raw
 *   The cell as written (mapped to the raw file); continuation fragments of
 *   a cell split by a page break are joined before this is called.
 * @returns
 *   Blocks and the plain text (blocks joined with a space).
 */
export function readCell(raw: MappedText): Cell {
  const blocks: CellBlock[] = []
  let depth = 0
  let pieces: MappedText[] = []
  let kind: CellBlock['type'] = 'paragraph'
  let blockDepth = 0

  const flush = () => {
    const text = trimMapped(collapseSpaces(joinMapped(pieces, '')))
    if (text.value !== '') blocks.push({ type: kind, depth: blockDepth, text })
    pieces = []
  }
  const startBlock = (type: CellBlock['type']) => {
    flush()
    kind = type
    blockDepth = type === 'item' ? Math.max(depth, 1) : 0
  }

  const value = raw.value
  let index = 0
  let textStart = 0
  let inMath = false
  const pushText = (end: number) => {
    if (end > textStart) pieces.push(sliceMapped(raw, textStart, end))
  }

  // Jump from one character that may start markup to the next: the text
  // between is copied as it is.
  const markupStart = /[<$\\^•▪◦○●■□‣⁃]/g
  for (;;) {
    markupStart.lastIndex = index
    const found = markupStart.exec(value)
    if (!found) break
    index = found.index
    const character = found[0]
    if (character === '<') {
      const tag = tagPattern.exec(value.slice(index, index + tagMaximumLength))
      const name = tag?.[1]?.toLowerCase()
      if (tag && name && (blockTags.has(name) || inlineTags.has(name))) {
        pushText(index)
        const closing = tag[0].startsWith('</')
        if (name === 'ul' || name === 'ol') {
          depth = Math.max(0, depth + (closing ? -1 : 1))
          startBlock('paragraph')
        } else if (name === 'li') {
          if (closing) startBlock('paragraph')
          else startBlock('item')
        } else if (blockTags.has(name)) {
          startBlock('paragraph')
        }
        // Inline tags (`<i>`, `<span>`) vanish without a break.
        index += tag[0].length
        textStart = index
        continue
      }
    }
    if (bulletGlyphs.has(character)) {
      pushText(index)
      startBlock('item')
      index++
      textStart = index
      continue
    }
    if (character === '$') {
      pushText(index)
      inMath = !inMath
      index++
      textStart = index
      continue
    }
    if (character === '\\') {
      const command = Object.keys(latexCommands).find((name) => value.startsWith(name, index))
      if (command) {
        pushText(index)
        const replacement = latexCommands[command] as string
        // The replacement maps to the command's last character (`%` of `\%`).
        const anchor = sliceMapped(raw, index + command.length - 1, index + command.length)
        pieces.push({
          value: replacement,
          runs: anchor.runs.map((run) => ({ ...run, length: replacement.length === 1 ? 1 : 0 })),
        })
        index += command.length
        textStart = index
        continue
      }
    }
    if (character === '^') {
      const next = value[index + 1] ?? ''
      const braced = next === '{' && value[index + 3] === '}' ? (value[index + 2] ?? '') : ''
      const digit = braced || next
      const superscript = superscripts[digit]
      if (superscript) {
        pushText(index)
        const at = braced ? index + 2 : index + 1
        pieces.push({ value: superscript, runs: sliceMapped(raw, at, at + 1).runs })
        index += braced ? 4 : 2
        textStart = index
        continue
      }
    }
    index++
  }
  pushText(value.length)
  flush()

  const text = joinMapped(
    blocks.map((block) => block.text),
    ' ',
  )
  return { blocks, text }
}

/**
 * Collapse runs of white space into one space, keeping the map (the first
 * character of each run is kept).
 *
 * @param text
 *   Mapped text.
 * @returns
 *   Mapped text with single spaces.
 */
export function collapseSpaces(text: MappedText): MappedText {
  if (!/\s{2}|[\t\n\r\u00a0]/.test(text.value)) return text
  const pieces: MappedText[] = []
  let start = 0
  for (const match of text.value.matchAll(/\s+/g)) {
    if (match[0] === ' ') continue
    pieces.push(sliceMapped(text, start, match.index))
    const space = sliceMapped(text, match.index, match.index + 1)
    pieces.push({ value: ' ', runs: space.runs })
    start = match.index + match[0].length
  }
  pieces.push(sliceMapped(text, start))
  return joinMapped(pieces, '')
}

/**
 * The record's form of a cell: plain strings, no map.
 *
 * @param cell
 *   A cell as read.
 * @returns
 *   `{text, blocks}` of strings.
 */
export function plainCell(cell: Cell): TableCell {
  return {
    text: cell.text.value,
    blocks: cell.blocks.map((block) => ({
      type: block.type,
      depth: block.depth,
      text: block.text.value,
    })),
  }
}
