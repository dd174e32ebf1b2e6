/**
 * parseMarkdown, classifyBlocks, sectionize and extractMetadata on small
 * texts of each layout, through the real processor.
 */

import { describe, expect, it } from 'vitest'
import { allParagraphs, allSections, extractText } from './helpers.js'

const guidance = `Some procedure for some condition

Interventional procedures guidance

Published: 3 March 2021

www.nice.org.uk/guidance/ipg700

Your responsibility

This guidance represents the view of NICE.

Contents

1 Recommendations\t4
2 The procedure.....\t6
Committee comments\t7
Update information\t9

This guidance replaces IPG100 and IPG101.

1 Recommendations

- 1.1 Evidence on safety shows there are \\(serious\\) concerns. See [our page](#).
- 1.2 Clinicians wishing to do it should:
 - Inform the **clinical governance** leads.
- Ensure that patients understand the uncertainty.

  - Audit and review clinical outcomes of all patients.
1.3 Patient selection should be done by a team.

2 The procedure

2.1 The procedure is done under local anaesthesia, in 2.5 million people a year.

Committee comments

2.2 The committee noted that the risks of bleeding have reduced.

2.4 More than 1 device is available.

Update information

Minor changes after publication

June 2024: Interventional procedures guidance 700 has been migrated to HealthTech guidance 900.

ISBN: 978-1-4731-0000-1
`

describe('a guidance text', () => {
  const { record, messages } = extractText(guidance)

  it('reads the metadata', () => {
    const { metadata } = record
    expect(metadata.kind).toBe('guidance')
    expect(metadata.title).toBe('Some procedure for some condition')
    expect(metadata.guidanceId).toBe('IPG700')
    expect(metadata.programme).toBe('Interventional procedures guidance')
    expect(metadata.published).toBe('2021-03-03')
    // The text states no `Last updated`: its latest update note dates it.
    expect(metadata.lastUpdated).toBe(null)
    expect(metadata.revised).toBe('2024-06')
    expect(metadata.isbn).toBe('978-1-4731-0000-1')
    expect(metadata.url).toBe('https://www.nice.org.uk/guidance/ipg700')
    expect(metadata.replaces).toEqual(['IPG100', 'IPG101'])
    expect(metadata.lineage.map(({ from, to, relation }) => `${from}>${to} ${relation}`)).toEqual([
      'IPG100>IPG700 replaces',
      'IPG101>IPG700 replaces',
      'IPG700>HTG900 migrated',
    ])
    expect(metadata.updates.map(({ date, heading }) => ({ date, heading }))).toEqual([
      { date: '2024-06', heading: 'Minor changes after publication' },
    ])
  })

  it('builds the hierarchy from numbered headings and the contents list', () => {
    expect(
      allSections(record.sections).map((section) => `${section.level} ${section.heading}`),
    ).toEqual([
      '1 Your responsibility',
      '1 1 Recommendations',
      '1 2 The procedure',
      '2 Committee comments',
      '1 Update information',
      '2 Minor changes after publication',
    ])
    // What follows the contents list belongs to no section.
    expect(record.preamble.map((paragraph) => paragraph.text)).toEqual([
      'This guidance replaces IPG100 and IPG101.',
    ])
  })

  it('keeps numbered paragraphs with their items, whatever the indentation', () => {
    const numbered = allParagraphs(record).filter((paragraph) => paragraph.number)
    expect(numbered.map((paragraph) => paragraph.number)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '2.1',
      '2.2',
      '2.4',
    ])
    expect(numbered[0]?.text).toBe(
      'Evidence on safety shows there are (serious) concerns. See our page.',
    )
    expect(numbered[0]?.links).toEqual([{ text: 'our page', url: '#' }])
    expect(numbered[1]?.items).toEqual([
      'Inform the clinical governance leads.',
      'Ensure that patients understand the uncertainty.',
      'Audit and review clinical outcomes of all patients.',
    ])
    expect(numbered[3]?.text).toContain('in 2.5 million people')
  })

  it('warns about a gap in the numbering, at its place', () => {
    expect(messages).toEqual([
      'test.txt:40:1-40:37: Unexpected paragraph number `2.4`, expected `2.3`',
    ])
  })
})

