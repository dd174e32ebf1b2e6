/**
 * Dates as NICE writes them (`28 November 2018`, `January 2026`, `29/05/2025`)
 * into ISO strings as precise as written.
 */

import { monthAlternation, monthNumber } from '../vocabulary/months.js'

/** A written date: optional day, month name, year. */
export const writtenDate = new RegExp(
  String.raw`\b(?:(\d{1,2})(?:st|nd|rd|th)? )?(${monthAlternation}) (\d{4})\b`,
  'i',
)

/**
 * ISO form of a written date.
 *
 * @param text
 *   Text holding a date such as `28 November 2018` or `January 2026`.
 * @returns
 *   `2018-11-28` or `2026-01`, or `null` when there is no valid date.
 */
export function isoDate(text: string): string | null {
  const match = writtenDate.exec(text)
  if (!match) return null
  const month = monthNumber(match[2] as string) as number
  const year = match[3] as string
  const monthText = String(month).padStart(2, '0')
  if (!match[1]) return `${year}-${monthText}`
  const day = Number(match[1])
  const daysInMonth = new Date(Date.UTC(Number(year), month, 0)).getUTCDate()
  if (day < 1 || day > daysInMonth) return null
  return `${year}-${monthText}-${String(day).padStart(2, '0')}`
}
