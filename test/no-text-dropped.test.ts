/**
 * No text dropped (issue 16): every non-white-space character of an input
 * ends up in the record (in the raw range of one of its sources: content,
 * contents entries, page furniture, metadata with a place) or in the place
 * of a message; what counts otherwise is listed in `text-coverage.ts`.
 *
 * Checked over the example texts of `input/`, every text and PDF fixture,
 * and, with fast-check (seeded, shrinking to the smallest document that
 * drops something), over generated NICE-like guidelines in the three forms
 * the reader takes: `pdftotext` plain, `pdftotext -layout`, and the text
 * layer the PDF reader makes of a PDF (`nice-text-arbitrary.ts`). Set
 * `SEED` and `RUNS` to explore further.
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractDocument } from '../pipeline/extract-document.js'
import type { DocumentRecord } from '../pipeline/types.js'
import { extractText, repositoryRoot } from './helpers.js'
import { generatedDocument, renderGenerated, renderGeneratedPdf } from './nice-text-arbitrary.js'
import { uncoveredText } from './text-coverage.js'

const processor = createPipeline()

/** Inputs of the repository: the example texts, and every text and PDF under `test/fixtures`. */
function repositoryInputs(): string[] {
  const under = (folder: string) =>
    readdirSync(path.join(repositoryRoot, folder), { recursive: true, withFileTypes: true })
      // A case's `messages.txt` is its expected messages, not an input.
      .filter(
        (entry) =>
          entry.isFile() && /\.(?:txt|pdf)$/.test(entry.name) && entry.name !== 'messages.txt',
      )
      .map((entry) =>
        path
          .relative(repositoryRoot, path.join(entry.parentPath, entry.name))
          .split(path.sep)
          .join('/'),
      )
  return [...under('input'), ...under('test/fixtures')].sort()
}

/** The PDF fixtures that are bad on purpose: each fails with a message, its record is none. */
const badPdfs = new Set([
  'test/fixtures/pdf/encrypted.pdf',
  'test/fixtures/pdf/no-text.pdf',
  'test/fixtures/pdf/truncated.pdf',
])

/**
 * Extract bytes and return what the record leaves out of the text its
 * sources point into (the input, or a PDF's text layer).
 */
async function droppedFrom(bytes: Uint8Array, name: string) {
  const file = await extractDocument(bytes, name, processor)
  const record = file.data.record as DocumentRecord | undefined
  const raw = file.data.lineIndex?.raw
  if (!record || raw === undefined) return { failed: file.messages.map(String), dropped: [] }
  return { failed: [], dropped: uncoveredText(raw, record, file.messages) }
}

describe('the inputs of the repository', () => {
  const inputs = repositoryInputs()

  it('are the example texts and the fixtures', () => {
    expect(inputs.filter((name) => name.startsWith('input/')).length).toBeGreaterThanOrEqual(6)
    expect(inputs).toContain('test/fixtures/pdf/guideline.pdf')
  })

  it.each(inputs)('%s: every character ends up in the record', async (name) => {
    const { failed, dropped } = await droppedFrom(
      readFileSync(path.join(repositoryRoot, name)),
      name,
    )
    if (badPdfs.has(name)) {
      expect(failed).toHaveLength(1)
      return
    }
    expect(failed).toEqual([])
    expect(dropped).toEqual([])
  })
})

describe('generated guidelines', () => {
  const seed = Number(process.env.SEED ?? 16)
  const runs = Number(process.env.RUNS ?? 150)

  it('plain and -layout text: every character ends up in the record', { timeout: 300_000 }, () => {
    fc.assert(
      fc.property(generatedDocument, fc.boolean(), (document, layout) => {
        const text = renderGenerated(document, layout)
        const { file, record } = extractText(text)
        expect(file.messages.filter((message) => message.fatal === true).map(String)).toEqual([])
        expect(uncoveredText(text, record, file.messages)).toEqual([])
      }),
      { seed, numRuns: runs },
    )
  })

  it(
    'PDF: every character of its text layer ends up in the record',
    { timeout: 300_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(generatedDocument, async (document) => {
          const { failed, dropped } = await droppedFrom(
            renderGeneratedPdf(document),
            'generated.pdf',
          )
          expect(failed).toEqual([])
          expect(dropped).toEqual([])
        }),
        { seed, numRuns: Math.ceil(runs / 5) },
      )
    },
  )
})

