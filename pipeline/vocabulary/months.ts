/**
 * Month names as NICE writes them (in English, capitalised), once.
 */

/** The months, January first. */
export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** The month names as one alternation, for patterns (`January|February|…`). */
export const monthAlternation = monthNames.join('|')

/**
 * The number of a month.
 *
 * @param name
 *   A month name, any case (`november`).
 * @returns
 *   1 to 12, or `undefined` for anything else.
 */
export function monthNumber(name: string): number | undefined {
  const index = monthNames.findIndex((month) => month.toLowerCase() === name.toLowerCase())
  return index === -1 ? undefined : index + 1
}
