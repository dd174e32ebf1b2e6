/**
 * The diff between two releases of one guidance, matched by content, not by
 * position: a renumbered paragraph is reported as renumbered, a reworded one
 * as reworded with a word diff, and one inserted paragraph does not make
 * everything after it "changed".
 */

import type { DocumentRecord, Paragraph, Person, Section, Table } from '../types.js'
import { similarity, type WordChange, wordDiff } from './word-diff.js'

/** Version of the diff report shape (`schemas/diff.schema.json`). */
export const diffSchemaVersion = '1.0.0'

/** Paragraphs this alike (share of words) are one paragraph reworded. */
const rewordedThreshold = 0.6

/** A release as the diff names it. */
export interface ReleaseReference {
  path: string
  guidanceId: string | null
  published: string | null
  lastUpdated: string | null
  /** The release's latest date: see `Metadata.revised`. */
  revised: string | null
  sha256: string
}

/** A changed metadata field. */
export interface FieldChange {
  field: string
  old: unknown
  new: unknown
}

/** A paragraph as the diff shows it. */
export interface ParagraphReference {
  number: string | null
  section: string | null
  text: string
  line: number
}

/** How a paragraph of the old release fares in the new one. */
export interface ParagraphChange {
  change: 'renumbered' | 'reworded' | 'removed' | 'inserted' | 'items-changed'
  old: ParagraphReference | null
  new: ParagraphReference | null
  /** Word diff, for reworded paragraphs. */
  words: WordChange[] | null
  itemsAdded: string[]
  itemsRemoved: string[]
}

/** A person who joined, left or changed role. */
export interface PersonChange {
  list: 'committee' | 'projectTeam'
  change: 'added' | 'removed' | 'role-changed'
  name: string
  oldRole: string | null
  newRole: string | null
}

/** A table row matched by its key, and what changed in it. */
export interface RowChange {
  table: string
  key: string
  change: 'added' | 'removed' | 'changed'
  cells: { column: string; old: string; new: string; numbers: string[] }[]
}

/** The whole diff report. */
export interface DiffReport {
  schemaVersion: string
  generator: { name: 'guidex'; version: string }
  old: ReleaseReference
  new: ReleaseReference
  summary: {
    metadataChanges: number
    sectionsAdded: number
    sectionsRemoved: number
    paragraphsUnchanged: number
    paragraphsRenumbered: number
    paragraphsReworded: number
    paragraphsRemoved: number
    paragraphsInserted: number
    itemsAdded: number
    itemsRemoved: number
    peopleChanges: number
    tableRowsAdded: number
    tableRowsRemoved: number
    tableRowsChanged: number
    /** Numbered paragraphs under a `Recommendations` heading, unchanged and changed. */
    recommendationsUnchanged: number
    recommendationsChanged: number
  }
  metadata: FieldChange[]
  sections: { added: string[]; removed: string[] }
  paragraphs: ParagraphChange[]
  people: PersonChange[]
  tables: RowChange[]
}

/** A paragraph with the section it stands in. */
interface Placed {
  paragraph: Paragraph
  section: string | null
  /** Text and items, for matching. */
  content: string
}

/**
 * Diff two records.
 *
 * @param before
 *   The older release.
 * @param after
 *   The newer release.
 * @param version
 *   Generator version to record.
 * @returns
 *   The diff report.
 */
export function diffRecords(
  before: DocumentRecord,
  after: DocumentRecord,
  version: string,
): DiffReport {
  const metadata = diffMetadata(before, after)
  const sections = diffSections(before.sections, after.sections)
  const { changes: paragraphs, unchanged } = diffParagraphs(placed(before), placed(after))
  const people = diffPeople(before, after)
  const tables = diffTables(before.tables, after.tables)
  const count = (change: ParagraphChange['change']) =>
    paragraphs.filter((entry) => entry.change === change).length
  return {
    schemaVersion: diffSchemaVersion,
    generator: { name: 'guidex', version },
    old: reference(before),
    new: reference(after),
    summary: {
      metadataChanges: metadata.length,
      sectionsAdded: sections.added.length,
      sectionsRemoved: sections.removed.length,
      paragraphsUnchanged: unchanged,
      paragraphsRenumbered: paragraphs.filter(
        (entry) =>
          entry.change === 'renumbered' ||
          (entry.change === 'reworded' && entry.old?.number !== entry.new?.number),
      ).length,
      paragraphsReworded: count('reworded'),
      paragraphsRemoved: count('removed'),
      paragraphsInserted: count('inserted'),
      itemsAdded: paragraphs.reduce((sum, entry) => sum + entry.itemsAdded.length, 0),
      itemsRemoved: paragraphs.reduce((sum, entry) => sum + entry.itemsRemoved.length, 0),
      peopleChanges: people.length,
      tableRowsAdded: tables.filter((row) => row.change === 'added').length,
      tableRowsRemoved: tables.filter((row) => row.change === 'removed').length,
      tableRowsChanged: tables.filter((row) => row.change === 'changed').length,
      ...recommendationCounts(placed(before), paragraphs),
    },
    metadata,
    sections,
    paragraphs,
    people,
    tables,
  }
}

