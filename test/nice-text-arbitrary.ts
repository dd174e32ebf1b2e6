/**
 * Generated NICE-like guidelines (fast-check arbitraries) on a made-up
 * topic, "Tinnitus: assessment and management (NG999)", rendered as
 * poppler's `pdftotext` writes NICE's PDFs: plain (numbers alone on their
 * lines, no indentation, form feeds between pages, the © footer broken
 * inside its URL with `Page 3 of` / `12`) or `-layout` (numbers at column 0
 * and their text at 10, bullets at 12, the page number pushed right). Pages
 * break anywhere, also inside a sentence. For the "no text dropped" property.
 */

import fc from 'fast-check'
import { furniture, PageContent } from './fixtures/pdf/make-pdfs.js'
import { helveticaWidth, writePdf } from './fixtures/pdf/pdf-writer.js'

/** A bullet: its words, and sub-bullets. */
export interface GeneratedItem {
  text: string
  children: string[]
}

/** One piece of a generated document. */
export type GeneratedPiece =
  | { kind: 'heading'; text: string; numbered: boolean }
  | {
      kind: 'recommendation'
      text: string
      items: GeneratedItem[]
      after: string | null
      tag: string | null
      note: string | null
    }
  | { kind: 'paragraph'; text: string }
  | { kind: 'box'; text: string }
  | { kind: 'line'; text: string }
  | { kind: 'table'; rows: string[][] }

/** A generated front page: the title's lines, its dates, and a line of anything after the URL. */
export interface GeneratedFront {
  title: string[]
  lastUpdated: boolean
  extra: string | null
}

/** A generated document: its pieces, where its pages break, and how it is rendered. */
export interface GeneratedDocument {
  front: GeneratedFront
  /** Contents entries (none: no contents list). */
  contents: string[]
  pieces: GeneratedPiece[]
  /** Where pages break: indexes of the body's lines (of its drawn lines in a PDF) that start a page. */
  breaks: number[]
  /** Footer form: the URL broken with `Page N of` glued, or unbroken with `Page N` / `of M` apart. */
  footer: 'glued' | 'apart'
  /** Stacked numbers: the numbers of short recommendations one under another (plain only). */
  stacked: boolean
}

/**
 * The words generated text is made of: a guideline's words, and the pieces
 * the layout rules look for (decimals and paragraph numbers, references, a
 * year tag, the footer's words, bullet glyphs, front-matter labels, an ISBN,
 * dot leaders), so that they turn up anywhere in a line.
 */
const words = [
  'tinnitus',
  'hearing',
  'loss',
  'assessment',
  'refer',
  'people',
  'with',
  'and',
  'the',
  'of',
  'to',
  'for',
  'sound',
  'therapy',
  'audiologist',
  'ear',
  'noise',
  'sleep',
  'distress',
  'offer',
  'discuss',
  'support',
  'evidence-based',
  'self-help',
  'cognitive',
  'behavioural',
  'care',
  'pulsatile',
  'urgent',
  'within',
  '2',
  '12',
  'weeks',
  '1.4',
  'million',
  'recommendation',
  '1.2.3',
  '(see',
  'section',
  '1.3)',
  '95%',
  'CI',
  '[2019]',
  'Page',
  'of',
  '©',
  'NICE',
  '2025.',
  '•',
  '－',
  'Published:',
  'Contents',
  'ISBN:',
  '978-1-4731-1234-5',
  '.........',
] as const

/** A run of words, capitalised, ending as a sentence or not. */
const sentence = fc
  .tuple(
    fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 40 }),
    fc.constantFrom('.', '', ':', ',', '?'),
  )
  .map(([chosen, end]) => {
    const text = `${chosen.join(' ')}${end}`
    return text.charAt(0).toUpperCase() + text.slice(1)
  })

/** Text of a few sentences. */
const prose = fc.array(sentence, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '))

/** Any short line: words, punctuation, digits, the characters NICE's furniture uses. */
const anyLine = fc
  .array(
    fc.oneof(
      fc.constantFrom(...words),
      fc.string({
        unit: fc.constantFrom('a', 'B', '1', '.', '-', ' ', '(', ')', '#', '[', ']', '*', '\t'),
        maxLength: 12,
      }),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(' '))

/** A few capitalised words: a heading, a title line, a contents entry. */
const title = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }).map((chosen) => {
  const text = chosen.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
})

/** The year tags a recommendation ends with. */
const yearTags = ['[2019]', '[2010, amended 2019]', '[2025]'] as const

/** A bullet, with sub-bullets. */
const item = fc.record({
  text: prose,
  children: fc.array(prose, { maxLength: 2 }),
})

