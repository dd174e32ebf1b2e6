/**
 * The text reader's layout rules for NICE's documents, one rule a case
 * (`test/fixtures/layout/<case>/`, made-up guidance on tinnitus in NICE's
 * layouts): the key facts of each case, written by reading its input (the
 * case's README says what it is about; `fixtures.test.ts` compares the
 * whole slice with its snapshot).
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { VFile } from 'vfile'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractDocument } from '../pipeline/extract-document.js'
import type { DocumentRecord, Paragraph, Section } from '../pipeline/types.js'
import { allParagraphs, allSections, repositoryRoot } from './helpers.js'

const processor = createPipeline()
const folder = path.join(repositoryRoot, 'test/fixtures/layout')

/** A case's record and messages, extracted once. */
const extracted = new Map<string, Promise<VFile>>()
function extractCase(name: string): Promise<VFile> {
  let file = extracted.get(name)
  if (!file) {
    const input = name === 'pdf-guideline' ? 'input.pdf' : 'input.txt'
    file = extractDocument(
      readFileSync(path.join(folder, name, input)),
      `test/fixtures/layout/${name}/${input}`,
      processor,
    )
    extracted.set(name, file)
  }
  return file
}

/** The record of a case, for the tests of one `describe`. */
function useCase(name: string): { record: () => DocumentRecord; file: () => VFile } {
  let file: VFile | undefined
  beforeAll(async () => {
    file = await extractCase(name)
  })
  return {
    file: () => file as VFile,
    record: () => (file as VFile).data.record as DocumentRecord,
  }
}

/** The numbered paragraph `number`. */
function numbered(record: DocumentRecord, number: string): Paragraph {
  const found = allParagraphs(record).find((paragraph) => paragraph.number === number)
  expect(found, `paragraph ${number}`).toBeDefined()
  return found as Paragraph
}

/** The section headed `heading`. */
function section(record: DocumentRecord, heading: string): Section {
  const found = allSections(record.sections).find((candidate) => candidate.heading === heading)
  expect(found, `section ${heading}`).toBeDefined()
  return found as Section
}

/** Each paragraph part as `[type, depth, text]`. */
function parts(paragraph: Paragraph): [string, number, string][] {
  return paragraph.content.map((part) => [part.type, part.depth, part.text])
}

/** Every text of the content: headings, paragraphs' parts, items. */
function contentTexts(record: DocumentRecord): string[] {
  return [
    ...allSections(record.sections).map((candidate) => candidate.heading),
    ...allParagraphs(record).flatMap((paragraph) => [
      paragraph.text,
      ...paragraph.content.map((part) => part.text),
    ]),
  ]
}

const runningTitle = 'Tinnitus: assessment and management (NG999)'
const notice =
  '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-and-'
const wholeNotice =
  '© NICE 2025. All rights reserved. Subject to Notice of rights (https://www.nice.org.uk/terms-andconditions#notice-of-rights).'
const cases = [
  'cross-references',
  'front-page-guideline',
  'front-page-layout',
  'ipg-numbered-sections',
  'layout-contents',
  'layout-footer',
  'layout-margin-numbers',
  'layout-nested-bullets',
  'layout-notes-and-boxes',
  'lineage',
  'pdf-guideline',
  'plain-contents',
  'plain-footer-apart',
  'plain-footer-glued',
  'plain-heading-after-page-break',
  'plain-heading-number-after',
  'plain-hyphenation',
  'plain-margin-numbers',
  'plain-nested-bullets',
  'plain-page-breaks',
  'plain-page-number-first',
  'plain-recommendation-after-list',
  'plain-stacked-numbers',
  'plain-table-columns-lost',
  'plain-year-tags-and-notes',
  'quality-standard',
  'running-title',
  'section-roles',
]

