/**
 * Stage `locateSources`: for a PDF input, the page and box of every `source`
 * in the record, from the layout of the text layer its offsets point into
 * (`text.txt`): the page of its first drawn character, and the box around its
 * characters on that page. Text inputs have neither.
 */

import type { VFile } from 'vfile'
import { locate } from '../readers/pdf/locate.js'
import type { TextLayout } from '../readers/reader.js'
import type { Source } from '../types.js'

/**
 * Attach the stage.
 *
 * @returns
 *   Transformer.
 */
export function locateSources() {
  return (_tree: unknown, file: VFile): void => {
    const layout = file.data.layout
    const record = file.data.record
    if (!layout || !record) return
    visit(record, layout, new WeakSet())
  }
}

/** Whether a value is a `Source`: an offset, a line, a column and the text there. */
function isSource(value: object): value is Source {
  const candidate = value as Partial<Source>
  return (
    typeof candidate.offset === 'number' &&
    typeof candidate.line === 'number' &&
    typeof candidate.column === 'number' &&
    typeof candidate.text === 'string'
  )
}

/** Place every source under `value`, each object once. */
function visit(value: unknown, layout: TextLayout, seen: WeakSet<object>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return
  seen.add(value)
  if (Array.isArray(value)) {
    for (const item of value) visit(item, layout, seen)
    return
  }
  if (isSource(value)) {
    const place = locate(layout, value.offset, Math.max(1, value.text.length))
    if (place) {
      value.page = place.page
      value.box = place.box
    }
    return
  }
  for (const child of Object.values(value)) visit(child, layout, seen)
}
