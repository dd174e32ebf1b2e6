/**
 * The bench's arithmetic: medians of rounds, figures to two decimals.
 */

/**
 * The median of some numbers.
 *
 * @param values
 *   Numbers (at least one).
 * @returns
 *   The middle one, or the mean of the two middle ones.
 */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/**
 * A figure to two decimals.
 *
 * @param value
 *   Number.
 * @returns
 *   Rounded to hundredths.
 */
export function round(value: number): number {
  return Math.round(value * 100) / 100
}