describe.each(cases)('%s: the rules every case keeps', (name) => {
  const { record, file } = useCase(name)

  it('reads without a fatal message', () => {
    expect(
      file()
        .messages.filter((message) => message.fatal === true)
        .map(String),
    ).toEqual([])
  })

  it('keeps the page furniture out of the content', () => {
    const furniture = /©|notice-of-rights|\bPage \d+ of\b|\(NG999\)|\(QS999\)|\(IPG999\)/
    expect(contentTexts(record()).filter((text) => furniture.test(text))).toEqual([])
    expect(record().furniture.length).toBeGreaterThanOrEqual(3)
  })

  it('makes no heading of a number', () => {
    expect(
      allSections(record().sections)
        .map((candidate) => candidate.heading)
        .filter((heading) => /^[\d.\s]+$/.test(heading)),
    ).toEqual([])
  })
})

describe('page furniture', () => {
  describe('plain, the page number glued to the broken URL', () => {
    const { record } = useCase('plain-footer-glued')

    it('takes every piece of every footer and running title, in order', () => {
      const pages = [2, 3, 4].flatMap((page) => [
        `${notice} Page ${page} of`,
        'conditions#notice-of-rights).',
        '4',
        ...(page < 4 ? [runningTitle] : []),
      ])
      expect(record().furniture.map((source) => source.text)).toEqual([
        wholeNotice,
        runningTitle,
        ...pages,
      ])
    })

    it('joins the sentence the footer cut', () => {
      expect(section(record(), 'Overview').paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'This guideline covers assessing and managing tinnitus in primary, community and secondary care. It aims to improve the way tinnitus is assessed and to help people get the support that suits them best.',
      ])
      expect(section(record(), 'Who is it for?').paragraphs[0]?.items).toEqual([
        'Healthcare professionals',
        'Commissioners and providers of audiology services',
        'People with tinnitus, their families and carers',
      ])
    })
  })

  describe('plain, `Page 3 of` and `4` on lines of their own', () => {
    const { record } = useCase('plain-footer-apart')

    it('takes them as furniture', () => {
      const texts = record().furniture.map((source) => source.text)
      expect(texts.filter((text) => /^(?:Page \d of|4)$/.test(text))).toEqual([
        'Page 2 of',
        '4',
        'Page 3 of',
        '4',
        'Page 4 of',
        '4',
      ])
      expect(texts.filter((text) => text === wholeNotice)).toHaveLength(4)
    })

    it('joins the item the page break cut, the year tag after the last item', () => {
      const paragraph = numbered(record(), '1.1.1')
      expect(paragraph.items).toEqual([
        'how long they have had it and whether it is in one or both ears',
        'whether they hear it as a pulse, a hum or a ringing, and whether it changes with the position of their head or neck',
        'how much it affects their sleep, work and mood.',
      ])
      expect(paragraph.yearTag?.text).toBe('[2020]')
    })
  })

  describe('-layout, the page number pushed right', () => {
    const { record } = useCase('layout-footer')

    it('takes both lines, the number with them', () => {
      const texts = record().furniture.map((source) => source.text.replace(/ {2,}/g, ' | '))
      expect(texts.slice(-3)).toEqual([
        runningTitle,
        `${notice} | Page 4 of`,
        'conditions#notice-of-rights). | 4',
      ])
    })

    it('joins the recommendation the page break cut', () => {
      const paragraph = numbered(record(), '1.1.1')
      expect(paragraph.text).toBe(
        'Ask people with tinnitus about how long they have had it, whether it is in one or both ears, and whether they hear it as a pulse, a hum or a ringing. Also ask how much it affects their sleep, work and mood, and what they have already tried to manage it.',
      )
      expect(paragraph.yearTag?.text).toBe('[2020]')
      expect(numbered(record(), '1.1.2').text).toBe(
        'Check for hearing loss in people with tinnitus.',
      )
    })
  })

  describe('the page number before the notice', () => {
    const { record } = useCase('plain-page-number-first')

    it('is furniture by its own shape, and the sentence it cut is one paragraph', () => {
      expect(
        record()
          .furniture.map((source) => source.text)
          .slice(-5),
      ).toEqual([runningTitle, 'Page 4 of', '4', notice, 'conditions#notice-of-rights).'])
      expect(section(record(), 'Overview').paragraphs.map((paragraph) => paragraph.text)).toEqual([
        'This guideline covers assessing and managing tinnitus in primary, community and secondary care. It aims to improve the way tinnitus is assessed and to help people get the support that suits them best.',
      ])
    })
  })

  describe('the running title', () => {
    const { record } = useCase('running-title')

    it('is furniture on every page after the first, never a heading', () => {
      expect(record().furniture.filter((source) => source.text === runningTitle)).toHaveLength(4)
      expect(
        allSections(record().sections).map((candidate) => [candidate.level, candidate.heading]),
      ).toEqual([
        [1, 'Your responsibility'],
        [1, 'Overview'],
        [1, 'Recommendations'],
        [2, '1.1 Assessing tinnitus'],
        [2, '1.2 Referral'],
      ])
      expect(
        section(record(), 'Recommendations').paragraphs.map((paragraph) => paragraph.text),
      ).toEqual([
        "People have the right to be involved in discussions and make informed decisions about their care, as described in NICE's information on making decisions about your care.",
        'Making decisions using NICE guidelines explains how we use words to show the strength (or certainty) of our recommendations.',
      ])
    })
  })
})

