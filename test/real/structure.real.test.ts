/**
 * NICE's own documents, read as a maintainer holds them: each of the 13 PDFs
 * in `../shared/nice/` and poppler's two renderings of it (`pdftotext`,
 * `pdftotext -layout`), against what a person read from the PDF
 * (`test/real/expectations/<name>.json`): metadata, every numbered
 * paragraph (number, first and last words, year tag), lineage, page
 * furniture nowhere in the content, no heading made of a number, no text
 * dropped (every character in the record, its furniture or contents, or a
 * message), and the renderings agreeing with one another.
 *
 * The documents are NICE's: read from `../shared/nice/` at run time, never
 * copied into the repository. Skips, saying so, where that folder is absent.
 */

import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { VFileMessage } from 'vfile-message'
import { createPipeline } from '../../pipeline/create-pipeline.js'
import { extractDocument } from '../../pipeline/extract-document.js'
import type { DocumentRecord, Paragraph, Section, Source } from '../../pipeline/types.js'
import { repositoryRoot } from '../helpers.js'
import { uncoveredText } from '../text-coverage.js'
import { nice, renderings, type Rendering } from './nice-folder.js'

const present = existsSync(path.join(nice, 'text-plain'))
if (!present) process.stderr.write(`Skipping the real-document suite: ${nice} is absent\n`)

/** What a person read from one PDF (see `test/real/expectations/`). */
interface Expectation {
  metadata: {
    kind: string
    title: string
    guidanceId: string
    programme: string
    published: string
    lastUpdated: string | null
    url: string
    isbn: string | null
    lineage: { relation: string; id: string | null }[]
    basisOf?: string[]
  }
  furniture: { runningTitle: string; copyright: string; pageNumber: string }
  statements?: {
    number: number
    title: string
    first: string
    last: string
    rationale: { first: string; last: string }
    measures: {
      structure: (string | null)[]
      process: (string | null)[]
      outcome: (string | null)[]
    }
    sourceGuidance: string
  }[]
  paragraphs: {
    number: string
    page: number
    first: string
    last: string
    year: string | null
    items: number
    crossesPage: boolean
  }[]
}

/** The share of numbered paragraphs found and read right, and of those found that are right, that each document must reach. */
const minimumRecall = 0.98
const minimumPrecision = 0.98

/**
 * The share of numbered paragraphs whose text two renderings must give
 * alike. Below 1 because plain text loses what only indentation says (a
 * note after a recommendation's year tag, inside it or not), which the
 * record cannot know there.
 */
const minimumAgreement = 0.97

const names = present
  ? readdirSync(path.join(nice, 'pdf'))
      .filter((file) => file.endsWith('.pdf'))
      .map((file) => file.slice(0, -'.pdf'.length))
      .sort()
  : []

const records = new Map<string, DocumentRecord>()
/** The messages of each rendering's extraction. */
const messagesOf = new Map<string, VFileMessage[]>()
/** The text layer of each PDF, which its record's offsets point into. */
const textLayers = new Map<string, string>()

/** The record of one rendering of a document (extracted once). */
function recordOf(name: string, rendering: Rendering): DocumentRecord {
  const record = records.get(`${rendering}/${name}`)
  if (!record) throw new Error(`${rendering}/${name} was not extracted`)
  return record
}

function expectationOf(name: string): Expectation {
  return JSON.parse(
    readFileSync(path.join(repositoryRoot, 'test', 'real', 'expectations', `${name}.json`), 'utf8'),
  ) as Expectation
}

/** The share `part` is of `whole`; all of nothing is all (a quality standard has no numbered paragraphs). */
function share(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole
}

/** Every paragraph of a record, in order. */
function allParagraphs(record: DocumentRecord): Paragraph[] {
  const paragraphs = [...record.preamble]
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      paragraphs.push(...section.paragraphs)
      visit(section.sections)
    }
  }
  visit(record.sections)
  return paragraphs
}

/** Whether four numbers are a box: `[x0, y0, x1, y1]` with its corners in order. */
function isBox(box: readonly number[]): boolean {
  const [x0, y0, x1, y1] = box
  return (
    box.length === 4 &&
    x0 !== undefined &&
    y0 !== undefined &&
    x1 !== undefined &&
    y1 !== undefined &&
    x0 <= x1 &&
    y0 <= y1
  )
}

