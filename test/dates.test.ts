/**
 * Dates as NICE writes them, into ISO strings as precise as written:
 * table-driven, each case read off a front page or update note, and the
 * forms that are not a date (no year, no such day).
 */

import { describe, expect, it } from 'vitest'
import { isoDate } from '../pipeline/lib/dates.js'
import { extractText } from './helpers.js'

describe('isoDate', () => {
  it.each([
    ['Published: 28 November 2018', '2018-11-28'],
    ['Last updated: 3 March 2021', '2021-03-03'],
    ['January 2026: Interventional procedures guidance 633 has been migrated', '2026-01'],
    ['1st March 2021', '2021-03-01'],
    ['29 February 2024', '2024-02-29'],
    ['29 february 2024', '2024-02-29'],
  ])('reads %s as %s', (text, expected) => {
    expect(isoDate(text)).toBe(expected)
  })

  it.each([
    ['a day and month without a year', 'Published: 28 November'],
    ['a month without a year', 'November: we changed the recommendations'],
    ['a year alone', 'Published: 2018'],
    ['a day that the month does not have', '31 April 2020'],
    ['29 February of a common year', '29 February 2023'],
    ['a numeric date', '28/11/2018'],
  ])('reads no date from %s', (_name, text) => {
    expect(isoDate(text)).toBeNull()
  })

  it('gives no publication date for a front page that names no year', () => {
    const { record } = extractText(
      'Some procedure for some condition\n\nInterventional procedures guidance\n\nPublished: 28 November\n\n1 Recommendations\n\n1.1 Text.\n',
    )
    expect(record.metadata.published).toBeNull()
  })
})