describe('page breaks', () => {
  describe('a sentence, and a number, cut by a footer', () => {
    const { record } = useCase('plain-page-breaks')

    it('joins the sentence, and gives the text at the top of the page its number', () => {
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number ? [[paragraph.number, paragraph.text]] : [],
        ),
      ).toEqual([
        [
          '1.1.1',
          'Ask people with tinnitus how much it affects their sleep, work and mood, and what they have already tried, for example sound therapy or relaxation techniques.',
        ],
        ['1.1.2', 'Check for hearing loss in people with tinnitus.'],
        ['1.1.3', 'Offer an audiological assessment to people who have tinnitus and hearing loss.'],
      ])
    })
  })

  describe('an item cut by a footer, and headings after a break', () => {
    const { record } = useCase('plain-heading-after-page-break')

    it('joins the item, and keeps the headings apart', () => {
      expect(numbered(record(), '1.1.1').items).toEqual([
        'a sound generator worn on the ear',
        'a bedside device that plays relaxing sounds, such as rain or waves, through a pillow speaker',
        'apps that play sounds through headphones or a speaker.',
      ])
      expect(
        allSections(record().sections).map((candidate) => [candidate.level, candidate.heading]),
      ).toEqual([
        [1, 'Your responsibility'],
        [1, 'Recommendations'],
        [2, '1.1 Sound therapy'],
        [2, '1.2 Psychological therapies'],
        [3, 'Support groups'],
      ])
      expect(numbered(record(), '1.2.1').text).toBe(
        'Offer digital cognitive behavioural therapy for tinnitus-related distress.',
      )
      expect(section(record(), 'Support groups').paragraphs.map((p) => p.number)).toEqual(['1.2.2'])
    })
  })
})

describe('contents lists', () => {
  const entries = [
    ['Overview', 4],
    ['Who is it for?', 4],
    ['Recommendations', 5],
    ['1.1 Assessing tinnitus', 5],
    [
      '1.2 Management of tinnitus for people with hearing loss and for people with normal hearing',
      6,
    ],
    ['1.3 Referral', 7],
    ['Terms used in this guideline', 8],
  ]

  describe.each(['plain-contents', 'layout-contents'])('%s', (name) => {
    const { record } = useCase(name)

    it('reads every entry with its page: on the line, after a blank line, pushed right, wrapped, over a page break', () => {
      expect(record().contents.map((entry) => [entry.title, entry.page])).toEqual(entries)
    })

    it('takes no entry for a heading, and the text’s own headings as they stand', () => {
      expect(
        allSections(record().sections).map((candidate) => [candidate.level, candidate.heading]),
      ).toEqual([
        [1, 'Your responsibility'],
        [1, 'Overview'],
        [2, 'Who is it for?'],
      ])
    })
  })
})