/** One piece of a document: recommendations most often. */
const piece: fc.Arbitrary<GeneratedPiece> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('heading' as const),
      text: fc
        .array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 })
        .map((chosen) => chosen.join(' ')),
      numbered: fc.boolean(),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('recommendation' as const),
      text: prose,
      items: fc.array(item, { maxLength: 3 }),
      after: fc.option(prose, { freq: 4 }),
      tag: fc.option(fc.constantFrom(...yearTags), { freq: 1, nil: null }),
      note: fc.option(prose, { freq: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('paragraph' as const), text: prose }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('box' as const),
      text: prose.map(
        (text) =>
          `For a short explanation of why the committee made these recommendations, see ${text}`,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line' as const), text: anyLine }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('table' as const),
      rows: fc.array(fc.array(title, { minLength: 2, maxLength: 3 }), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  },
)

/** A front page. */
const front: fc.Arbitrary<GeneratedFront> = fc.record({
  // A front page's title opens with a word (a title that opens with a bullet
  // or a number is no NICE front page: the text is then not guidance).
  title: fc
    .array(title, { minLength: 1, maxLength: 3 })
    .filter((lines) => /^\p{L}/u.test(lines[0] ?? '')),
  lastUpdated: fc.boolean(),
  extra: fc.option(anyLine, { freq: 3 }),
})

/** A generated document. */
export const generatedDocument: fc.Arbitrary<GeneratedDocument> = fc.record({
  front,
  contents: fc.array(title, { maxLength: 5 }),
  pieces: fc.array(piece, { minLength: 1, maxLength: 14 }),
  breaks: fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 4 }),
  footer: fc.constantFrom('glued' as const, 'apart' as const),
  stacked: fc.boolean(),
})

/** The running title on every page after the first. */
export const generatedRunningTitle = 'Tinnitus: assessment and management (NG999)'

/** Width the plain rendering wraps at. */
const wrapWidth = 88

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(line)
  return lines
}

/** The body's lines of one piece, in a rendering; numbers kept by the caller. */
function pieceLines(
  piece: GeneratedPiece,
  layout: boolean,
  numbers: { paragraph: number; heading: number },
): string[] {
  const text = (value: string, indent: number) =>
    wrap(value, wrapWidth - indent).map((line) => `${' '.repeat(indent)}${line}`)
  switch (piece.kind) {
    case 'heading': {
      if (!piece.numbered) return ['', piece.text]
      numbers.heading++
      numbers.paragraph = 0
      return ['', `1.${numbers.heading} ${piece.text}`]
    }
    case 'recommendation': {
      numbers.paragraph++
      const number = `1.${Math.max(1, numbers.heading)}.${numbers.paragraph}`
      const indent = layout ? 10 : 0
      const lines: string[] = []
      const first = text(piece.text, indent)
      if (layout)
        lines.push(`${number.padEnd(10)}${(first[0] ?? '').trimStart()}`, ...first.slice(1))
      else lines.push(number, '', ...first)
      for (const entry of piece.items) {
        const bullet = text(entry.text, layout ? 14 : 2).map((line) => line.slice(layout ? 0 : 2))
        lines.push(
          ...(layout ? [''] : []),
          `${layout ? ' '.repeat(12) : ''}• ${(bullet[0] ?? '').trimStart()}`,
          ...bullet.slice(1),
        )
        for (const child of entry.children) {
          const sub = text(child, layout ? 16 : 2).map((line) => line.slice(layout ? 0 : 2))
          lines.push(
            `${layout ? ' '.repeat(14) : ''}－ ${(sub[0] ?? '').trimStart()}`,
            ...sub.slice(1),
          )
        }
      }
      if (piece.after) lines.push(...(layout ? [''] : []), ...text(piece.after, indent))
      if (piece.tag) {
        const last = lines.length - 1
        lines[last] = `${lines[last] as string} ${piece.tag}`
      }
      if (piece.note) lines.push(...text(piece.note, indent))
      return ['', ...lines]
    }
    case 'paragraph':
      return ['', ...text(piece.text, 0)]
    case 'box':
      return ['', '', ...text(piece.text, 0)]
    case 'line':
      return [piece.text]
    case 'table':
      // Plain text runs the columns together, a cell a line; `-layout` aligns them.
      return [
        '',
        ...(layout
          ? piece.rows.map((row) =>
              row
                .map((cell) => cell.padEnd(40))
                .join('  ')
                .trimEnd(),
            )
          : piece.rows.flat()),
      ]
  }
}