/** Every source in a record (an object with an offset, a line, a column and its text). */
function sourcesOf(value: unknown, found: Source[] = []): Source[] {
  if (value === null || typeof value !== 'object') return found
  if (Array.isArray(value)) {
    for (const item of value) sourcesOf(item, found)
    return found
  }
  const candidate = value as Partial<Source>
  if (
    typeof candidate.offset === 'number' &&
    typeof candidate.text === 'string' &&
    typeof candidate.line === 'number'
  ) {
    found.push(value as Source)
    return found
  }
  for (const child of Object.values(value)) sourcesOf(child, found)
  return found
}

/** Every heading of a record, in order. */
function allHeadings(record: DocumentRecord): string[] {
  const headings: string[] = []
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      headings.push(section.heading)
      visit(section.sections)
    }
  }
  visit(record.sections)
  return headings
}

/**
 * Words compared as a person reads them: white space, soft hyphens and a
 * hyphen at a line end aside (plain text drops it: `fourthdegree`), case
 * and the year tag aside.
 */
function squashed(text: string): string {
  return text
    .replace(/\[(?:19|20)\d{2}[^\]]*\]/g, '')
    .replace(/[\s\u00ad-]+/g, '')
    .toLowerCase()
}

/** A paragraph's words in the document's order: its prose and items as they stand. */
function wholeText(paragraph: Paragraph): string {
  return paragraph.content.map((part) => part.text).join(' ')
}

/** The numbered paragraphs of a record read right, against the expectation. */
function score(record: DocumentRecord, expectation: Expectation) {
  const found = new Map<string, Paragraph>()
  for (const paragraph of allParagraphs(record)) {
    if (paragraph.number) found.set(paragraph.number, paragraph)
  }
  const wrong: string[] = []
  let right = 0
  for (const expected of expectation.paragraphs) {
    const paragraph = found.get(expected.number)
    if (!paragraph) {
      wrong.push(`${expected.number} missing ("${expected.first} …")`)
      continue
    }
    const text = squashed(wholeText(paragraph))
    const first = text.startsWith(squashed(expected.first))
    const last = text.endsWith(squashed(expected.last))
    if (first && last) right++
    else
      wrong.push(
        `${expected.number} ${first ? '' : `does not open "${expected.first}"`}${last ? '' : ` does not end "${expected.last}"`}`,
      )
  }
  const expectedNumbers = new Set(expectation.paragraphs.map((paragraph) => paragraph.number))
  for (const number of found.keys()) {
    if (!expectedNumbers.has(number))
      wrong.push(`${number} is not a numbered paragraph of the document`)
  }
  // A quality standard has no numbered paragraphs: none expected, none found, all right.
  return {
    recall:
      expectation.paragraphs.length === 0
        ? found.size === 0
          ? 1
          : 0
        : right / expectation.paragraphs.length,
    precision:
      found.size === 0 ? (expectation.paragraphs.length === 0 ? 1 : 0) : right / found.size,
    wrong,
  }
}

/** Page furniture, in any of its pieces, as it must never stand in content. */
function furniturePatterns(expectation: Expectation): RegExp[] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return [
    /© NICE \d{4}/,
    /All rights reserved\. Subject to Notice/,
    /notice-of-rights/,
    /\bPage \d+ of \d+\b/,
    new RegExp(escape(expectation.furniture.runningTitle)),
  ]
}

