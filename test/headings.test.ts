/**
 * Heading levels by general rules, on a made-up overview of another topic
 * (robot-assisted knee replacement) with a flat contents list: the standard
 * headings of an overview at the top, a contents heading that another
 * contents heading follows at once heads a group (`Knee scoring systems` over
 * `Oxford Knee Score`), the other contents headings under the top heading
 * before them, headings not in the contents one level further down.
 */

import { describe, expect, it } from 'vitest'
import { isStandardHeading, isTopLevelHeading } from '../pipeline/lib/headings.js'
import { allSections, extractText } from './helpers.js'

const overview = [
  'Interventional procedure overview of robot-assisted total knee replacement',
  'Contents',
  [
    'The procedure, condition, current practice and unmet need\t2',
    'Knee scoring systems.....\t3',
    'Oxford Knee Score\t3',
    'Outcome measures.....\t4',
    'Evidence summary\t4',
    'Population and studies description.....\t4',
    'Efficacy.....\t6',
    'Safety\t7',
    'Ongoing trials\t8',
    'References.....\t9',
    'Appendix A: Methods and literature search strategy.....\t10',
    'Inclusion criteria\t11',
  ].join('\n'),
  'The procedure, condition, current practice and unmet need',
  'Robot-assisted total knee replacement uses a robotic arm to guide the bone cuts.',
  'Knee scoring systems',
  'Oxford Knee Score',
  'The Oxford Knee Score has 12 questions and is scored from 0 to 48.',
  'Outcome measures',
  'The main outcomes were knee function, revision and infection.',
  'Evidence summary',
  'Population and studies description',
  'This overview is based on 3 studies of 1,250 people.',
  'Efficacy',
  'Knee function',
  'Knee function was better after robot-assisted surgery in 2 studies.',
  'Safety',
  'Deep infection',
  'Deep infection was reported in 4 people.',
  'Ongoing trials',
  '- A randomised trial of 500 people is recruiting.',
  'References',
  '1. Okafor A, Lee B (2022) Robotic knee replacement. Knee 12: 1-9.',
  'Appendix A: Methods and literature search strategy',
  'Inclusion criteria',
  'The following inclusion criteria were applied.',
  '',
].join('\n\n')

describe('heading levels of an overview on another topic', () => {
  const { record, messages } = extractText(overview)

  it('reads it as an overview, without errors', () => {
    expect(record.metadata.kind).toBe('procedure-overview')
    expect(messages.filter((message) => message.includes('error'))).toEqual([])
  })

  it('places every heading at its level', () => {
    expect(allSections(record.sections).map(({ heading, level }) => [level, heading])).toEqual([
      [1, 'The procedure, condition, current practice and unmet need'],
      [1, 'Knee scoring systems'],
      [2, 'Oxford Knee Score'],
      [1, 'Outcome measures'],
      [1, 'Evidence summary'],
      [2, 'Population and studies description'],
      [2, 'Efficacy'],
      [3, 'Knee function'],
      [2, 'Safety'],
      [3, 'Deep infection'],
      [1, 'Ongoing trials'],
      [1, 'References'],
      [1, 'Appendix A: Methods and literature search strategy'],
      [2, 'Inclusion criteria'],
    ])
  })
})

describe('standard headings', () => {
  it.each([
    ['Recommendations for research', true],
    ['Quality statement 3: Referral for deep endometriosis', true],
    ['Appendix B: Other relevant studies', true],
    ['Update information.', true],
    ['Knee scoring systems', false],
    ['Clinical assessment tools', false],
  ])('%s is a top heading: %s', (heading, top) => {
    expect(isTopLevelHeading(heading)).toBe(top)
  })

  it('tells the kinds apart', () => {
    expect(isStandardHeading('information-for-the-public', 'Is this procedure right for me')).toBe(
      true,
    )
    expect(isStandardHeading('guidance', 'Is this procedure right for me?')).toBe(false)
    expect(isStandardHeading('quality-standard', 'About this quality standard')).toBe(true)
  })
})
