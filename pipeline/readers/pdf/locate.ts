/**
 * Box lookup: where a range of the text layer is drawn.
 */

import type { Box, LayoutRun, TextLayout } from '../reader.js'
import { unionBox } from './geometry.js'

/** Where a range of the text stands on its page. */
export interface Location {
  /** 1-based page of the range's first drawn character. */
  page: number
  /** The union of the boxes of the runs the range touches on that page. */
  box: Box
}

/**
 * Find the page and box of a range of the text layer.
 *
 * @param layout
 *   The layout the PDF reader made with the text.
 * @param offset
 *   Offset (UTF-16) of the range in the text.
 * @param length
 *   Length of the range.
 * @returns
 *   The page of its first drawn character and the box of the runs it
 *   touches on that page; `undefined` when the range draws nothing (white
 *   space between runs, or outside the text).
 */
export function locate(layout: TextLayout, offset: number, length: number): Location | undefined {
  const { runs } = layout
  const end = offset + Math.max(length, 1)
  // The first run that ends after the range starts (runs are in text order).
  let low = 0
  let high = runs.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((runs[middle] as LayoutRun).end <= offset) low = middle + 1
    else high = middle
  }
  const first = runs[low]
  if (!first || first.start >= end) return undefined
  let box = first.box
  for (let index = low + 1; index < runs.length; index++) {
    const run = runs[index] as LayoutRun
    if (run.start >= end) break
    if (run.page === first.page) box = unionBox(box, run.box)
  }
  return { page: first.page, box }
}
