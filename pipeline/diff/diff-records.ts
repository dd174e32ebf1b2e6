/**
 * The diff between two releases of one guidance, matched by content, not by
 * position: a renumbered paragraph is reported as renumbered, a reworded one
 * as reworded with a word diff, and one inserted paragraph does not make
 * everything after it "changed".
 */

import type { DocumentRecord, Paragraph, Person, Result, Section, Table } from '../types.js'
import type { GuidexDiffReport } from '../generated/diff.js'
import { similarity, wordDiff } from './word-diff.js'

/** Version of the diff report shape (`schemas/diff.schema.json`). */
export const diffSchemaVersion = '2.0.0'

/** Paragraphs this alike (share of words) are one paragraph reworded. */
const rewordedThreshold = 0.6

/** The whole diff report: the type of `schemas/diff.schema.json` (`generated/diff.ts`). */
export type DiffReport = GuidexDiffReport

/** A release as the diff names it. */
export type ReleaseReference = DiffReport['old']

/** A changed metadata field. */
export type FieldChange = DiffReport['metadata'][number]

/** A paragraph matched across the releases, and what changed in it. */
export type ParagraphChange = DiffReport['paragraphs'][number]

/** A paragraph as one release has it: its number, section, text and line. */
export type ParagraphReference = NonNullable<ParagraphChange['old']>

/** A person added, removed or given another role. */
export type PersonChange = DiffReport['people'][number]

/** A section added or removed, matched by its heading. */
export type SectionReference = DiffReport['sections']['added'][number]

/** A table row matched by its key, and what changed in it. */
export type RowChange = DiffReport['tables'][number]

/** A result of a changed cell, with its group and outcome, as it was and as it is. */
export type CellResultChange = RowChange['cells'][number]['results'][number]

/** How the caller names the two releases (their folders and input files). */
export interface ReleaseNames {
  old: { release: string | null; path: string | null }
  new: { release: string | null; path: string | null }
}

/**
 * Pairs of unmatched paragraphs compared for rewording at most (each
 * comparison reads both texts): past it, a diff would take the writer
 * seconds, and what is left is reported removed and inserted.
 */
const maximumComparisons = 250_000

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
 * @param names
 *   The releases' folders and input files (optional; default: unknown).
 * @returns
 *   The diff report.
 */