/**
 * Recommendations (numbered paragraphs under a `Recommendation(s)` heading of
 * the old release): how many came through unchanged.
 */
function recommendationCounts(before: Placed[], changes: ParagraphChange[]) {
  const recommendations = before.filter(
    (entry) => entry.paragraph.number && /recommendation/i.test(entry.section ?? ''),
  )
  const changed = recommendations.filter((entry) =>
    changes.some(
      (change) =>
        change.old?.line === entry.paragraph.source.line &&
        change.old?.number === entry.paragraph.number,
    ),
  ).length
  return {
    recommendationsUnchanged: recommendations.length - changed,
    recommendationsChanged: changed,
  }
}

/** How the report names a release. */
function reference(record: DocumentRecord): ReleaseReference {
  return {
    path: record.source.path,
    guidanceId: record.metadata.guidanceId,
    published: record.metadata.published,
    lastUpdated: record.metadata.lastUpdated,
    revised: record.metadata.revised,
    sha256: record.source.sha256,
  }
}

/** Metadata fields that differ (update notes by their text). */
function diffMetadata(before: DocumentRecord, after: DocumentRecord): FieldChange[] {
  const fields = [
    'kind',
    'title',
    'guidanceId',
    'programme',
    'published',
    'lastUpdated',
    'revised',
    'replaces',
    'isbn',
    'url',
    'endorsingOrganisation',
  ] as const
  const changes: FieldChange[] = []
  for (const field of fields) {
    const old = before.metadata[field]
    const value = after.metadata[field]
    if (JSON.stringify(old) !== JSON.stringify(value)) changes.push({ field, old, new: value })
  }
  const notes = (record: DocumentRecord) =>
    record.metadata.updates.map((note) => `${note.date ?? 'undated'}: ${note.text}`)
  const oldNotes = notes(before)
  const newNotes = notes(after)
  const added = newNotes.filter((note) => !oldNotes.includes(note))
  const removed = oldNotes.filter((note) => !newNotes.includes(note))
  if (added.length > 0 || removed.length > 0)
    changes.push({ field: 'updates', old: removed, new: added })
  return changes
}

/** A heading without its number, for matching: `3 Committee considerations` → `committee considerations`. */
function headingKey(heading: string): string {
  return heading
    .replace(/^\d+\s+/, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** Sections added and removed, matched by heading. */
function diffSections(
  before: readonly Section[],
  after: readonly Section[],
): { added: string[]; removed: string[] } {
  const flatten = (sections: readonly Section[]): Section[] =>
    sections.flatMap((section) => [section, ...flatten(section.sections)])
  const oldHeadings = flatten(before).map((section) => section.heading)
  const newHeadings = flatten(after).map((section) => section.heading)
  const oldKeys = new Set(oldHeadings.map(headingKey))
  const newKeys = new Set(newHeadings.map(headingKey))
  return {
    added: newHeadings.filter((heading) => !oldKeys.has(headingKey(heading))),
    removed: oldHeadings.filter((heading) => !newKeys.has(headingKey(heading))),
  }
}

/** Every paragraph of a record with its section, in order. */
function placed(record: DocumentRecord): Placed[] {
  const result: Placed[] = record.preamble.map((paragraph) => ({
    paragraph,
    section: null,
    content: contentOf(paragraph),
  }))
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      for (const paragraph of section.paragraphs)
        result.push({ paragraph, section: section.heading, content: contentOf(paragraph) })
      visit(section.sections)
    }
  }
  visit(record.sections)
  return result
}