describe('front pages', () => {
  describe.each(['front-page-guideline', 'front-page-layout'])('%s', (name) => {
    const { record } = useCase(name)

    it('reads the title over two lines, the programme, the dates and the URL', () => {
      const { kind, title, guidanceId, programme, published, lastUpdated, url } = record().metadata
      expect({ kind, title, guidanceId, programme, published, lastUpdated, url }).toEqual({
        kind: 'guideline',
        title: 'Tinnitus: assessment and management',
        guidanceId: 'NG999',
        programme: 'NICE guideline',
        published: '2020-03-11',
        lastUpdated: '2025-01-14',
        url: 'https://www.nice.org.uk/guidance/ng999',
      })
    })
  })

  describe('interventional procedures guidance', () => {
    const { record } = useCase('ipg-numbered-sections')

    it('reads its front page', () => {
      const { kind, title, guidanceId, programme, published } = record().metadata
      expect({ kind, title, guidanceId, programme, published }).toEqual({
        kind: 'guidance',
        title: 'Cochlear implant insertion with robotic guidance',
        guidanceId: 'IPG999',
        programme: 'Interventional procedures guidance',
        published: '2019-10-09',
      })
    })
  })

  describe('a quality standard', () => {
    const { record } = useCase('quality-standard')

    it('reads its front page', () => {
      const { kind, title, guidanceId, programme, published } = record().metadata
      expect({ kind, title, guidanceId, programme, published }).toEqual({
        kind: 'quality-standard',
        title: 'Tinnitus',
        guidanceId: 'QS999',
        programme: 'Quality standard',
        published: '2021-06-02',
      })
    })

    it('reads its statement with the rationale, the measures and the source guidance', () => {
      const statements = record().statements.map(({ source: _, measures, ...rest }) => ({
        ...rest,
        measures: measures.map(({ source: __, ...measure }) => measure),
      }))
      expect(statements).toEqual([
        {
          number: 1,
          title: 'Audiological assessment',
          statement: 'People with tinnitus have an audiological assessment.',
          rationale:
            'An audiological assessment shows whether hearing loss comes with the tinnitus, and which support will help.',
          measures: [
            {
              kind: 'structure',
              label: 'a',
              text: 'Evidence of local arrangements for people with tinnitus to have an audiological assessment.',
              numerator: null,
              denominator: null,
              dataSource: 'Local data collection, for example service protocols.',
            },
            {
              kind: 'process',
              label: 'a',
              text: 'Proportion of people with tinnitus who have an audiological assessment.',
              numerator: 'the number in the denominator who have an audiological assessment.',
              denominator: 'the number of people with tinnitus.',
              dataSource: 'Local data collection, for example audits of patient records.',
            },
            {
              kind: 'outcome',
              label: 'a',
              text: 'Tinnitus-related distress.',
              numerator: null,
              denominator: null,
              dataSource: 'Local data collection, for example patient questionnaires.',
            },
          ],
          sourceGuidance:
            'Tinnitus: assessment and management. NICE guideline NG999 (2020), recommendation 1.1.2',
        },
      ])
    })
  })
})