describe.skipIf(!present)('NICE documents: the PDF and poppler’s renderings', () => {
  beforeAll(async () => {
    const processor = createPipeline()
    for (const rendering of Object.keys(renderings) as Rendering[]) {
      for (const name of names) {
        const { folder, extension } = renderings[rendering]
        const file = path.join(nice, folder, `${name}${extension}`)
        const extracted = await extractDocument(readFileSync(file), file, processor)
        const record = extracted.data.record
        if (!record) throw new Error(`${file}: ${extracted.messages.map(String).join('; ')}`)
        records.set(`${rendering}/${name}`, record)
        messagesOf.set(`${rendering}/${name}`, extracted.messages)
        if (extracted.data.textLayer) textLayers.set(name, extracted.data.textLayer)
      }
    }
  }, 600_000)

  describe('no text dropped', () => {
    const cases = (Object.keys(renderings) as Rendering[]).flatMap((rendering) =>
      names.map((name) => [rendering, name] as const),
    )
    it.each(cases)(
      '%s/%s: every character is in the record, its furniture or contents, or a message',
      (rendering, name) => {
        const { folder, extension } = renderings[rendering]
        const raw =
          rendering === 'pdf'
            ? (textLayers.get(name) as string)
            : readFileSync(path.join(nice, folder, `${name}${extension}`), 'utf8')
        const uncovered = uncoveredText(
          raw,
          recordOf(name, rendering),
          messagesOf.get(`${rendering}/${name}`) ?? [],
        )
        expect(uncovered.map((run) => run.text.slice(0, 120))).toEqual([])
      },
    )
  })

  describe('PDF provenance', () => {
    it.each(names)(
      '%s: every source slices text.txt to its text, on its page, in its box',
      (name) => {
        const record = recordOf(name, 'pdf')
        const text = textLayers.get(name) as string
        const sources = sourcesOf(record)
        expect(sources.length).toBeGreaterThan(0)
        const wrong = sources.filter(
          (source) =>
            text.slice(source.offset, source.offset + source.text.length) !== source.text ||
            source.page === undefined ||
            source.box === undefined ||
            !isBox(source.box),
        )
        expect(wrong.slice(0, 5)).toEqual([])
        // The page of a source is the page its first character is on.
        const pageStarts = [...text.matchAll(/\f/g)].map((match) => match.index)
        for (const source of sources.slice(0, 2000)) {
          const page = 1 + pageStarts.filter((start) => start < source.offset).length
          expect(source.page).toBe(page)
        }
      },
    )
  })

  for (const rendering of Object.keys(renderings) as Rendering[]) {
    describe(`${rendering} text`, () => {
      it.each(names)('%s: metadata as the front page gives it', (name) => {
        const expected = expectationOf(name).metadata
        const { metadata } = recordOf(name, rendering)
        expect({
          kind: metadata.kind,
          title: metadata.title,
          guidanceId: metadata.guidanceId,
          programme: metadata.programme,
          published: metadata.published,
          lastUpdated: metadata.lastUpdated,
          url: metadata.url,
          isbn: metadata.isbn,
        }).toEqual({
          kind: expected.kind,
          title: expected.title,
          guidanceId: expected.guidanceId,
          programme: expected.programme,
          published: expected.published,
          lastUpdated: expected.lastUpdated,
          url: expected.url,
          isbn: expected.isbn,
        })
      })

      it.each(names)('%s: lineage of its own kinds, and what it is the basis of', (name) => {
        const expected = expectationOf(name).metadata
        const { metadata } = recordOf(name, rendering)
        expect(metadata.lineage.map((link) => link.relation)).toEqual(
          expected.lineage.map((link) =>
            link.relation === 'updates-and-replaces-section' ? 'updates-section' : link.relation,
          ),
        )
        // An id the text does not print (read by the person from a link) is not asked for.
        const printed = expected.lineage.filter(
          (link) => link.relation !== 'updates-and-replaces-section',
        )
        expect(
          metadata.lineage
            .filter((link) => link.relation !== 'updates-section')
            .map((link) => link.from),
        ).toEqual(printed.map((link) => link.id))
        expect(metadata.replaces).toEqual(
          printed.filter((link) => link.relation === 'replaces').map((link) => link.id),
        )
        expect(metadata.basisOf).toEqual(expected.basisOf ?? [])
      })

      it.each(names)('%s: every numbered paragraph, its first and last words', (name) => {
        const { recall, precision, wrong } = score(recordOf(name, rendering), expectationOf(name))
        expect({
          recall: recall >= minimumRecall,
          precision: precision >= minimumPrecision,
          wrong,
        }).toMatchObject({
          recall: true,
          precision: true,
        })
      })

      it.each(names)('%s: quality statements with their rationale, measures and source', (name) => {
        const expected = expectationOf(name).statements ?? []
        const { statements } = recordOf(name, rendering)
        expect(statements.map((statement) => statement.number)).toEqual(
          expected.map((statement) => statement.number),
        )
        for (const [index, statement] of statements.entries()) {
          const person = expected[index]
          if (!person) continue
          expect(statement.title).toBe(person.title)
          const text = squashed(statement.statement ?? '')
          expect(
            text.startsWith(squashed(person.first)) && text.endsWith(squashed(person.last)),
          ).toBe(true)
          const rationale = squashed(statement.rationale ?? '')
          expect(rationale.startsWith(squashed(person.rationale.first))).toBe(true)
          expect(rationale.endsWith(squashed(person.rationale.last))).toBe(true)
          for (const kind of ['structure', 'process', 'outcome'] as const) {
            expect(
              statement.measures
                .filter((measure) => measure.kind === kind)
                .map((measure) => measure.label),
            ).toEqual(person.measures[kind])
          }
          // Every process measure is a proportion: its numerator and denominator are read.
          for (const measure of statement.measures.filter(
            (measure) => measure.kind === 'process',
          )) {
            expect(
              [measure.numerator, measure.denominator, measure.dataSource].every(
                (part) => part !== null,
              ),
            ).toBe(true)
          }
          expect(squashed(statement.sourceGuidance ?? '')).toBe(squashed(person.sourceGuidance))
        }
      })

      it.each(names)('%s: year tags as fields, not text', (name) => {
        const found = new Map(
          allParagraphs(recordOf(name, rendering)).map((paragraph) => [
            paragraph.number,
            paragraph,
          ]),
        )
        const expected = expectationOf(name).paragraphs.filter((paragraph) =>
          found.has(paragraph.number),
        )
        const tags = expected.map((paragraph) => found.get(paragraph.number)?.yearTag?.text ?? null)
        const agreeing = tags.filter((tag, index) => tag === expected[index]?.year).length
        expect(share(agreeing, expected.length)).toBeGreaterThanOrEqual(minimumRecall)
        for (const paragraph of found.values())
          expect(paragraph.text).not.toMatch(/\[(?:19|20)\d{2}(?:, amended (?:19|20)\d{2})?\]$/)
      })

      it.each(names)('%s: no page furniture in the content', (name) => {
        const record = recordOf(name, rendering)
        const patterns = furniturePatterns(expectationOf(name))
        const texts = [
          ...allHeadings(record),
          ...allParagraphs(record).flatMap((paragraph) =>
            paragraph.content.map((part) => part.text),
          ),
        ]
        const dirty = texts.filter((text) => patterns.some((pattern) => pattern.test(text)))
        expect(dirty).toEqual([])
      })

      it.each(names)('%s: no heading made of a page or paragraph number', (name) => {
        const headings = allHeadings(recordOf(name, rendering))
        expect(
          headings.filter(
            (heading) => /^[\d.\s]+$/.test(heading) || /^(?:Page \d+|of \d+)$/.test(heading),
          ),
        ).toEqual([])
      })

      it.each(names)('%s: paragraphs cut by a page break are joined', (name) => {
        const found = new Map(
          allParagraphs(recordOf(name, rendering)).map((paragraph) => [
            paragraph.number,
            paragraph,
          ]),
        )
        const split = expectationOf(name).paragraphs.filter((paragraph) => paragraph.crossesPage)
        const joined = split.filter((expected) => {
          const paragraph = found.get(expected.number)
          return (
            paragraph !== undefined &&
            squashed(wholeText(paragraph)).endsWith(squashed(expected.last))
          )
        })
        expect(share(joined.length, split.length)).toBeGreaterThanOrEqual(minimumRecall)
      })
    })
  }

  describe('the renderings agree', () => {
    const pairs = [
      ['pdf', 'layout'],
      ['pdf', 'plain'],
      ['layout', 'plain'],
    ] as const
    it.each(pairs.flatMap(([a, b]) => names.map((name) => [name, a, b] as const)))(
      '%s: %s and %s give the same numbered paragraphs, metadata and year tags',
      (name, a, b) => {
        const plain = recordOf(name, b)
        const layout = recordOf(name, a)
        const numbers = (record: DocumentRecord) =>
          allParagraphs(record).flatMap((paragraph) => (paragraph.number ? [paragraph.number] : []))
        const plainNumbers = numbers(plain)
        const layoutNumbers = new Set(numbers(layout))
        const shared = plainNumbers.filter((number) => layoutNumbers.has(number))
        expect(
          share(shared.length, Math.max(plainNumbers.length, layoutNumbers.size)),
        ).toBeGreaterThanOrEqual(minimumAgreement)
        const { title, guidanceId, programme, published, lastUpdated, kind } = plain.metadata
        expect({ title, guidanceId, programme, published, lastUpdated, kind }).toEqual({
          title: layout.metadata.title,
          guidanceId: layout.metadata.guidanceId,
          programme: layout.metadata.programme,
          published: layout.metadata.published,
          lastUpdated: layout.metadata.lastUpdated,
          kind: layout.metadata.kind,
        })
        const byNumber = (record: DocumentRecord) =>
          new Map(
            allParagraphs(record).flatMap((paragraph) =>
              paragraph.number ? [[paragraph.number, paragraph] as const] : [],
            ),
          )
        const plainParagraphs = byNumber(plain)
        const layoutParagraphs = byNumber(layout)
        const alike = shared.filter((number) => {
          const a = plainParagraphs.get(number) as Paragraph
          const b = layoutParagraphs.get(number) as Paragraph
          return (
            squashed(wholeText(a)) === squashed(wholeText(b)) && a.yearTag?.text === b.yearTag?.text
          )
        })
        expect(share(alike.length, shared.length)).toBeGreaterThanOrEqual(minimumAgreement)
      },
    )
  })
})
