/**
 * Text with a map back to the raw file.
 *
 * Every stage that rewrites text (reflowing hard wraps, joining page-split
 * paragraphs, stripping markdown) keeps, for each run of characters copied from
 * the raw file, where that run starts there. Characters the stage inserted (the
 * space that replaces a line break) map to the raw position just before them.
 */

import { countWork } from './work-counter.js'

/** One run of characters copied from the raw file. */
export interface TextRun {
  /** Index in the mapped text where the run starts. */
  at: number
  /** Offset in the raw file where the same characters start. */
  offset: number
  /** Number of characters in the run. */
  length: number
}

/** A string and the runs that tie it to the raw file. */
export interface MappedText {
  value: string
  runs: TextRun[]
}

/**
 * Start a mapped text from a slice of the raw file.
 *
 * @param value
 *   The characters, exactly as they stand in the raw file.
 * @param offset
 *   Offset of `value` in the raw file.
 * @returns
 *   Mapped text.
 */
export function mappedFromRaw(value: string, offset: number): MappedText {
  return { value, runs: value.length > 0 ? [{ at: 0, offset, length: value.length }] : [] }
}

/**
 * Join mapped texts, with `separator` (an inserted string, not from the raw
 * file) between them. Linear in the parts and their runs: join a block's
 * pieces once, never one piece at a time onto a growing text.
 *
 * @param parts
 *   Texts to join.
 * @param separator
 *   Inserted between parts (default: `' '`), or one per gap (`separator[0]`
 *   between the first two parts).
 * @returns
 *   Joined mapped text.
 */
export function joinMapped(
  parts: readonly MappedText[],
  separator: string | readonly string[] = ' ',
): MappedText {
  let value = ''
  const runs: TextRun[] = []
  for (const [index, part] of parts.entries()) {
    if (index > 0) value += typeof separator === 'string' ? separator : (separator[index - 1] ?? '')
    countWork(1 + part.runs.length)
    for (const run of part.runs)
      runs.push({ at: run.at + value.length, offset: run.offset, length: run.length })
    value += part.value
  }
  return { value, runs }
}

/**
 * Slice a mapped text, keeping its map.
 *
 * @param text
 *   Mapped text.
 * @param start
 *   Start index (inclusive).
 * @param end
 *   End index (exclusive; default: the end).
 * @returns
 *   The slice.
 */
export function sliceMapped(text: MappedText, start: number, end = text.value.length): MappedText {
  const runs: TextRun[] = []
  // The first run that ends after `start`, by binary search: a slice costs
  // the runs it keeps, not all the runs of the text.
  let low = 0
  let high = text.runs.length
  while (low < high) {
    const middle = (low + high) >> 1
    const run = text.runs[middle] as TextRun
    if (run.at + run.length <= start) low = middle + 1
    else high = middle
  }
  countWork(1)
  for (let index = low; index < text.runs.length; index++) {
    const run = text.runs[index] as TextRun
    if (run.at >= end) break
    countWork(1)
    const runStart = Math.max(run.at, start)
    const runEnd = Math.min(run.at + run.length, end)
    if (runEnd <= runStart) continue
    runs.push({
      at: runStart - start,
      offset: run.offset + (runStart - run.at),
      length: runEnd - runStart,
    })
  }
  return { value: text.value.slice(start, end), runs }
}

/**
 * Trim white space at both ends, keeping the map.
 *
 * @param text
 *   Mapped text.
 * @returns
 *   Trimmed mapped text.
 */
export function trimMapped(text: MappedText): MappedText {
  const start = text.value.length - text.value.trimStart().length
  const end = text.value.trimEnd().length
  return start === 0 && end === text.value.length ? text : sliceMapped(text, start, end)
}

/**
 * Raw offset of the character at `index` of the mapped text.
 *
 * Inserted characters map to the end of the run before them.
 *
 * @param text
 *   Mapped text.
 * @param index
 *   Index in `text.value`.
 * @returns
 *   Offset in the raw file.
 */
export function rawOffsetAt(text: MappedText, index: number): number {
  let low = 0
  let high = text.runs.length - 1
  let found = -1
  // Binary search for the last run that starts at or before `index`.
  while (low <= high) {
    const middle = (low + high) >> 1
    const run = text.runs[middle] as TextRun
    if (run.at <= index) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  if (found === -1) return text.runs[0]?.offset ?? 0
  const run = text.runs[found] as TextRun
  return index < run.at + run.length ? run.offset + (index - run.at) : run.offset + run.length
}

/**
 * The raw range `[start, end)` covered by `text.value.slice(from, to)`.
 *
 * @param text
 *   Mapped text.
 * @param from
 *   Start index in `text.value` (default: `0`).
 * @param to
 *   End index in `text.value`, exclusive (default: the end).
 * @returns
 *   Raw start and end offsets.
 */
export function rawRange(
  text: MappedText,
  from = 0,
  to = text.value.length,
): { start: number; end: number } {
  if (to <= from) {
    const offset = rawOffsetAt(text, from)
    return { start: offset, end: offset }
  }
  return { start: rawOffsetAt(text, from), end: rawOffsetAt(text, to - 1) + 1 }
}

/**
 * Align a string derived from a raw slice (markdown unescaped, entities
 * decoded) with that slice, character by character.
 *
 * Each character of `derived` is matched with the next equal character of
 * `source`; characters of `source` with no match (a backslash escape, markup)
 * are skipped. Where nothing matches, the character maps to the current
 * position, so the map never fails, it only gets coarser.
 *
 * @param derived
 *   The derived string.
 * @param source
 *   The mapped raw slice it was derived from.
 * @returns
 *   `derived` as a mapped text.
 */
export function alignMapped(derived: string, source: MappedText): MappedText {
  if (derived === source.value) return source
  const runs: TextRun[] = []
  let sourceIndex = 0
  let current: TextRun | undefined
  for (let index = 0; index < derived.length; index++) {
    const character = derived[index]
    // Not far ahead for a character that was inserted, not copied (and never
    // a search to the end, which would make the alignment quadratic).
    let match = -1
    for (let at = sourceIndex; at <= sourceIndex + 8 && at < source.value.length; at++) {
      if (source.value[at] === character) {
        match = at
        break
      }
    }
    countWork(1)
    const offset = rawOffsetAt(source, match === -1 ? sourceIndex : match)
    if (match !== -1) sourceIndex = match + 1
    if (current && current.offset + current.length === offset && match !== -1) {
      current.length++
    } else {
      current = { at: index, offset, length: 1 }
      runs.push(current)
    }
  }
  return { value: derived, runs }
}