/**
 * Render a generated document as `pdftotext` would.
 *
 * @param document
 *   The document.
 * @param layout
 *   `-layout` rendering (else plain).
 * @returns
 *   The text.
 */
export function renderGenerated(document: GeneratedDocument, layout: boolean): string {
  const numbers = { paragraph: 0, heading: 0 }
  let body = [
    'Recommendations',
    ...document.pieces.flatMap((entry) => pieceLines(entry, layout, numbers)),
  ]
  if (document.stacked && !layout) body = stackNumbers(body)
  const breaks = new Set(document.breaks.filter((line) => line < body.length))
  const pages: string[][] = [[]]
  for (const [index, line] of body.entries()) {
    if (breaks.has(index)) pages.push([])
    ;(pages[pages.length - 1] as string[]).push(line)
  }
  const firstPage = document.contents.length === 0 ? 2 : 3
  const total = pages.length + firstPage - 1
  const frontPage = [
    ...document.front.title,
    'NICE guideline',
    'Published: 3 March 2020',
    ...(document.front.lastUpdated ? ['Last updated: 5 May 2024'] : []),
    'www.nice.org.uk/guidance/ng999',
    ...(document.front.extra === null ? [] : [document.front.extra]),
    '',
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).',
    '',
  ]
  const contents =
    document.contents.length === 0
      ? []
      : [
          [
            `\f${generatedRunningTitle}`,
            '',
            'Contents',
            ...document.contents.flatMap((entry, index) =>
              layout
                ? [`  ${entry} ${'.'.repeat(60)}   ${index + 3}`, '']
                : [`${entry} ${'.'.repeat(60)}`, '', String(index + 3), ''],
            ),
            ...footer(2, total, document.footer, layout),
            '',
          ].join('\n'),
        ]
  const rendered = pages.map((lines, index) =>
    [
      `\f${generatedRunningTitle}`,
      '',
      ...lines,
      '',
      ...footer(index + firstPage, total, document.footer, layout),
      '',
    ].join('\n'),
  )
  return [frontPage.join('\n'), ...contents, ...rendered].join('\n')
}

/** The © footer of page `page` of `total`, in a rendering. */
function footer(page: number, total: number, form: 'glued' | 'apart', layout: boolean): string[] {
  const notice =
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and-'
  if (layout)
    return [`${notice}   Page ${page} of`, `conditions#notice-of-rights).${' '.repeat(75)}${total}`]
  if (form === 'glued')
    return [`${notice} Page ${page} of`, 'conditions#notice-of-rights).', String(total)]
  return [
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).',
    '',
    `Page ${page}`,
    `of ${total}`,
  ]
}

/**
 * Stack the numbers of recommendations that follow one another without a
 * heading between, as `pdftotext` writes short ones: `1.1.1` / `1.1.2`,
 * then both texts.
 */
function stackNumbers(lines: readonly string[]): string[] {
  const result = [...lines]
  for (let index = 0; index + 3 < result.length; index++) {
    const number = result[index] as string
    if (!/^\d+\.\d+\.\d+$/.test(number) || result[index + 1] !== '') continue
    // The next recommendation's number, after this one's text and a blank line.
    let next = index + 2
    while (next < result.length && result[next] !== '') next++
    const following = result[next + 1]
    if (following === undefined || !/^\d+\.\d+\.\d+$/.test(following)) continue
    result.splice(next + 1, 1)
    result.splice(index + 1, 0, following)
    index++
  }
  return result
}

/** A line to draw in a generated PDF: where, in which font, and the space before it. */
interface DrawnLine {
  x: number
  text: string
  size: number
  bold: boolean
  /** Points from the baseline before (18 within a block, more between blocks). */
  advance: number
  /** A number set in the margin beside the line (`1.1.1`), at 10 points. */
  margin?: string
}

/** Characters a generated PDF draws in place of those its fonts lack. */
function drawable(text: string): string {
  return text.replaceAll('－', '–').replaceAll('\t', ' ')
}

/** Words of `text` in lines no wider than `width` points at 12 points. */
function wrapPoints(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of drawable(text).split(/\s+/).filter(Boolean)) {
    const candidate = line === '' ? word : `${line} ${word}`
    if (line !== '' && helveticaWidth(candidate, 12) > width) {
      lines.push(line)
      line = word
    } else line = candidate
  }
  if (line !== '') lines.push(line)
  return lines
}