export function diffRecords(
  before: DocumentRecord,
  after: DocumentRecord,
  version: string,
  names?: ReleaseNames,
): DiffReport {
  const metadata = diffMetadata(before, after)
  const sections = diffSections(before.sections, after.sections)
  const { changes: paragraphs, unchanged } = diffParagraphs(placed(before), placed(after))
  const people = diffPeople(before, after)
  const tables = diffTables(before, after)
  const count = (change: ParagraphChange['change']) =>
    paragraphs.filter((entry) => entry.change === change).length
  return {
    schemaVersion: diffSchemaVersion,
    generator: { name: 'guidex', version },
    old: reference(before, names?.old),
    new: reference(after, names?.new),
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
 * The old release's recommendations (the paragraphs its record marks as
 * such): how many came through unchanged.
 */
function recommendationCounts(before: Placed[], changes: ParagraphChange[]) {
  const recommendations = before.filter((entry) => entry.paragraph.recommendation)
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
function reference(
  record: DocumentRecord,
  name: ReleaseNames['old'] | undefined,
): ReleaseReference {
  return {
    release: name?.release ?? null,
    path: name?.path ?? null,
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
): { added: SectionReference[]; removed: SectionReference[] } {
  const flatten = (sections: readonly Section[]): Section[] =>
    sections.flatMap((section) => [section, ...flatten(section.sections)])
  const oldSections = flatten(before)
  const newSections = flatten(after)
  const oldKeys = new Set(oldSections.map((section) => headingKey(section.heading)))
  const newKeys = new Set(newSections.map((section) => headingKey(section.heading)))
  const reference = (section: Section): SectionReference => ({
    heading: section.heading,
    line: section.source.line,
  })
  return {
    added: newSections
      .filter((section) => !oldKeys.has(headingKey(section.heading)))
      .map(reference),
    removed: oldSections
      .filter((section) => !newKeys.has(headingKey(section.heading)))
      .map(reference),
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
  for (const [index, entry] of after.entries()) {
    const same = byContent.get(entry.content)
    if (same) same.push(index)
    else byContent.set(entry.content, [index])
  }
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

  // Reworded: best-first among the rest, when there are not so many that
  // comparing each with each would hold the writer up (then they are
  // removed and inserted).
  const scored: [number, number, number][] = []
  const comparable = unmatchedOld.length * unmatchedNew.size <= maximumComparisons
  for (const oldIndex of comparable ? unmatchedOld : []) {
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
  const old = new Set(before.items)
  const current = new Set(after.items)
  return {
    added: after.items.filter((item) => !old.has(item)),
    removed: before.items.filter((item) => !current.has(item)),
  }
}

/** Committee and team members who joined, left or changed role. */
function diffPeople(before: DocumentRecord, after: DocumentRecord): PersonChange[] {
  const changes: PersonChange[] = []
  for (const list of ['committee', 'projectTeam'] as const) {
    const old = new Map(before.metadata[list].map((person: Person) => [person.name, person]))
    const current = new Map(after.metadata[list].map((person: Person) => [person.name, person]))
    for (const [name, { role, source }] of current) {
      const was = old.get(name)
      if (!was)
        changes.push({
          list,
          change: 'added',
          name,
          oldRole: null,
          newRole: role,
          line: source.line,
        })
      else if (was.role !== role)
        changes.push({
          list,
          change: 'role-changed',
          name,
          oldRole: was.role,
          newRole: role,
          line: source.line,
        })
    }
    for (const [name, { role, source }] of old) {
      if (!current.has(name))
        changes.push({
          list,
          change: 'removed',
          name,
          oldRole: role,
          newRole: null,
          line: source.line,
        })
    }
  }
  return changes
}

/** A row's typed fields by name, whatever its table's shape (`study`, `firstAuthor`, `year`, …). */
function typedFields(row: Table['rows'][number] | undefined): Record<string, unknown> | undefined {
  return row?.typed as Record<string, unknown> | undefined
}

/** A row's key: its study (first author and year) or its first cell. */
function rowKey(table: Table, index: number): string {
  const row = table.rows[index]
  const typed = typedFields(row)
  const author = typed?.firstAuthor ?? typed?.authors ?? typed?.database ?? typed?.abbreviation
  if (typeof author === 'string') return `${author}${typed?.year ? ` ${typed.year}` : ''}`
  return row?.cells[0]?.text ?? String(index)
}

/** Table rows matched by key, with the cells, numbers and results that changed. */
function diffTables(beforeRecord: DocumentRecord, afterRecord: DocumentRecord): RowChange[] {
  const before = beforeRecord.tables
  const oldResults = resultsByCell(beforeRecord)
  const newResults = resultsByCell(afterRecord)
  const changes: RowChange[] = []
  const change = (
    table: Table,
    index: number,
    key: string,
    kind: RowChange['change'],
    cells: RowChange['cells'],
  ): RowChange => {
    const study = typedFields(table.rows[index])?.study
    return {
      table: table.id,
      caption: table.caption,
      key,
      study: typeof study === 'string' ? study : null,
      row: index + 1,
      line: table.rows[index]?.source.line ?? table.source.line,
      change: kind,
      cells,
    }
  }
  // The first table of each id, looked up (a document can have thousands).
  const byId = new Map<string, Table>()
  for (const table of before) if (!byId.has(table.id)) byId.set(table.id, table)
  for (const table of afterRecord.tables) {
    const old = byId.get(table.id)
    // Rows of one key (`Respiratory` over five age bands) are matched in
    // their order: the second of the new with the second of the old.
    const oldRows = new Map<string, number[]>()
    for (const index of (old?.rows ?? []).keys()) {
      const key = rowKey(old as Table, index)
      const rows = oldRows.get(key)
      if (rows) rows.push(index)
      else oldRows.set(key, [index])
    }
    const matched = new Map<string, number>()
    for (const [index, row] of table.rows.entries()) {
      const key = rowKey(table, index)
      const ordinal = matched.get(key) ?? 0
      matched.set(key, ordinal + 1)
      const oldIndex = oldRows.get(key)?.[ordinal]
      if (oldIndex === undefined || !old) {
        changes.push(change(table, index, key, 'added', []))
        continue
      }
      const oldRow = old.rows[oldIndex]
      const cells = table.columns.flatMap((column, cellIndex) => {
        const was = oldRow?.cells[cellIndex]?.text ?? ''
        const now = row.cells[cellIndex]?.text ?? ''
        if (was === now) return []
        const results = resultChanges(
          oldResults.get(cellKey(table.id, oldIndex + 1, column)) ?? [],
          newResults.get(cellKey(table.id, index + 1, column)) ?? [],
        )
        return [{ column, old: was, new: now, numbers: numberChanges(was, now), results }]
      })
      if (cells.length > 0) changes.push(change(table, index, key, 'changed', cells))
    }
    for (const [key, indexes] of oldRows)
      for (const index of indexes.slice(matched.get(key) ?? 0))
        changes.push(change(old as Table, index, key, 'removed', []))
  }
  return changes
}

/** The key of a table cell: table id, row (1-based) and column. */
function cellKey(table: string, row: number, column: string): string {
  return `${table}\u0000${row}\u0000${column}`
}

/** The results read in table cells, by cell. */
function resultsByCell(record: DocumentRecord): Map<string, Result[]> {
  const cells = new Map<string, Result[]>()
  for (const result of record.results) {
    const { location } = result.context
    if (location.type !== 'table' || location.table === null || location.row === null) continue
    const key = cellKey(location.table, location.row, location.column ?? '')
    const list = cells.get(key)
    if (list) list.push(result)
    else cells.set(key, [result])
  }
  return cells
}

/**
 * The results of a changed cell that differ: paired by outcome, group,
 * timepoint and kind, in order; a result without a twin was added or removed.
 */
function resultChanges(before: readonly Result[], after: readonly Result[]): CellResultChange[] {
  const identity = (result: Result) =>
    [
      result.context.outcome,
      result.context.group,
      result.context.timepoint,
      result.kind,
      result.measure,
    ].join('\u0000')
  const written = (result: Result) => result.source.text.replace(/\s+/g, ' ')
  const unmatched = [...before]
  const changes: CellResultChange[] = []
  for (const result of after) {
    const at = unmatched.findIndex((candidate) => identity(candidate) === identity(result))
    const twin = at === -1 ? undefined : unmatched.splice(at, 1)[0]
    if (twin && written(twin) === written(result)) continue
    changes.push({
      outcome: result.context.outcome,
      group: result.context.group,
      timepoint: result.context.timepoint,
      old: twin ? written(twin) : null,
      new: written(result),
    })
  }
  for (const result of unmatched)
    changes.push({
      outcome: result.context.outcome,
      group: result.context.group,
      timepoint: result.context.timepoint,
      old: written(result),
      new: null,
    })
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
