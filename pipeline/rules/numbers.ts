/**
 * Arithmetic the consistency rules share: the precision of written numbers,
 * and the normal distribution for p-values recomputed from a CI.
 */

import { parseNumber } from '../lib/result-grammar.js'
import type { Result } from '../types.js'

/**
 * Decimals written in a number.
 *
 * @param written
 *   `15.6`.
 * @returns
 *   `1`.
 */
export function decimals(written: string): number {
  const dot = written.indexOf('.')
  return dot === -1 ? 0 : written.length - dot - 1
}

/**
 * Half a unit of the last digit written in an estimate and its CI: what
 * rounding can hide.
 *
 * @param result
 *   A result.
 * @returns
 *   `0.005` for `2.06 (1.15 to 3.66)`.
 */
export function halfLastDigit(result: Result): number {
  const ci = result.ci
  const places = Math.max(
    decimals(result.written ?? ''),
    decimals(ci?.lowerWritten ?? ''),
    decimals(ci?.upperWritten ?? ''),
  )
  return 10 ** -places / 2
}

/**
 * Whether two written numbers agree: within one unit of the last digit of
 * the less precise (the text rounds or truncates what the table gives).
 *
 * @param a
 *   A written number.
 * @param b
 *   Another.
 * @returns
 *   Whether they agree.
 */
export function agree(a: string, b: string): boolean {
  const places = Math.min(decimals(a), decimals(b))
  return Math.abs(parseNumber(a) - parseNumber(b)) <= 10 ** -places + 1e-9
}

/**
 * Standard normal distribution function (Abramowitz and Stegun 26.2.17).
 *
 * @param z
 *   A z value.
 * @returns
 *   P(Z ≤ z).
 */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z))
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)
  const tail =
    density *
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  return z >= 0 ? 1 - tail : tail
}

/**
 * The z of a two-sided level.
 *
 * @param level
 *   `95`.
 * @returns
 *   `1.96`.
 */
export function zOfLevel(level: number): number {
  let low = 0
  let high = 10
  const target = 1 - (1 - level / 100) / 2
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2
    if (normalCdf(middle) < target) low = middle
    else high = middle
  }
  return (low + high) / 2
}

/**
 * A count as the documents write it: `5,451`.
 *
 * @param value
 *   Count.
 * @returns
 *   Written with thousands separated.
 */
export function count(value: number): string {
  return value.toLocaleString('en-GB')
}
