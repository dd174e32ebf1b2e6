/**
 * Boxes and affine matrices in PDF user space.
 */

import type { Box } from '../reader.js'

/** An affine matrix `[a, b, c, d, e, f]`, as PDF and PDF.js write them. */
export type Matrix = [number, number, number, number, number, number]

/** The identity matrix. */
export const identity: Matrix = [1, 0, 0, 1, 0, 0]

/**
 * The matrix that applies `first`, then `then` (PDF's `cm`: `first × then`).
 *
 * @param first
 *   Applied first.
 * @param then
 *   Applied second.
 * @returns
 *   The product.
 */
export function multiply(first: Matrix, then: Matrix): Matrix {
  const [a, b, c, d, e, f] = first
  const [A, B, C, D, E, F] = then
  return [
    a * A + b * C,
    a * B + b * D,
    c * A + d * C,
    c * B + d * D,
    e * A + f * C + E,
    e * B + f * D + F,
  ]
}

/**
 * The box of a rectangle once transformed.
 *
 * @param matrix
 *   Transform.
 * @param x0
 *   Left.
 * @param y0
 *   Bottom.
 * @param x1
 *   Right.
 * @param y1
 *   Top.
 * @returns
 *   The axis-aligned box of the transformed corners.
 */
export function transformBox(matrix: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const [a, b, c, d, e, f] = matrix
  const xs = [a * x0 + c * y0 + e, a * x1 + c * y0 + e, a * x0 + c * y1 + e, a * x1 + c * y1 + e]
  const ys = [b * x0 + d * y0 + f, b * x1 + d * y0 + f, b * x0 + d * y1 + f, b * x1 + d * y1 + f]
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/**
 * The smallest box holding both.
 *
 * @param box
 *   A box.
 * @param other
 *   Another.
 * @returns
 *   Their union.
 */
export function unionBox(box: Box, other: Box): Box {
  return [
    Math.min(box[0], other[0]),
    Math.min(box[1], other[1]),
    Math.max(box[2], other[2]),
    Math.max(box[3], other[3]),
  ]
}

/**
 * A box rounded outward to hundredths of a point (what the layout records):
 * it still holds what it held.
 *
 * @param box
 *   A box.
 * @returns
 *   The rounded box.
 */
export function roundBox(box: Box): Box {
  return [
    Math.floor(box[0] * 100) / 100,
    Math.floor(box[1] * 100) / 100,
    Math.ceil(box[2] * 100) / 100,
    Math.ceil(box[3] * 100) / 100,
  ]
}

/**
 * A number rounded to hundredths.
 *
 * @param value
 *   Number.
 * @returns
 *   Rounded.
 */
export function round(value: number): number {
  return Math.round(value * 100) / 100
}