describe('paragraph numbers', () => {
  describe('plain: a number alone on its line', () => {
    const { record } = useCase('plain-margin-numbers')

    it('goes to its text; a decimal wrapped to a line start is prose', () => {
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number ? [[paragraph.number, paragraph.text]] : [],
        ),
      ).toEqual([
        ['1.1.1', 'Ask people with tinnitus about its effect on their sleep, work and mood.'],
        [
          '1.1.2',
          'Tinnitus affects about 1 in 8 adults in the UK, and about 1.4 million people see their GP about it each year. Ask about hearing loss.',
        ],
        ['1.2.1', 'Refer people with pulsatile tinnitus for urgent assessment.'],
      ])
    })

    it('makes headings of the numbers others are numbered under', () => {
      expect(
        allSections(record().sections).map((candidate) => [
          candidate.level,
          candidate.number,
          candidate.heading,
        ]),
      ).toEqual([
        [1, null, 'Your responsibility'],
        [1, null, 'Recommendations'],
        [2, '1.1', '1.1 Assessing tinnitus'],
        [2, '1.2', '1.2 Referral'],
      ])
    })
  })

  describe('plain: a heading’s number written after it', () => {
    const { record } = useCase('plain-heading-number-after')

    it('goes to the heading, whose source runs over it', () => {
      const heading = section(record(), '1.2 Assessing tinnitus in children and young people')
      expect([heading.level, heading.number, heading.source.text]).toEqual([
        2,
        '1.2',
        'Assessing tinnitus in children and\nyoung people\n1.2',
      ])
      expect(heading.paragraphs.map((paragraph) => [paragraph.number, paragraph.text])).toEqual([
        [
          '1.2.1',
          'Ask children and young people with tinnitus, and their parents or carers, how it affects school and sleep.',
        ],
      ])
    })
  })

  describe('plain: numbers stacked before their texts', () => {
    const { record } = useCase('plain-stacked-numbers')

    it('gives each text after a year tag the next number', () => {
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number ? [[paragraph.number, paragraph.text]] : [],
        ),
      ).toEqual([
        ['1.1.1', 'Offer a follow-up appointment to people with tinnitus-related distress.'],
        ['1.1.2', 'Agree how often follow-up should happen.'],
        ['1.1.3', 'Review the management plan at each appointment.'],
        ['1.1.4', 'Discuss stopping follow-up when tinnitus no longer causes distress.'],
      ])
    })
  })

  describe('-layout: the number in the margin', () => {
    const { record } = useCase('layout-margin-numbers')

    it('keeps its text, continuation lines and a decimal at the text’s column', () => {
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number ? [[paragraph.number, paragraph.text]] : [],
        ),
      ).toEqual([
        [
          '1.1.1',
          'Ask people with tinnitus about its effect on their sleep, work and mood, and what they have tried already.',
        ],
        [
          '1.1.2',
          'Check for hearing loss in people with tinnitus. Tinnitus affects about 1 in 8 adults in the UK and is more common in older people, with about 1.4 million people seeing their GP about it each year.',
        ],
      ])
    })
  })

  describe('interventional procedures guidance: sections numbered by children', () => {
    const { record } = useCase('ipg-numbered-sections')

    it('heads `2.1` (numbered under) and leaves `3.1` (nothing under it) a paragraph', () => {
      expect(
        allSections(record().sections).map((candidate) => [
          candidate.level,
          candidate.number,
          candidate.heading,
        ]),
      ).toEqual([
        [1, '1', '1 Guidance'],
        [1, '2', '2 The procedure'],
        [2, '2.1', '2.1 Indications'],
        [2, '2.2', '2.2 Outline of the procedure'],
        [1, '3', '3 Efficacy'],
        [1, null, 'Your responsibility'],
      ])
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number ? [paragraph.number] : [],
        ),
      ).toEqual(['1.1', '2.1.1', '2.2.1', '3.1'])
      expect(numbered(record(), '3.1').text).toBe(
        'In a study of 42 people, hearing was kept in 31 of them.',
      )
    })

    it('links `(see 3.1)`, and takes `Page 1` / `of 3` as furniture', () => {
      expect(
        numbered(record(), '1.1').references.map(({ text, targets }) => [text, targets]),
      ).toEqual([['(see 3.1)', ['3.1']]])
      const texts = record().furniture.map((source) => source.text)
      expect(texts.filter((text) => /^(?:Page \d|of 3)$/.test(text))).toEqual([
        'Page 1',
        'of 3',
        'Page 2',
        'of 3',
        'Page 3',
        'of 3',
      ])
    })
  })
})