/** A paragraph's text, normalised for matching. */
function contentOf(paragraph: Paragraph): string {
  return (paragraph.text || paragraph.items.join(' ')).replace(/\s+/g, ' ').trim().toLowerCase()
}

/** How the report shows a paragraph. */
function paragraphReference(entry: Placed): ParagraphReference {
  return {
    number: entry.paragraph.number,
    section: entry.section,
    text: entry.paragraph.text || entry.paragraph.items.join(' · '),
    line: entry.paragraph.source.line,
  }
}

/**
 * Match paragraphs: identical texts first (in order), then the most alike
 * pairs above the threshold; what is left was removed or inserted.
 */
function diffParagraphs(
  before: Placed[],
  after: Placed[],
): { changes: ParagraphChange[]; unchanged: number } {
  const pairs: [Placed, Placed][] = []
  const unmatchedNew = new Set(after.map((_, index) => index))
  const unmatchedOld: number[] = []
  const byContent = new Map<string, number[]>()
  for (const [index, entry] of after.entries())
    byContent.set(entry.content, [...(byContent.get(entry.content) ?? []), index])
  for (const [index, entry] of before.entries()) {
    const candidates = byContent.get(entry.content) ?? []
    const match = candidates.find((candidate) => unmatchedNew.has(candidate))
    if (match === undefined || entry.content === '') {
      unmatchedOld.push(index)
      continue
    }
    unmatchedNew.delete(match)
    pairs.push([entry, after[match] as Placed])
  }

  // Reworded: best-first among the rest.
  const scored: [number, number, number][] = []
  for (const oldIndex of unmatchedOld) {
    for (const newIndex of unmatchedNew) {
      const score = similarity(
        (before[oldIndex] as Placed).content,
        (after[newIndex] as Placed).content,
      )
      if (score >= rewordedThreshold) scored.push([score, oldIndex, newIndex])
    }
  }
  scored.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2])
  const usedOld = new Set<number>()
  const reworded: [Placed, Placed][] = []
  for (const [, oldIndex, newIndex] of scored) {
    if (usedOld.has(oldIndex) || !unmatchedNew.has(newIndex)) continue
    usedOld.add(oldIndex)
    unmatchedNew.delete(newIndex)
    reworded.push([before[oldIndex] as Placed, after[newIndex] as Placed])
  }

  const changes: ParagraphChange[] = []
  let unchanged = 0
  for (const [old, current] of pairs) {
    const { added, removed } = itemChanges(old.paragraph, current.paragraph)
    const renumbered = old.paragraph.number !== current.paragraph.number
    if (!renumbered && added.length === 0 && removed.length === 0) {
      unchanged++
      continue
    }
    changes.push({
      change: renumbered ? 'renumbered' : 'items-changed',
      old: paragraphReference(old),
      new: paragraphReference(current),
      words: null,
      itemsAdded: added,
      itemsRemoved: removed,
    })
  }
  for (const [old, current] of reworded) {
    const { added, removed } = itemChanges(old.paragraph, current.paragraph)
    const textChanged = old.paragraph.text !== current.paragraph.text
    changes.push({
      change: textChanged
        ? 'reworded'
        : old.paragraph.number !== current.paragraph.number
          ? 'renumbered'
          : 'items-changed',
      old: paragraphReference(old),
      new: paragraphReference(current),
      words: textChanged ? wordDiff(old.paragraph.text, current.paragraph.text) : null,
      itemsAdded: added,
      itemsRemoved: removed,
    })
  }
  for (const oldIndex of unmatchedOld) {
    if (usedOld.has(oldIndex)) continue
    changes.push({
      change: 'removed',
      old: paragraphReference(before[oldIndex] as Placed),
      new: null,
      words: null,
      itemsAdded: [],
      itemsRemoved: [],
    })
  }
  for (const newIndex of unmatchedNew) {
    changes.push({
      change: 'inserted',
      old: null,
      new: paragraphReference(after[newIndex] as Placed),
      words: null,
      itemsAdded: [],
      itemsRemoved: [],
    })
  }
  // In document order: by the new place, else the old.
  changes.sort(
    (a, b) =>
      (a.new?.line ?? a.old?.line ?? 0) - (b.new?.line ?? b.old?.line ?? 0) ||
      (a.old?.line ?? 0) - (b.old?.line ?? 0),
  )
  return { changes, unchanged }
}