/** The drawn lines of a generated document's body, as NICE sets a guideline. */
function drawnLines(document: GeneratedDocument): DrawnLine[] {
  const lines: DrawnLine[] = [{ x: 40, text: 'Recommendations', size: 18, bold: true, advance: 0 }]
  const block = (x: number, text: string, advance: number, margin?: string) =>
    wrapPoints(text, 555 - x).map((line, index) => ({
      x,
      text: line,
      size: 12,
      bold: false,
      advance: index === 0 ? advance : 18,
      ...(index === 0 && margin !== undefined ? { margin } : {}),
    }))
  let heading = 0
  let paragraph = 0
  for (const piece of document.pieces) {
    switch (piece.kind) {
      case 'heading':
        if (piece.numbered) {
          heading++
          paragraph = 0
        }
        lines.push({
          x: 40,
          text: drawable(piece.numbered ? `1.${heading} ${piece.text}` : piece.text),
          size: 14,
          bold: true,
          advance: 36,
        })
        break
      case 'recommendation': {
        paragraph++
        const number = `1.${Math.max(1, heading)}.${paragraph}`
        const text =
          piece.items.length === 0 && piece.tag ? `${piece.text} ${piece.tag}` : piece.text
        lines.push(...block(81, text, 36, number))
        for (const [index, item] of piece.items.entries()) {
          const last = index === piece.items.length - 1 && !piece.after
          const itemLines = block(
            104,
            last && piece.tag ? `${item.text} ${piece.tag}` : item.text,
            30,
          )
          lines.push(
            { x: 90, text: '•', size: 12, bold: false, advance: 30 },
            ...itemLines.map((line, at) => (at === 0 ? { ...line, advance: 0 } : line)),
          )
          for (const child of item.children)
            lines.push(
              { x: 110, text: '–', size: 12, bold: false, advance: 18 },
              ...block(122, child, 0),
            )
        }
        if (piece.after)
          lines.push(...block(81, piece.tag ? `${piece.after} ${piece.tag}` : piece.after, 30))
        if (piece.note) lines.push(...block(81, piece.note, 18))
        break
      }
      case 'paragraph':
      case 'line':
        lines.push(...block(40, piece.text, 30))
        break
      case 'box':
        lines.push(...block(40, piece.text, 48))
        break
      case 'table':
        for (const [index, row] of piece.rows.entries())
          for (const [column, cell] of row.entries())
            lines.push({
              x: 40 + column * 170,
              text: drawable(cell),
              size: 10,
              bold: false,
              advance: column === 0 ? (index === 0 ? 30 : 16) : 0,
            })
        break
    }
  }
  return lines
}

/**
 * Render a generated document as a PDF in NICE's layout: a front page, then
 * pages with the running title, the © notice and `Page N of` / `M` drawn as
 * artifacts; recommendations' numbers in the margin, set smaller than their
 * text; bullets and sub-bullets indented; pages broken where the body is
 * full or where the document says.
 *
 * @param document
 *   The document.
 * @returns
 *   The PDF's bytes.
 */
export function renderGeneratedPdf(document: GeneratedDocument): Uint8Array {
  const drawn = drawnLines(document)
  const breaks = new Set(document.breaks)
  const pages: { line: DrawnLine; y: number }[][] = [[]]
  let y = 760
  for (const [index, line] of drawn.entries()) {
    const next = y - line.advance
    if ((next < 80 || breaks.has(index)) && (pages[pages.length - 1] as unknown[]).length > 0) {
      pages.push([])
      y = 760
    } else y = next
    ;(pages[pages.length - 1] as { line: DrawnLine; y: number }[]).push({ line, y })
  }
  const total = pages.length + 1
  const front = new PageContent()
  let frontY = 700
  for (const line of document.front.title) {
    front.bold(40, frontY, 24, drawable(line))
    frontY -= 29
  }
  front
    .plain(40, frontY - 20, 14, 'NICE guideline')
    .plain(40, frontY - 38, 14, 'Published: 3 March 2020')
  if (document.front.lastUpdated) front.plain(40, frontY - 56, 14, 'Last updated: 5 May 2024')
  front.plain(40, frontY - 90, 14, 'www.nice.org.uk/guidance/ng999')
  if (document.front.extra !== null)
    front.plain(40, frontY - 124, 14, drawable(document.front.extra))
  furniture(front, 1, total, generatedRunningTitle)
  const rendered = pages.map((entries, index) => {
    const content = new PageContent()
    for (const { line, y: baseline } of entries) {
      if (line.margin !== undefined) content.plain(40, baseline + 0.7, 10, line.margin)
      if (line.bold) content.bold(line.x, baseline, line.size, line.text)
      else content.plain(line.x, baseline, line.size, line.text)
    }
    furniture(content, index + 2, total, generatedRunningTitle)
    return content.page()
  })
  return writePdf([front.page(), ...rendered])
}
