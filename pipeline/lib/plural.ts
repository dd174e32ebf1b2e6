/**
 * Counts in words that agree in number: `1 document`, `2 documents`.
 */

/**
 * A count and its noun, singular for one.
 *
 * @param count
 *   The number.
 * @param singular
 *   The noun for one (`document`, `numbered paragraph`).
 * @param plural
 *   The noun for other counts (default: `singular` and `s`).
 * @returns
 *   Words (`1 document`, `0 documents`).
 */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}