describe('what belongs to a recommendation', () => {
  describe('prose after its list', () => {
    const { record } = useCase('plain-recommendation-after-list')

    it('goes on the recommendation, after its items, with its year tag', () => {
      const paragraph = numbered(record(), '1.1.1')
      expect(parts(paragraph)).toEqual([
        ['text', 0, 'When discussing management options, cover:'],
        ['item', 1, 'sound therapy'],
        ['item', 1, 'psychological therapies'],
        ['item', 1, 'hearing aids for people with hearing loss.'],
        ['text', 0, 'Explain that tinnitus often becomes less noticeable over time.'],
      ])
      expect(paragraph.yearTag?.text).toBe('[2020]')
      expect(numbered(record(), '1.1.2').text).toBe('Do not offer medicines to treat tinnitus.')
    })
  })

  describe('plain: year tags, a note and boxes', () => {
    const { record } = useCase('plain-year-tags-and-notes')

    it('reads the year tags as fields', () => {
      expect(
        allParagraphs(record()).flatMap((paragraph) =>
          paragraph.number
            ? [[paragraph.number, paragraph.yearTag?.text, paragraph.yearTag?.years]]
            : [],
        ),
      ).toEqual([
        ['1.1.1', '[2020]', [2020]],
        ['1.1.2', '[2010, amended 2020]', [2010, 2020]],
        ['1.1.3', '[2020]', [2020]],
      ])
      expect(contentTexts(record()).filter((text) => /\[20\d\d/.test(text))).toEqual([])
    })

    it('gives the note under a tag to its recommendation, and leaves the boxes apart', () => {
      expect(parts(numbered(record(), '1.1.2'))).toEqual([
        ['text', 0, 'Consider melatonin for people whose tinnitus disturbs their sleep.'],
        [
          'text',
          0,
          "In March 2020, this was an off-label use of melatonin. See NICE's information on prescribing medicines.",
        ],
      ])
      expect(numbered(record(), '1.1.3').text).toBe('Offer information on sleep hygiene.')
      expect(
        section(record(), '1.1 Medicines').paragraphs.map((paragraph) => [
          paragraph.number,
          paragraph.text.slice(0, 40),
        ]),
      ).toEqual([
        ['1.1.1', 'Do not offer betahistine to treat tinnit'],
        ['1.1.2', 'Consider melatonin for people whose tinn'],
        [null, 'For a short explanation of why the commi'],
        ['1.1.3', 'Offer information on sleep hygiene.'],
        [null, 'Full details of the evidence and the com'],
      ])
    })
  })

  describe('-layout: a note at the text’s column, a box at the margin', () => {
    const { record } = useCase('layout-notes-and-boxes')

    it('gives the note to the recommendation and leaves the box and the paragraph apart', () => {
      const paragraph = numbered(record(), '1.1.1')
      expect(paragraph.yearTag?.text).toBe('[2010, amended 2020]')
      expect(parts(paragraph)).toEqual([
        ['text', 0, 'Consider melatonin for people whose tinnitus disturbs their sleep.'],
        [
          'text',
          0,
          "In March 2020, this was an off-label use of melatonin. See NICE's information on prescribing medicines.",
        ],
      ])
      expect(
        section(record(), '1.1 Medicines').paragraphs.map((candidate) => candidate.number),
      ).toEqual(['1.1.1', null, '1.1.2', null])
      expect(numbered(record(), '1.1.2').text).toBe('Offer information on sleep hygiene.')
    })
  })
})

describe('nested bullets', () => {
  const nested = [
    ['text', 0, 'Refer people with tinnitus to an ear, nose and throat service if they have:'],
    ['item', 1, 'tinnitus in one ear only, with:'],
    ['item', 2, 'hearing loss in the same ear, or'],
    ['item', 2, 'a feeling of fullness in that ear'],
    ['item', 1, 'tinnitus with vertigo'],
    ['item', 1, 'pulsatile tinnitus.'],
  ]

  describe.each([
    ['plain-nested-bullets', 'by their glyph'],
    ['layout-nested-bullets', 'by their indentation'],
  ])('%s', (name, how) => {
    const { record } = useCase(name)

    it(`nests the sub-bullets ${how}`, () => {
      expect(parts(numbered(record(), '1.1.1'))).toEqual(nested)
    })
  })
})

describe('hyphens at a line end', () => {
  const { record } = useCase('plain-hyphenation')

  it('keeps or takes them out by the words around, and puts back those the converter took', () => {
    const text = section(record(), 'Overview').paragraphs[0]?.text ?? ''
    expect(text).toContain('advice on self-help, on sound-generating devices')
    expect(text).toContain('It sets out evidence-based care')
    expect(text).toContain('before and after an audiological assessment. Tinnitus is common')
    expect(text).toContain('using sound-generating devices, and explain')
    expect(text).not.toMatch(/assess- ?ment|soundgenerating|self- help/)
  })
})

describe('a table whose columns plain text ran together', () => {
  const { record, file } = useCase('plain-table-columns-lost')

  it('keeps its text as cell text, never a heading or part of the recommendation, and says so once, at its caption', () => {
    const assessing = section(record(), '1.1 Assessing tinnitus')
    expect(assessing.paragraphs.map((paragraph) => paragraph.text)).toEqual([
      'Use table 1 to decide how soon to refer.',
      'Table 1 When to refer',
      'Tinnitus with sudden hearing loss in one ear',
      'Within 24 hours',
      'Pulsatile tinnitus with a heart murmur',
      'Within 2 weeks',
    ])
    expect(assessing.sections.map((candidate) => candidate.heading)).toEqual(['Rationale'])
    expect(
      file().messages.map((message) => [message.ruleId, message.line, message.column]),
      // Said at the table's caption, line 31 of the text.
    ).toEqual([['table-columns-lost', 31, 1]])
  })
})

describe('cross-references', () => {
  const { record } = useCase('cross-references')

  it('links one paragraph, a range and a list; one into another guideline is external', () => {
    const references = (number: string) =>
      numbered(record(), number).references.map(({ text, targets, external }) => [
        text,
        targets,
        external,
      ])
    expect(references('1.1.2')).toEqual([['recommendation 1.1.1', ['1.1.1'], false]])
    expect(references('1.1.3')).toEqual([
      ['recommendations 1.1.1 to 1.1.2 and 1.2.1', ['1.1.1', '1.1.2', '1.2.1'], false],
    ])
    expect(references('1.2.1')).toEqual([['recommendations 1.4.1 and 1.4.2', [], true]])
  })
})

describe('lineage', () => {
  const { record } = useCase('lineage')

  it('tells a whole replacement, a partial one and an updated part apart', () => {
    expect(record().metadata.replaces).toEqual(['CG990'])
    expect(
      record().metadata.lineage.map(({ relation, from, to, subject }) => ({
        relation,
        from,
        to,
        ...(subject === undefined ? {} : { subject }),
      })),
    ).toEqual([
      { relation: 'replaces', from: 'CG990', to: 'NG999' },
      { relation: 'partially-replaces', from: 'CG991', to: 'NG999' },
      {
        relation: 'updates-section',
        from: null,
        to: 'NG999',
        subject:
          "the recommendations on noise exposure in NICE's guideline on hearing loss in adults",
      },
    ])
  })
})

describe('section roles', () => {
  const { record } = useCase('section-roles')

  it('gives each section its role, a subsection its parent’s', () => {
    expect(
      allSections(record().sections).map((candidate) => [
        candidate.level,
        candidate.heading,
        candidate.role,
      ]),
    ).toEqual([
      [1, 'Your responsibility', 'responsibility'],
      [1, 'Overview', 'overview'],
      [1, 'Recommendations', 'recommendations'],
      [2, '1.1 Assessing tinnitus', 'recommendations'],
      [2, 'Terms used in this guideline', 'terms'],
      [3, 'Pulsatile tinnitus', 'terms'],
      [1, 'Recommendations for research', 'research-recommendations'],
      [2, '1 Sound therapy', 'research-recommendations'],
      [1, 'Rationale and impact', 'rationale'],
      [2, 'Assessment', 'rationale'],
      [1, 'Context', 'context'],
      [1, 'Finding more information and committee details', 'committee'],
      [1, 'Update information', 'update-information'],
      [2, 'Minor changes since publication', 'update-information'],
    ])
  })

  it('marks the recommendations, and reads the dated update note', () => {
    expect(
      allParagraphs(record()).flatMap((paragraph) =>
        paragraph.recommendation ? [paragraph.number] : [],
      ),
    ).toEqual(['1.1.1'])
    expect(record().metadata.updates.map(({ date, text }) => [date, text])).toEqual([
      ['2025-01', 'We added a link to the rationale section.'],
    ])
  })
})

describe('a PDF in NICE’s layout', () => {
  const { record } = useCase('pdf-guideline')

  it('reads the front page', () => {
    const { kind, title, guidanceId, programme, published, lastUpdated } = record().metadata
    expect({ kind, title, guidanceId, programme, published, lastUpdated }).toEqual({
      kind: 'guideline',
      title: 'Tinnitus: assessment and management',
      guidanceId: 'NG999',
      programme: 'NICE guideline',
      published: '2020-03-11',
      lastUpdated: '2025-01-14',
    })
  })

  it('takes the artifacts as furniture, each on its page', () => {
    const pieces = record().furniture.map((source) => [source.page, source.text])
    expect(pieces.filter(([, text]) => text === runningTitle).map(([page]) => page)).toEqual([
      2, 3, 4, 5,
    ])
    expect(pieces.filter(([, text]) => /^Page \d of$/.test(String(text)))).toEqual([
      [2, 'Page 2 of'],
      [3, 'Page 3 of'],
      [4, 'Page 4 of'],
      [5, 'Page 5 of'],
    ])
  })

  it('reads the contents, each indented entry’s source from its first character', () => {
    expect(
      record().contents.map((entry) => [entry.title, entry.page, entry.source.text.slice(0, 22)]),
    ).toEqual([
      ['Recommendations', 3, 'Recommendations ......'],
      ['1.1 Assessing tinnitus', 3, '1.1 Assessing tinnitus'],
      ['1.2 Management', 4, '1.2 Management .......'],
      ['1.3 Referral', 5, '1.3 Referral .........'],
    ])
  })

  it('gives each margin number its text, nests the sub-bullets, joins over page breaks', () => {
    expect(
      allParagraphs(record()).flatMap((paragraph) =>
        paragraph.number ? [[paragraph.number, paragraph.yearTag?.text]] : [],
      ),
    ).toEqual([
      ['1.1.1', '[2020]'],
      ['1.1.2', '[2020]'],
      ['1.1.3', '[2020]'],
      ['1.2.1', '[2010, amended 2020]'],
      ['1.3.1', '[2020]'],
    ])
    expect(parts(numbered(record(), '1.1.2'))).toEqual([
      ['text', 0, 'Refer people with tinnitus to an ear, nose and throat service if they have:'],
      ['item', 1, 'tinnitus in one ear only, with:'],
      ['item', 2, 'hearing loss in the same ear, or'],
      ['item', 2, 'a feeling of fullness in that ear'],
      [
        'item',
        1,
        'tinnitus that beats in time with the heart, which needs an assessment within 2 weeks.',
      ],
    ])
    expect(numbered(record(), '1.2.1').text).toBe(
      'Offer sound therapy to people whose tinnitus causes distress, and explain that most people find that their tinnitus becomes less noticeable over time.',
    )
  })

  it('gives the note at the text’s indentation to the recommendation, not the box at the margin', () => {
    expect(parts(numbered(record(), '1.1.3'))).toEqual([
      ['text', 0, 'Consider melatonin for people whose tinnitus disturbs their sleep.'],
      [
        'text',
        0,
        'In March 2020, this was an off-label use of melatonin. See NICE’s information on prescribing medicines.',
      ],
    ])
    expect(
      section(record(), '1.1 Assessing tinnitus').paragraphs.map((paragraph) => paragraph.number),
    ).toEqual(['1.1.1', '1.1.2', '1.1.3', null])
  })
})
