/**
 * The PDF reader on NICE's own PDFs (`../shared/nice/pdf/`, read at run
 * time, never copied into the repository), against poppler's `pdftotext`
 * renderings of them (`../shared/nice/text-plain/`): page counts (from the
 * folder's README), words and their order, page furniture on every page,
 * boxes, margin numbers beside their text, and tables read from the pages.
 *
 * Skips, saying so, where `../shared/nice/` is absent.
 */

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readPdf } from '../../pipeline/readers/pdf-reader.js'
import type { ReadDocument, TextLayout } from '../../pipeline/readers/reader.js'
import { similarity } from './text-similarity.js'
import { nice } from './nice-folder.js'

const present = existsSync(path.join(nice, 'pdf'))
if (!present) {
  process.stderr.write(`Skipping the real-document suite: ${nice} is absent\n`)
}

/** Pages of each PDF, as `../shared/nice/README.md` lists them. */
const pageCounts: Record<string, number> = {
  ipg239: 8,
  ipg686: 5,
  ng126: 41,
  ng133: 61,
  ng194: 65,
  ng195: 81,
  ng201: 63,
  ng23: 106,
  ng235: 135,
  ng51: 95,
  'ng73-2024-04': 26,
  'ng73-2024-11': 33,
  qs172: 22,
}

/** The least share of words, in order and as multisets, pdftotext's rendering and the text layer have in common. */
const minimumSimilarity = 0.99

const documents = new Map<string, ReadDocument>()

/** The text layer of a NICE PDF (read once). */
function documentOf(name: string): ReadDocument {
  const document = documents.get(name)
  if (!document) throw new Error(`${name} was not read`)
  return document
}

/** The lines of a page of a text layer. */
function pageLines(document: ReadDocument, page: number): string[] {
  const layout = document.layout as TextLayout
  return layout.lines
    .filter((line) => line.page === page)
    .map((line) => document.text.slice(line.start, line.end))
}

