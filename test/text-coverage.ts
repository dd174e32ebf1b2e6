/**
 * The "no text dropped" property (issue 16), as a function: the characters
 * of an input that end up nowhere. Every non-white-space character of the
 * raw text must lie in the raw range of a `source` of the record (headings,
 * paragraphs and their parts, items, year tags, tables, rows and dropped
 * lines, contents entries, page furniture, metadata that has one), or in the
 * place of a message; else it was dropped.
 *
 * What the record holds without a place of its own counts by its text:
 *
 * - the marker that makes a block an item or a heading (`•`, `－`, `-`,
 *   `##` before the item's or heading's source, on its line), and bold
 *   markers (`**`) left between two sources;
 * - the `Contents` line that heads the contents list;
 * - metadata written as values without a source (title, programme or the
 *   line that names the kind, Published, Last updated, URL, ISBN, a
 *   person's role): the raw lines holding them.
 */

import type { VFileMessage } from 'vfile-message'
import { isoDate } from '../pipeline/lib/dates.js'
import { contentsHeading } from '../pipeline/lib/text-patterns.js'
import type { DocumentRecord, Source } from '../pipeline/types.js'
import { programmeNamed } from '../pipeline/vocabulary/programmes.js'

/** A run of characters that ends up nowhere. */
export interface Uncovered {
  offset: number
  text: string
}

/** Every source anywhere in a value. */
function sourcesIn(value: unknown, found: Source[] = []): Source[] {
  if (Array.isArray(value)) {
    for (const item of value) sourcesIn(item, found)
  } else if (value !== null && typeof value === 'object') {
    const candidate = value as Partial<Source>
    if (
      typeof candidate.offset === 'number' &&
      typeof candidate.text === 'string' &&
      typeof candidate.line === 'number'
    )
      found.push(candidate as Source)
    for (const child of Object.values(value)) sourcesIn(child, found)
  }
  return found
}

/** A line of the raw text, where it starts and ends. */
interface Line {
  start: number
  end: number
  text: string
}

/** The lines of a raw text (any line end), a form feed kept in its line. */
function linesOf(raw: string): Line[] {
  const lines: Line[] = []
  let start = 0
  for (const match of raw.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ start, end: match.index, text: raw.slice(start, match.index) })
    start = match.index + match[0].length
  }
  lines.push({ start, end: raw.length, text: raw.slice(start) })
  return lines
}

/** Text compared with white space, soft hyphens and markdown escapes left out. */
function squashed(text: string): string {
  return text.replace(/[\s\u00ad\\]+/g, '').toLowerCase()
}

/** A list or heading marker alone before a block's text on its line. */
const markerBefore = /^[\s\f]*(?:[-•*–▪◦○●■□‣⁃－·]|#{1,6})[ \t]+$/

/**
 * The characters of `raw` that the record and the messages leave out.
 *
 * @param raw
 *   The text the sources point into (the input, or a PDF's text layer).
 * @param record
 *   The record extracted from it.
 * @param messages
 *   The messages of the extraction.
 * @returns
 *   Runs of uncovered characters (white space inside a run kept), in order.
 */
export function uncoveredText(
  raw: string,
  record: DocumentRecord,
  messages: readonly VFileMessage[],
): Uncovered[] {
  const covered = new Uint8Array(raw.length)
  const cover = (start: number, end: number) => covered.fill(1, Math.max(0, start), end)
  const lines = linesOf(raw)
  const lineAt = (offset: number) => {
    let low = 0
    let high = lines.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((lines[middle] as Line).start <= offset) low = middle
      else high = middle - 1
    }
    return lines[low] as Line
  }
  const coverLine = (line: Line) => cover(line.start, line.end)

  const sources = sourcesIn(record)
  for (const source of sources) {
    cover(source.offset, source.offset + source.text.length)
    const line = lineAt(source.offset)
    if (markerBefore.test(raw.slice(line.start, source.offset))) cover(line.start, source.offset)
  }
  for (const message of messages) {
    const place = message.place
    if (place && 'start' in place) {
      if (place.start.offset !== undefined && place.end.offset !== undefined)
        cover(place.start.offset, place.end.offset)
    } else if (place && place.line !== undefined) {
      const line = lines[place.line - 1]
      if (line) coverLine(line)
    }
  }

  // The `Contents` line over the first entry, blank lines aside.
  const firstEntry = record.contents[0]
  if (firstEntry) {
    let index = lines.indexOf(lineAt(firstEntry.source.offset)) - 1
    while (index >= 0 && (lines[index] as Line).text.trim() === '') index--
    const heading = lines[index]
    if (heading && contentsHeading.test(heading.text.replace(/^\f/, '').trim())) coverLine(heading)
  }

  // Values without a place: the raw lines that hold them.
  const { metadata } = record
  const firstContent = Math.min(
    ...[...record.sections, ...record.preamble].map((part) => part.source.offset),
    raw.length,
  )
  const title = squashed(metadata.title ?? '')
  const exact = new Set(
    [
      metadata.programme,
      ...metadata.committee.map((person) => person.role),
      ...metadata.projectTeam.map((person) => person.role),
    ].flatMap((value) => (value ? [squashed(value)] : [])),
  )
  const within = [metadata.isbn, metadata.url?.replace(/^https?:\/\//, '')].flatMap((value) =>
    value ? [squashed(value)] : [],
  )
  for (const line of lines) {
    const text = squashed(line.text)
    if (text === '') continue
    if (
      exact.has(text) ||
      within.some((value) => text.includes(value)) ||
      (line.start < firstContent &&
        (title.includes(text.replace(/^#+/, '')) ||
          programmeNamed(line.text.trim()) !== undefined ||
          (/^published\b/.test(text) &&
            metadata.published !== null &&
            isoDate(line.text) === metadata.published) ||
          (/^lastupdated\b/.test(text) &&
            metadata.lastUpdated !== null &&
            isoDate(line.text) === metadata.lastUpdated)))
    )
      coverLine(line)
  }

  const uncovered: Uncovered[] = []
  let index = 0
  while (index < raw.length) {
    if (covered[index] === 1 || /\s/.test(raw[index] as string)) {
      index++
      continue
    }
    let end = index
    while (end < raw.length && covered[end] !== 1) end++
    const text = raw.slice(index, end).trimEnd()
    if (!/^[*_]+$/.test(text)) uncovered.push({ offset: index, text })
    index = end
  }
  return uncovered
}