describe('what the property found, kept as examples', () => {
  const front = [
    'Tinnitus: assessment and',
    'management',
    'NICE guideline',
    'Published: 3 March 2020',
    'www.nice.org.uk/guidance/ng999',
    '',
  ]
  const responsibility = [
    'Your responsibility',
    'The recommendations in this guideline represent the view of NICE, arrived at after careful',
    'consideration of the evidence available. When exercising their judgement, professionals',
    'and practitioners are expected to take this guideline fully into account, alongside the',
    'individual needs, preferences and values of their patients or the people using their service.',
    'It is not mandatory to apply the recommendations, and the guideline does not override the',
    '',
  ]
  const examples: [string, string[]][] = [
    [
      'a block that only starts like an ISBN line is a paragraph',
      [...front, ...responsibility, 'ISBN: tinnitus. The rest of the sentence.', ''],
    ],
    [
      'a number alone before the programme is not front matter',
      ['1.2.3', 'NICE guideline', 'Published: 3 March 2020', '', ...responsibility],
    ],
    [
      'a numbered first line is not the title',
      ['1.2.3 [2019] tinnitus', 'NICE guideline', 'Published: 3 March 2020', '', ...responsibility],
    ],
    [
      'a number alone before a table row is text of its own',
      [...front, ...responsibility, 'Recommendations', '1.2.3', '(\tTinnitus', ''],
    ],
  ]

  it.each(examples)('%s', (_, lines) => {
    const text = lines.join('\n')
    const { file, record } = extractText(text)
    expect(uncoveredText(text, record, file.messages)).toEqual([])
  })

  it('a PDF: a number alone on its line maps to its own characters', async () => {
    const document = {
      front: { title: ['Tinnitus'], lastUpdated: false, extra: null },
      contents: [],
      pieces: [
        {
          kind: 'recommendation' as const,
          text: 'Tinnitus.',
          items: [],
          after: '1.2.3',
          tag: null,
          note: 'Tinnitus.',
        },
      ],
      breaks: [],
      footer: 'glued' as const,
      stacked: false,
    }
    const { failed, dropped } = await droppedFrom(renderGeneratedPdf(document), 'example.pdf')
    expect(failed).toEqual([])
    expect(dropped).toEqual([])
  })
})

describe('the check', () => {
  const text = [
    'Tinnitus: assessment and management',
    '',
    'NICE guideline',
    '',
    'Published: 3 March 2020',
    '',
    'www.nice.org.uk/guidance/ng999',
    '',
    '1.1 Offer sound therapy to people with tinnitus.',
    '',
    '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and- Page 2 of',
    'conditions#notice-of-rights).',
    '3',
    '',
    '1.2 Refer people with pulsatile tinnitus.',
    '',
  ].join('\n')
  const { file, record } = extractText(text)

  it('finds nothing left out of a whole record', () => {
    expect(record.furniture.map((source) => source.text)).toEqual([
      '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and- Page 2 of',
      'conditions#notice-of-rights).',
      '3',
    ])
    expect(uncoveredText(text, record, file.messages)).toEqual([])
  })

  it('finds the furniture when the record leaves it out', () => {
    const without = { ...record, furniture: record.furniture.slice(1) }
    expect(uncoveredText(text, without, file.messages)).toEqual([
      {
        offset: text.indexOf('©'),
        text: '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and- Page 2 of',
      },
    ])
  })

  it('finds a paragraph the record leaves out, and front matter without its metadata', () => {
    expect(record.preamble.map((paragraph) => paragraph.number)).toEqual(['1.1', '1.2'])
    const without = structuredClone(record)
    without.preamble.pop()
    without.metadata.published = null
    delete without.metadata.sources.published
    expect(uncoveredText(text, without, file.messages).map((run) => run.text)).toEqual([
      'Published: 3 March 2020',
      '1.2 Refer people with pulsatile tinnitus.',
    ])
  })
})