/** Items added to and removed from a paragraph. */
function itemChanges(before: Paragraph, after: Paragraph): { added: string[]; removed: string[] } {
  return {
    added: after.items.filter((item) => !before.items.includes(item)),
    removed: before.items.filter((item) => !after.items.includes(item)),
  }
}

/** Committee and team members who joined, left or changed role. */
function diffPeople(before: DocumentRecord, after: DocumentRecord): PersonChange[] {
  const changes: PersonChange[] = []
  for (const list of ['committee', 'projectTeam'] as const) {
    const old = new Map(before.metadata[list].map((person: Person) => [person.name, person.role]))
    const current = new Map(
      after.metadata[list].map((person: Person) => [person.name, person.role]),
    )
    for (const [name, role] of current) {
      if (!old.has(name))
        changes.push({ list, change: 'added', name, oldRole: null, newRole: role })
      else if (old.get(name) !== role)
        changes.push({
          list,
          change: 'role-changed',
          name,
          oldRole: old.get(name) ?? null,
          newRole: role,
        })
    }
    for (const [name, role] of old) {
      if (!current.has(name))
        changes.push({ list, change: 'removed', name, oldRole: role, newRole: null })
    }
  }
  return changes
}

/** A row's key: its study (first author and year) or its first cell. */
function rowKey(table: Table, index: number): string {
  const row = table.rows[index]
  const typed = row?.typed
  const author = typed?.firstAuthor ?? typed?.authors ?? typed?.database ?? typed?.abbreviation
  if (typeof author === 'string') return `${author}${typed?.year ? ` ${typed.year}` : ''}`
  return row?.cells[0]?.text ?? String(index)
}

/** Table rows matched by key, with the cells and numbers that changed. */
function diffTables(before: readonly Table[], after: readonly Table[]): RowChange[] {
  const changes: RowChange[] = []
  for (const table of after) {
    const old = before.find((candidate) => candidate.id === table.id)
    const oldRows = new Map(
      (old?.rows ?? []).map((_, index) => [rowKey(old as Table, index), index]),
    )
    const seen = new Set<string>()
    for (const [index, row] of table.rows.entries()) {
      const key = rowKey(table, index)
      seen.add(key)
      const oldIndex = oldRows.get(key)
      if (oldIndex === undefined || !old) {
        changes.push({ table: table.id, key, change: 'added', cells: [] })
        continue
      }
      const oldRow = old.rows[oldIndex]
      const cells = table.columns.flatMap((column, cellIndex) => {
        const was = oldRow?.cells[cellIndex]?.text ?? ''
        const now = row.cells[cellIndex]?.text ?? ''
        return was === now ? [] : [{ column, old: was, new: now, numbers: numberChanges(was, now) }]
      })
      if (cells.length > 0) changes.push({ table: table.id, key, change: 'changed', cells })
    }
    for (const key of oldRows.keys())
      if (!seen.has(key)) changes.push({ table: table.id, key, change: 'removed', cells: [] })
  }
  return changes
}

/**
 * The numbers that changed in a cell whose words did not: `CI 1.15–3.66 →
 * 1.20–3.10`, `n 355 → 360`.
 */
function numberChanges(before: string, after: string): string[] {
  const number = /[-−]?\d+(?:,\d{3})*(?:\.\d+)?/g
  if (before.replace(number, '#') !== after.replace(number, '#')) return []
  const a = before.match(number) ?? []
  const b = after.match(number) ?? []
  const changes: string[] = []
  const intervalPattern =
    /(?:CI|confidence interval)\s?([-−]?\d+(?:\.\d+)?)\s?(?:to|-|–)\s?([-−]?\d+(?:\.\d+)?)/g
  const intervals = [...before.matchAll(intervalPattern)]
  const newIntervals = [...after.matchAll(intervalPattern)]
  const inIntervals = new Set<number>()
  for (const [index, interval] of intervals.entries()) {
    const other = newIntervals[index]
    if (!other || (interval[1] === other[1] && interval[2] === other[2])) continue
    changes.push(`CI ${interval[1]}–${interval[2]} → ${other[1]}–${other[2]}`)
    inIntervals.add(index)
  }
  for (const [index, value] of a.entries()) {
    const other = b[index] as string
    if (value === other) continue
    const covered = intervals.some(
      (interval, intervalIndex) =>
        inIntervals.has(intervalIndex) && (interval[1] === value || interval[2] === value),
    )
    if (!covered) changes.push(`${value} → ${other}`)
  }
  return changes
}
