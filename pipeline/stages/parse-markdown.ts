/**
 * Stage `parseMarkdown`: read the markdown-ish parts of each text block with
 * remark-parse: `#` headings, `[text](#)` and `<url>` links, `**bold**`,
 * backslash escapes. Each block gets its plain text (mapped to the raw file),
 * its links, and what its syntax makes it (`syntax`: heading, numbered
 * paragraph, item); its role is decided by `classifyBlocks`.
 *
 * Table blocks are not markdown and are left alone.
 */

import type { Root as MdastRoot, Nodes } from 'mdast'
import { createRequire } from 'node:module'
import type remarkParseModule from 'remark-parse'
import type * as unifiedModule from 'unified'
import { readCell } from '../lib/cell-markup.js'
import {
  alignMapped,
  joinMapped,
  type MappedText,
  sliceMapped,
  trimMapped,
} from '../lib/mapped-text.js'
import { markdownHeading, numberedParagraph, orderedMarker } from '../lib/text-patterns.js'
import { countWork } from '../lib/work-counter.js'
import type { Block, GuidanceRoot, Link, TextBlock } from '../types.js'

/**
 * One remark processor for the whole run (stateless between parses), loaded
 * on first use: most texts need none (see `simpleInline`), and loading
 * remark-parse and micromark (about a hundred modules) took a worker thread
 * 50 ms before its first document. remark-parse is an ES module that `require`
 * loads synchronously (Node 20.19 and later), as a stage runs synchronously.
 */
let markdown: { parse: (text: string) => unknown } | undefined
function remark(): { parse: (text: string) => unknown } {
  if (!markdown) {
    const load = createRequire(import.meta.url)
    const { unified } = load('unified') as typeof unifiedModule
    const remarkParse = (load('remark-parse') as { default: typeof remarkParseModule }).default
    markdown = unified().use(remarkParse)
  }
  return markdown
}

/**
 * Markdown syntax that changes the text: a link `](`, emphasis `**` / `*x`,
 * a backslash escape, code, an autolink or tag `<x`, an entity `&x;`,
 * underscore emphasis. Text without any of these skips the parser.
 */