describe('an information-for-the-public text', () => {
  it('reads a markdown-ish text with a title heading', () => {
    const { record } = extractText(
      '# A procedure\n\nInformation for the public\n\nPublished: 18 December 2025\n\n[www.nice.org.uk](http://www.nice.org.uk)\n\nOpening.\n\n## Is this procedure right for me?\n\nYou should be included.\n\n## Some questions to think about\n\n- What are the benefits?\n- What are the risks?\n\nISBN: 978-1-4731-7781-9\n',
    )
    expect(record.metadata).toMatchObject({
      kind: 'information-for-the-public',
      title: 'A procedure',
      guidanceId: null,
      programme: null,
      published: '2025-12-18',
      isbn: '978-1-4731-7781-9',
    })
    expect(record.preamble.map((paragraph) => paragraph.text)).toEqual(['Opening.'])
    expect(
      allSections(record.sections).map((section) => `${section.level} ${section.heading}`),
    ).toEqual(['1 Is this procedure right for me?', '1 Some questions to think about'])
    const list = record.sections[1]?.paragraphs[0]
    expect(list).toMatchObject({
      kind: 'list',
      text: '',
      items: ['What are the benefits?', 'What are the risks?'],
    })
  })

  it('reads a hard-wrapped text with no title line', () => {
    const { record } = extractText(
      ' This procedure can be used but only when patients have regular checks to see how well it is \nworking. \n \nIs this procedure right for me? \n \nIf you’ve been offered this procedure, your healthcare professionals should discuss with \nyou what is involved. \n \nSome questions to think about \n \n• What does the procedure involve? \n• What are the possible benefits? \n',
    )
    expect(record.metadata.title).toBeNull()
    expect(record.metadata.kind).toBe('information-for-the-public')
    expect(record.preamble[0]?.text).toBe(
      'This procedure can be used but only when patients have regular checks to see how well it is working.',
    )
    expect(record.sections.map((section) => section.heading)).toEqual([
      'Is this procedure right for me?',
      'Some questions to think about',
    ])
    expect(record.sections[1]?.paragraphs[0]?.items).toEqual([
      'What does the procedure involve?',
      'What are the possible benefits?',
    ])
  })
})

describe('an overview text', () => {
  it('nests contents headings with nothing between, and splits a glued bold caption', () => {
    const header = 'Interventional procedure overview: a procedure for a condition'
    const { record } = extractText(
      [
        'Interventional procedure overview of a procedure for a condition',
        '',
        'Contents',
        '',
        'Evidence summary\t4',
        'Population and studies description.....\t4',
        'Efficacy\t6',
        'Appendix A: Methods\t9',
        '',
        'Evidence summary',
        '',
        'Population and studies description',
        '',
        'Text one.',
        '',
        header,
        '',
        'Efficacy',
        '',
        '30-day mortality',
        '',
        'Text two.',
        '',
        header,
        '',
        'Appendix A: Methods',
        '',
        'Main search**Table 4a Main search results**',
        '',
        'Database\tDate',
        'Embase\t29/05/2025',
        '',
        header,
      ].join('\n'),
    )
    expect(record.metadata.kind).toBe('procedure-overview')
    expect(
      allSections(record.sections).map((section) => `${section.level} ${section.heading}`),
    ).toEqual([
      '1 Evidence summary',
      '2 Population and studies description',
      '2 Efficacy',
      '3 30-day mortality',
      '1 Appendix A: Methods',
      '2 Main search',
    ])
  })
})

describe('paragraph numbers outside their section', () => {
  const text = [
    'Knee pain: made-up guidance',
    '1 Recommendations',
    '1.1 Assess knee pain.',
    '1.2 Offer exercise.',
    // The heading `2 The procedure` is missing: its paragraphs follow in sequence.
    '2.1 The procedure is done under local anaesthesia.',
    '2.2 It takes an hour.',
    '3 Efficacy',
    '3.1 The evidence is from 4 studies.',
    '2.5 Million people have knee pain each year.',
    '',
  ].join('\n\n')
  const { record, messages } = extractText(text)

  it('keeps the paragraphs of a section whose heading was not seen, in sequence', () => {
    expect(allParagraphs(record).map((paragraph) => paragraph.number)).toEqual([
      '1.1',
      '1.2',
      '2.1',
      '2.2',
      '3.1',
      null,
    ])
  })

  it('reads an out-of-sequence number in another section as text, and says so', () => {
    const last = allParagraphs(record).at(-1)
    expect(last?.text).toBe('2.5 Million people have knee pain each year.')
    expect(messages.filter((message) => message.includes('Unexpected paragraph number'))).toEqual([
      expect.stringContaining('Unexpected paragraph number `2.5` in section `3`, read as text'),
    ])
  })
})
