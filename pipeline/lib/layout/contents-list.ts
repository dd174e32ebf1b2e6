/**
 * The document's contents list, in the forms converters write it.
 *
 * - tab before the page number (`Clinical assessment tools\t3`);
 * - dot leaders, the page number after them (`Overview ........ 5`), or on a
 *   line of its own after a blank line (`pdftotext`: `Who is it for? ......`,
 *   blank, `5`), or pushed right after spaces (`pdftotext -layout`);
 * - an entry wrapped over two lines, only the last with leaders
 *   (`1.8 Medical management … in a` / `critical care setting...... 30`).
 *
 * The list starts at a `Contents` line and ends at the first line that is
 * none of these; page furniture and blank lines may stand inside a list of
 * leader entries (it runs over pages).
 */

import { contentsHeading } from '../text-patterns.js'
import type { WorkLine } from './work-line.js'

/** An entry of the contents list, with the lines it was read from. */
export interface ContentsLines {
  title: string
  page: number | null
  /** Index of the entry's first line. */
  first: number
  /** Index of the entry's last line (its page number's line where that stands alone). */
  last: number
}

/** Dot leaders and an optional page number at the end of an entry. */
const leaders = /\s*\.{3,}[.\s]*(\d{1,4})?\s*$/

/** A page number standing alone. */
const barePage = /^\s*\d{1,4}\s*$/

/** Lines an entry may be wrapped over, at most. */
const entryLinesMaximum = 3

/**
 * Find the contents list and mark its lines `contents`, in place.
 *
 * @param lines
 *   Classified lines.
 * @returns
 *   The entries in order (empty when there is no contents list).
 */
export function markContentsList(lines: WorkLine[]): ContentsLines[] {
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'text' || !contentsHeading.test(line.text.trim())) continue
    const entries = readEntries(lines, index + 1)
    if (entries.length === 0) continue
    line.kind = 'contents'
    for (const entry of entries) {
      for (let cursor = entry.first; cursor <= entry.last; cursor++) {
        const entryLine = lines[cursor] as WorkLine
        if (entryLine.kind === 'text') entryLine.kind = 'contents'
      }
    }
    return entries
  }
  return []
}

/**
 * Read entries from `start` until a line that is not part of the list.
 */
function readEntries(lines: readonly WorkLine[], start: number): ContentsLines[] {
  const entries: ContentsLines[] = []
  let leaderList = false
  let cursor = start
  while (cursor < lines.length) {
    const line = lines[cursor] as WorkLine
    if (line.kind === 'blank' || (line.kind === 'furniture' && leaderList)) {
      // A blank line inside a tab list is allowed only before the first entry.
      if (line.kind === 'blank' && !leaderList && entries.length > 0) break
      cursor++
      continue
    }
    if (line.kind !== 'text') break
    const tabbed = tabEntry(line.text)
    if (tabbed && !leaderList) {
      entries.push({ ...tabbed, first: cursor, last: cursor })
      cursor++
      continue
    }
    const entry = leaderEntry(lines, cursor)
    if (!entry) break
    leaderList = true
    entries.push(entry)
    cursor = entry.last + 1
  }
  return entries
}

/**
 * A tab entry: a title, dot leaders, a tab, a page number.
 */
function tabEntry(text: string): { title: string; page: number } | undefined {
  const tab = text.lastIndexOf('\t')
  if (tab <= 0) return undefined
  const pageText = text.slice(tab + 1).trim()
  if (!/^\d{1,4}$/.test(pageText)) return undefined
  let end = tab
  while (end > 0 && (text[end - 1] === '.' || text[end - 1] === ' ' || text[end - 1] === '\t'))
    end--
  const title = text.slice(0, end).trim()
  if (title === '' || title.includes('\t')) return undefined
  return { title, page: Number(pageText) }
}

/**
 * A leader entry starting at line `index`: up to two lines without leaders
 * and one with them, then its page number (on the line, or alone on the next
 * non-blank line).
 */
function leaderEntry(lines: readonly WorkLine[], index: number): ContentsLines | undefined {
  const titleParts: string[] = []
  for (
    let cursor = index;
    cursor < lines.length && titleParts.length < entryLinesMaximum;
    cursor++
  ) {
    const line = lines[cursor] as WorkLine
    if (line.kind !== 'text' || barePage.test(line.text)) return undefined
    const match = leaders.exec(line.text)
    if (!match) {
      titleParts.push(line.text.trim())
      continue
    }
    titleParts.push(line.text.slice(0, match.index).trim())
    const title = titleParts.join(' ').trim()
    if (title === '') return undefined
    if (match[1] !== undefined) return { title, page: Number(match[1]), first: index, last: cursor }
    // The page number on a line of its own, after blank lines.
    let next = cursor + 1
    while (next < lines.length && (lines[next] as WorkLine).kind === 'blank') next++
    const pageLine = lines[next]
    if (pageLine?.kind === 'text' && barePage.test(pageLine.text)) {
      return { title, page: Number(pageLine.text.trim()), first: index, last: next }
    }
    return { title, page: null, first: index, last: cursor }
  }
  return undefined
}