const markdownSyntax = /\]\(|\*\*|\*[^\s*]|\\[!-/:-@[-`{-~]|`|<[A-Za-z/]|&#?\w+;|(?:^|\s)_[^\s_]/

/**
 * Attach the markdown stage.
 *
 * @returns
 *   Transformer.
 */
export function parseMarkdown() {
  return (tree: GuidanceRoot): void => {
    const children: Block[] = []
    const queued: { block: TextBlock; text: MappedText }[] = []
    for (const block of tree.children) {
      if (block.type !== 'textBlock') {
        children.push(block)
        continue
      }
      for (const piece of splitGluedHeading(block)) {
        const text = readSyntax(piece)
        const hasSyntax = markdownSyntax.test(text.value)
        const simple = hasSyntax ? readSimpleInline(text) : undefined
        if (!hasSyntax) finish(piece, trimMapped(text), [])
        else if (simple) finish(piece, simple.plain, simple.links)
        else if (/^(?:<|```|~~~)/.test(text.value)) {
          // HTML and fenced blocks could run past their own paragraph: alone.
          const { plain, links } = plainText(text)
          finish(piece, plain, links)
        } else queued.push({ block: piece, text })
        children.push(piece)
      }
    }
    parseTogether(queued)
    tree.children = children
  }
}

/**
 * A character of running text: not markup (a `<` that cannot open a tag or an
 * autolink, as in `p<0.001`, is text; a `*` is checked by `asteriskCanOpen`),
 * or an escaped ASCII punctuation mark other than the backslash (an escaped
 * backslash is left to remark).
 */
const plainCharacter = String.raw`[^[\]\\_\x60<&!\t\n\r]|!(?!\[)|<(?![A-Za-z/!?])|\\[!-/:-@[\]-\x60{-~]`

/** An autolink: `<https://www.nice.org.uk/…>` (a scheme, no spaces). */
const autolink = String.raw`<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>\x00-\x1f]*>`

/**
 * Running text whose only markdown is `[text](destination)` links (plain
 * text inside, a destination without spaces, brackets or escapes),
 * autolinks and backslash escapes: the form of nearly every block with
 * markdown in these documents.
 */
const simpleInline = new RegExp(
  String.raw`^(?:${plainCharacter}|${autolink}|\[(?:${plainCharacter})*\]\([^\s()<>\\]*\))*$`,
)

/**
 * A start that remark would read as a block construct: an ATX heading, a
 * quote, a list item, a thematic break, a fence, or indented code.
 */
const blockConstructStart =
  /^(?:\s|#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|[-*_](?:\s*[-*_]){2,}\s*$|\d{1,9}[.)](?:\s|$)|~~~|\x60\x60\x60)/

/** A link, an autolink or an escape, within text that `simpleInline` accepts. */
const simpleMarkup =
  /\[([^[\]\\]*(?:\\.[^[\]\\]*)*)\]\(([^\s()]*)\)|\\(.)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/g

/**
 * Whether a run of `*` could open emphasis, by micromark's rule (it can
 * unless white space follows it, or punctuation follows it and a letter or
 * digit precedes it). Where none can, every `*` is text: `(Cardiogenic* adj4
 * shock*).tw.` in a search strategy.
 */
function asteriskCanOpen(value: string): boolean {
  for (const match of value.matchAll(/\*+/g)) {
    const end = match.index + match[0].length
    const after = characterClass(value.codePointAt(end))
    const previous = value.codePointAt(match.index - 1)
    // A low surrogate before the run: the character is the pair.
    const before = characterClass(
      previous !== undefined && previous >= 0xdc00 && previous <= 0xdfff
        ? value.codePointAt(match.index - 2)
        : previous,
    )
    if (after === 'other' || (after === 'punctuation' && before !== 'other')) return true
  }
  return false
}

/** micromark's classes of the character beside an emphasis marker (none is white space). */
function characterClass(code: number | undefined): 'whitespace' | 'punctuation' | 'other' {
  if (code === undefined) return 'whitespace'
  const character = String.fromCodePoint(code)
  if (/\s/.test(character)) return 'whitespace'
  return /\p{P}|\p{S}/u.test(character) ? 'punctuation' : 'other'
}

/**
 * Read text that `simpleInline` accepts as remark would (the same plain text,
 * mapped to the same raw characters, and the same links), without the
 * parser, which reads about 1.5 MB a second; other text gives `undefined`.
 *
 * @param text
 *   Mapped text of one block.
 * @returns
 *   Plain text and links, or `undefined` when remark must read it.
 */
export function readSimpleInline(
  text: MappedText,
): { plain: MappedText; links: Link[] } | undefined {
  const value = text.value
  if (blockConstructStart.test(value) || !simpleInline.test(value)) return undefined
  if (value.includes('*') && asteriskCanOpen(value)) return undefined
  const pieces: MappedText[] = []
  const links: Link[] = []
  let at = 0
  for (const match of value.matchAll(simpleMarkup)) {
    const start = match.index
    if (start > at) pieces.push(sliceMapped(text, at, start))
    if (match[3] !== undefined) {
      // An escape: the character, without its backslash.
      pieces.push(sliceMapped(text, start + 1, start + 2))
    } else if (match[4] !== undefined) {
      // An autolink: its text is its address, as written.
      const address = sliceMapped(text, start + 1, start + 1 + match[4].length)
      pieces.push(address)
      links.push({ text: address.value, url: match[4] })
    } else {
      const linkText = unescapeMapped(
        sliceMapped(text, start + 1, start + 1 + (match[1] as string).length),
      )
      pieces.push(linkText)
      links.push({ text: linkText.value, url: match[2] as string })
    }
    at = start + match[0].length
  }
  if (at < value.length) pieces.push(sliceMapped(text, at))
  return { plain: trimMapped(joinMapped(pieces, '')), links }
}

/** Mapped text with its backslash escapes read (each character without its backslash). */
function unescapeMapped(text: MappedText): MappedText {
  if (!text.value.includes('\\')) return text
  const pieces: MappedText[] = []
  let at = 0
  for (const match of text.value.matchAll(/\\[!-/:-@[-\x60{-~]/g)) {
    pieces.push(
      sliceMapped(text, at, match.index),
      sliceMapped(text, match.index + 1, match.index + 2),
    )
    at = match.index + 2
  }
  pieces.push(sliceMapped(text, at))
  return joinMapped(pieces, '')
}

/**
 * Markdown syntax characters (`[`, `*`, `_`, …) in one paragraph given to
 * remark at most. micromark's inline resolution is quadratic in them within
 * a paragraph (`[a](` repeated 50,000 times took 14 s, `*a* ` 9 s, nested
 * `*_` 10 s): a block with more is given in pieces of about this many, cut
 * between words where it can be, so the work grows with the block, not
 * with its square. No block of the corpus comes near.
 */
export const remarkPieceSyntax = 500

/** A syntax character, for `remarkPieceSyntax`. */
const syntaxCharacter = /[[\]()*_`<>!&\\~]/

/**
 * A start at which a piece cannot be read as a block construct (a heading,
 * quote, list item, fence, HTML, link definition, thematic break) or lose
 * a character to an escape: not white space, none of `#>[<\`~|=+-`, no digit,
 * no `*` or `_` before white space or another of its kind.
 */
function safePieceStart(value: string, at: number): boolean {
  const character = value[at] as string
  const next = value[at + 1] ?? ' '
  if (/[\s#>[<`~|=+\-\d]/.test(character) || value[at - 1] === '\\') return false
  if ((character === '*' || character === '_') && (next === character || /\s/.test(next)))
    return false
  // Not inside a surrogate pair.
  const code = value.charCodeAt(at)
  return code < 0xdc00 || code > 0xdfff
}

/**
 * Cut a block's text into the pieces remark reads (see `remarkPieceSyntax`):
 * after white space outside brackets where possible (the space is given
 * back when the pieces are joined), else between two other characters.
 *
 * @param text
 *   Mapped text of one block.
 * @returns
 *   Pieces, each with what joins it to the piece before (`' '` or `''`).
 */
export function remarkPieces(text: MappedText): { text: MappedText; joiner: string }[] {
  const value = text.value
  if (value.length <= remarkPieceSyntax) return [{ text, joiner: '' }]
  const pieces: { text: MappedText; joiner: string }[] = []
  let start = 0
  let joiner = ''
  let syntax = 0
  let depth = 0
  for (let index = 0; index < value.length; index++) {
    const character = value[index] as string
    if (character === '[' || character === '(') depth++
    else if ((character === ']' || character === ')') && depth > 0) depth--
    if (syntaxCharacter.test(character)) syntax++
    const at = index + 1
    if (syntax < remarkPieceSyntax || at >= value.length || !safePieceStart(value, at)) continue
    const afterSpace = /\s/.test(character)
    // Past twice the budget, any safe start will do (a block of brackets has no other).
    if ((afterSpace && depth === 0) || (syntax >= 2 * remarkPieceSyntax && !afterSpace)) {
      pieces.push({ text: sliceMapped(text, start, at), joiner })
      joiner = afterSpace ? ' ' : ''
      start = at
      syntax = 0
      depth = 0
    }
  }
  pieces.push({ text: sliceMapped(text, start), joiner })
  return pieces
}

/**
 * Parse every block that has markdown in one remark pass (a document of
 * paragraphs separated by blank lines), not one pass per block: the parser's
 * setup is paid once per document. A block of much markdown goes in pieces
 * (`remarkPieces`), each a paragraph.
 */
function parseTogether(queued: readonly { block: TextBlock; text: MappedText }[]): void {
  if (queued.length === 0) return
  const paragraphs = queued.flatMap((entry, block) =>
    remarkPieces(entry.text).map((piece) => ({ block, ...piece })),
  )
  const pieces: MappedText[][] = paragraphs.map(() => [])
  const links: Link[][] = queued.map(() => [])
  // In batches of about `remarkBatchCharacters`: remark's tree of a batch is
  // let go before the next is parsed, so its memory does not grow with the
  // document (a block of 50,000 emphases made a tree of 400 MB).
  let first = 0
  while (first < paragraphs.length) {
    let last = first
    let characters = 0
    while (last < paragraphs.length && (last === first || characters < remarkBatchCharacters)) {
      characters += (paragraphs[last] as (typeof paragraphs)[number]).text.value.length + 2
      last++
    }
    parseBatch(paragraphs.slice(first, last), first, pieces, links)
    first = last
  }
  const byBlock: { parts: MappedText[]; joiners: string[] }[] = queued.map(() => ({
    parts: [],
    joiners: [],
  }))
  for (const [index, paragraph] of paragraphs.entries()) {
    const joined = byBlock[paragraph.block] as (typeof byBlock)[number]
    if (joined.parts.length > 0) joined.joiners.push(paragraph.joiner)
    joined.parts.push(joinMapped(pieces[index] as MappedText[], ''))
  }
  for (const [index, entry] of queued.entries()) {
    const joined = byBlock[index] as (typeof byBlock)[number]
    finish(
      entry.block,
      trimMapped(joinMapped(joined.parts, joined.joiners)),
      links[index] as Link[],
    )
  }
}

/** Characters of paragraphs parsed by remark at once, about. */
const remarkBatchCharacters = 64 * 1024

/**
 * Parse consecutive paragraphs in one remark pass, collecting each one's
 * text pieces (`pieces[first + n]`) and its block's links.
 */
function parseBatch(
  paragraphs: readonly { block: number; text: MappedText }[],
  first: number,
  pieces: MappedText[][],
  links: Link[][],
): void {
  const combined = joinMapped(
    paragraphs.map((paragraph) => paragraph.text),
    '\n\n',
  )
  const starts: number[] = []
  let at = 0
  for (const paragraph of paragraphs) {
    starts.push(at)
    at += paragraph.text.value.length + 2
    const syntax = paragraph.text.value.match(/[[\]()*_`<>!&\\~]/g)?.length ?? 0
    // The parser's work on a paragraph, counted as its worst case.
    countWork(paragraph.text.value.length + syntax * syntax)
  }
  const tree = remark().parse(combined.value) as MdastRoot
  // The nodes come in text order: each belongs to the last paragraph starting
  // at or before it, found by going on from the previous node's paragraph.
  let index = 0
  for (const node of tree.children) {
    const offset = node.position?.start.offset ?? 0
    while (index + 1 < starts.length && (starts[index + 1] as number) <= offset) index++
    const paragraph = paragraphs[index] as (typeof paragraphs)[number]
    collectText(
      node,
      combined,
      pieces[first + index] as MappedText[],
      links[paragraph.block] as Link[],
    )
  }
}

/** Set a block's plain text and links; LaTeX-ish math (`$p<0.001$`) becomes text too. */
function finish(block: TextBlock, plain: MappedText, links: Link[]): void {
  block.plain = /[$^]|\\%/.test(plain.value) ? readCell(plain).text : plain
  block.links = links
}

/**
 * Split `Main search**Table 4a Main search results**`: a heading with a bold
 * heading or caption glued to it by the PDF conversion.
 */
function splitGluedHeading(block: TextBlock): TextBlock[] {
  const value = block.text.value
  if (block.marker !== 'none' || !value.endsWith('**') || value.startsWith('**')) return [block]
  const open = value.indexOf('**')
  if (open <= 0 || open !== value.lastIndexOf('**', value.length - 3)) return [block]
  const inner = value.slice(open + 2, -2)
  if (inner.trim() === '' || inner.includes('*')) return [block]
  const first: TextBlock = { ...block, text: trimMapped(sliceMapped(block.text, 0, open)) }
  const second: TextBlock = {
    ...block,
    text: sliceMapped(block.text, open + 2, value.length - 2),
    afterPageBreak: false,
  }
  return [first, second]
}

/**
 * Give a text block its syntax and number (heading, ordered item,
 * numbered paragraph), and return its text without them.
 */
function readSyntax(block: TextBlock): MappedText {
  let text = block.text
  block.syntax = block.marker === 'bullet' ? 'item' : 'paragraph'

  const heading = block.marker === 'none' ? markdownHeading.exec(text.value) : null
  if (heading) {
    block.syntax = 'heading'
    block.depth = (heading[1] as string).length
    text = sliceMapped(text, heading[0].length)
  }

  const ordered = block.marker === 'ordered' ? orderedMarker.exec(text.value) : null
  if (ordered) {
    block.syntax = 'item'
    block.number = ordered[2] as string
    text = sliceMapped(text, ordered[0].length)
  }

  const numbered = heading || ordered ? null : numberedParagraph.exec(text.value)
  if (numbered) {
    block.syntax = 'numbered-paragraph'
    block.number = numbered[1] as string
    text = sliceMapped(text, numbered[0].length)
  }
  return text
}

/**
 * Plain text and links of a piece of markdown-ish text.
 *
 * Text without markdown syntax skips the markdown parser entirely.
 *
 * @param text
 *   Mapped text.
 * @returns
 *   Plain mapped text and the links in it.
 */
export function plainText(text: MappedText): { plain: MappedText; links: Link[] } {
  if (!markdownSyntax.test(text.value)) return { plain: trimMapped(text), links: [] }
  const tree = remark().parse(text.value) as MdastRoot
  const links: Link[] = []
  const pieces: MappedText[] = []
  collectText(tree, text, pieces, links)
  return { plain: trimMapped(joinMapped(pieces, '')), links }
}

/**
 * Walk mdast, collecting text pieces (aligned to the raw text) and links.
 */
function collectText(node: Nodes, source: MappedText, pieces: MappedText[], links: Link[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'html':
    case 'code': {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined) return
      pieces.push(alignMapped(node.value, sliceMapped(source, start, end)))
      return
    }
    case 'break':
      pieces.push({ value: ' ', runs: [] })
      return
    case 'link': {
      const before = pieces.length
      for (const child of node.children) collectText(child, source, pieces, links)
      const linkText = pieces
        .slice(before)
        .map((piece) => piece.value)
        .join('')
      links.push({ text: linkText, url: node.url })
      return
    }
    default:
      if ('children' in node) {
        const isBlock = node.type !== 'root' && !('value' in node) && isBlockNode(node)
        if (isBlock && pieces.length > 0) pieces.push({ value: ' ', runs: [] })
        for (const child of node.children as Nodes[]) collectText(child, source, pieces, links)
      }
  }
}

/** Whether an mdast parent is block-level (its text is set apart by a space). */
function isBlockNode(node: Nodes): boolean {
  return (
    node.type === 'paragraph' ||
    node.type === 'heading' ||
    node.type === 'list' ||
    node.type === 'listItem' ||
    node.type === 'blockquote' ||
    node.type === 'table' ||
    node.type === 'tableRow' ||
    node.type === 'tableCell'
  )
}