describe.skipIf(!present)('NICE PDFs', () => {
  beforeAll(async () => {
    for (const name of Object.keys(pageCounts)) {
      documents.set(
        name,
        await readPdf(new Uint8Array(readFileSync(path.join(nice, 'pdf', `${name}.pdf`)))),
      )
    }
  }, 600_000)

  for (const [name, pages] of Object.entries(pageCounts)) {
    describe(name, () => {
      it(`has ${pages} pages`, () => {
        const document = documentOf(name)
        expect(document.layout?.pages).toHaveLength(pages)
        expect(document.text.split('\f')).toHaveLength(pages + 1)
      })

      it(`has the words of pdftotext's rendering, in order outside tables (at least ${minimumSimilarity})`, () => {
        const document = documentOf(name)
        const layout = document.layout as TextLayout
        // The text with its table lines blanked, every offset kept.
        let flow = ''
        let at = 0
        for (const line of layout.lines) {
          if (line.table === undefined) continue
          flow += document.text.slice(at, line.start) + ' '.repeat(line.end - line.start)
          at = line.end
        }
        flow += document.text.slice(at)
        const plain = readFileSync(path.join(nice, 'text-plain', `${name}.txt`), 'utf8')
        const figures = similarity(document.text, flow, plain)
        const worst = [...figures.pages]
          .sort((one, other) => other.flowTokens - other.inOrder - (one.flowTokens - one.inOrder))
          .filter((page) => page.flowTokens > page.inOrder)
          .slice(0, 5)
          .map((page) => `page ${page.page}: ${page.flowTokens - page.inOrder} words out of order`)
        const report = `${name}: in order ${figures.inOrder.toFixed(4)}, recall ${figures.recall.toFixed(4)}, precision ${figures.precision.toFixed(4)}; worst: ${worst.join('; ')}`
        process.stdout.write(`${report}\n`)
        expect(figures.inOrder, report).toBeGreaterThanOrEqual(minimumSimilarity)
        expect(figures.recall, report).toBeGreaterThanOrEqual(minimumSimilarity)
        expect(figures.precision, report).toBeGreaterThanOrEqual(minimumSimilarity)
      })

      it('has the page furniture on every page', () => {
        const document = documentOf(name)
        const id = (name.split('-')[0] as string).toUpperCase()
        for (let page = 1; page <= pages; page++) {
          const lines = pageLines(document, page)
          const joined = lines.join('\n')
          if (page > 1) expect(lines[0], `${name} page ${page}`).toMatch(new RegExp(`\\(${id}\\)$`))
          expect(lines.some((line) => /^© NICE \d{4}\. All rights reserved\./.test(line))).toBe(
            true,
          )
          if (page > 1) {
            expect(joined, `${name} page ${page}`).toMatch(
              new RegExp(`^Page ${page}(?: of)?\\n(?:of )?${pages}$`, 'm'),
            )
          }
        }
      })

      it('has every run inside its page, its text without white space at its ends', () => {
        const document = documentOf(name)
        const layout = document.layout as TextLayout
        for (const run of layout.runs) {
          const page = layout.pages[run.page - 1] as TextLayout['pages'][number]
          const [x0, y0, x1, y1] = run.box
          expect(
            x0 >= 0 && y0 >= 0 && x1 <= page.width && y1 <= page.height,
            `${name} ${JSON.stringify(run)}`,
          ).toBe(true)
          expect(run.start >= page.start && run.end <= page.end).toBe(true)
          expect(document.text.slice(run.start, run.end)).toMatch(/^\S(?:.*\S)?$/)
        }
      })

      it('has no paragraph number alone on a line outside tables', () => {
        const document = documentOf(name)
        const alone = (document.layout as TextLayout).lines
          .filter((line) => line.table === undefined)
          .map((line) => document.text.slice(line.start, line.end))
          .filter((line) => /^\d{1,2}(?:\.\d{1,3})+$/.test(line))
        expect(alone).toEqual([])
      })
    })
  }

  // What a person reads on the pages (rendered at 60 dpi).
  it('keeps margin numbers beside their text (NG201 page 6)', () => {
    const lines = pageLines(documentOf('ng201'), 6)
    expect(lines).toContain(
      '1.1.1 Ensure that antenatal care can be started in a variety of straightforward',
    )
    expect(lines).toContain('1.1.2 At the point of antenatal care referral:')
    expect(lines).toContain('1.1 Organisation and delivery of antenatal care')
    expect(lines).toContain('• Provide an easy-to-complete referral form.')
  })

  it('reads the front page and the footer (NG201 pages 1 and 2)', () => {
    const front = pageLines(documentOf('ng201'), 1)
    expect(front.slice(0, 4)).toEqual([
      'Antenatal care',
      'NICE guideline',
      'Published: 19 August 2021',
      'www.nice.org.uk/guidance/ng201',
    ])
    const text = documentOf('ng201').text.split('\f')[1] as string
    expect(text).toContain(
      '© NICE 2024. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and-\nconditions#notice-of-rights).\n\nPage 2 of\n63',
    )
  })

  it('reads NG195 table 1 over two pages, its header repeated', () => {
    const layout = documentOf('ng195').layout as TextLayout
    const tables = layout.tables.filter((table) => table.page === 12 || table.page === 13)
    expect(
      tables.map((table) => [table.page, table.ruled, table.columns.length, table.rows.length]),
    ).toEqual([
      [12, true, 3, 3],
      [13, true, 3, 2],
    ])
    const text = documentOf('ng195').text
    const rows = tables.map((table) => table.rows.map((row) => text.slice(row.start, row.end)))
    for (const header of [rows[0]?.[0], rows[1]?.[0]]) {
      expect(header).toBe('Allergies\tWomen without chorioamnionitis\tWomen with chorioamnionitis')
    }
    const firstCells = (row: string) =>
      row
        .split('\n')
        .map((line) => line.split('\t')[0])
        .filter((cell) => cell !== '')
        .join(' ')
    expect(firstCells(rows[0]?.[1] as string)).toBe('No penicillin allergy')
    expect(firstCells(rows[0]?.[2] as string)).toBe('Penicillin allergy that is not severe')
    expect(firstCells(rows[1]?.[1] as string)).toBe('Severe penicillin allergy')
  })

  it('reads NG235 table 6 with the bullets in its cells', () => {
    const document = documentOf('ng235')
    const table = (document.layout as TextLayout).tables.find((entry) => entry.page === 17)
    const rows = table?.rows.map((row) => document.text.slice(row.start, row.end))
    expect(rows).toEqual([
      'Disease area\tMedical condition',
      'Cardiovascular\t• Confirmed cardiac disease\n\t• Hypertensive disorders',
      'Respiratory\t• Asthma requiring an increase in treatment or hospital treatment\n\t• Cystic fibrosis',
    ])
  })

  it('reads the header rows of NG51 table 1 and NG23 table 1', () => {
    const ng51 = documentOf('ng51')
    const sepsis = (ng51.layout as TextLayout).tables.find((entry) => entry.page === 17)
    expect(sepsis?.columns).toHaveLength(4)
    expect(ng51.text.slice(sepsis?.rows[0]?.start, sepsis?.rows[0]?.end)).toBe(
      'Category\tAge\tHigh risk criteria\tModerate to high risk criteria',
    )
    const ng23 = documentOf('ng23')
    const hrt = (ng23.layout as TextLayout).tables.find((entry) => entry.page === 24)
    expect(hrt?.columns).toHaveLength(5)
    expect(hrt?.rows).toHaveLength(2)
    expect(ng23.text.slice(hrt?.rows[1]?.start, hrt?.rows[1]?.end).split('\n')[0]).toBe(
      'All-cause\t–\tOverall, life\t–\t–',
    )
  })
})
