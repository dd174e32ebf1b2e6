/**
 * What a reviewer needs beside a finding: the study, group and outcome of
 * the result it is about, and its place in the document's own terms (the
 * section, or the table, row and column), not only `line:column`.
 *
 * Findings of the checks stand at their result's `source`, so the result is
 * found by its offset; any other place (a stated count, a reading warning)
 * gets the section or table row around it.
 */

import type { DocumentRecord, Result, Section, Source } from '../types.js'

/** The context and place of a finding (or any place of a record). */
export interface PlaceContext {
  study: string | null
  group: string | null
  outcome: string | null
  timepoint: string | null
  /** The heading of the section the place is in (prose), or `null`. */
  section: string | null
  /** The table, row (1-based) and column, when the place is in a table. */
  table: {
    id: string
    caption: string
    row: number | null
    /** The row's study or first cell. */
    rowLabel: string | null
    column: string | null
  } | null
}

/** Places of one record, indexed once. */
export interface RecordPlaces {
  /**
   * The context of a place.
   *
   * @param source
   *   A `source` of the record.
   * @returns
   *   Its context.
   */
  contextOf(source: Pick<Source, 'offset'>): PlaceContext
}

/**
 * Index a record's places: results by offset, section headings and table
 * rows in order.
 *
 * @param record
 *   The record.
 * @returns
 *   Its places.
 */
export function recordPlaces(record: DocumentRecord): RecordPlaces {
  const results = new Map<number, Result>()
  for (const result of record.results)
    if (!results.has(result.source.offset)) results.set(result.source.offset, result)
  const headings: { offset: number; heading: string }[] = []
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      headings.push({ offset: section.source.offset, heading: section.heading })
      visit(section.sections)
    }
  }
  visit(record.sections)
  headings.sort((a, b) => a.offset - b.offset)
  const rows = record.tables.flatMap((table) =>
    table.rows.map((row, index) => ({
      table,
      index,
      start: row.source.offset,
      end: row.source.offset + row.source.text.length,
    })),
  )

  const sectionAt = (offset: number): string | null => {
    let found: string | null = null
    for (const heading of headings) {
      if (heading.offset > offset) break
      found = heading.heading
    }
    return found
  }
  const rowLabel = (tableId: string, row: number): string | null => {
    const table = record.tables.find((candidate) => candidate.id === tableId)
    const found = table?.rows[row - 1]
    if (!found) return null
    const { study, firstAuthor, year } = (found.typed ?? {}) as Record<string, unknown>
    if (typeof study === 'string') return study
    if (typeof firstAuthor === 'string') return year ? `${firstAuthor}, ${year}` : firstAuthor
    return found.cells[0]?.text ?? null
  }

  return {
    contextOf(source) {
      const result = results.get(source.offset)
      if (result) {
        const { study, group, outcome, timepoint, location } = result.context
        const table =
          location.type === 'table' && location.table !== null
            ? {
                id: location.table,
                caption:
                  record.tables.find((candidate) => candidate.id === location.table)?.caption ?? '',
                row: location.row,
                rowLabel: location.row === null ? null : rowLabel(location.table, location.row),
                column: location.column,
              }
            : null
        return {
          study,
          group,
          outcome,
          timepoint,
          section: table ? null : sectionAt(source.offset),
          table,
        }
      }
      const row = rows.find(
        (candidate) => candidate.start <= source.offset && source.offset < candidate.end,
      )
      if (row) {
        const label = rowLabel(row.table.id, row.index + 1)
        return {
          study:
            typeof (row.table.rows[row.index]?.typed as Record<string, unknown> | undefined)
              ?.study === 'string'
              ? label
              : null,
          group: null,
          outcome: null,
          timepoint: null,
          section: null,
          table: {
            id: row.table.id,
            caption: row.table.caption,
            row: row.index + 1,
            rowLabel: label,
            column: null,
          },
        }
      }
      return {
        study: null,
        group: null,
        outcome: null,
        timepoint: null,
        section: sectionAt(source.offset),
        table: null,
      }
    },
  }
}

/**
 * A place in words: `table 3 (Study outcomes), row 2 (Thiele H, 2024),
 * column Efficacy outcomes`, or `section 2 Evidence summary`.
 *
 * @param context
 *   The place's context.
 * @returns
 *   Words, or `null` when nothing is known.
 */
export function placeInWords(context: PlaceContext): string | null {
  const { table } = context
  if (table) {
    return [
      `table ${table.id}${table.caption ? ` (${table.caption})` : ''}`,
      table.row === null ? null : `row ${table.row}${table.rowLabel ? ` (${table.rowLabel})` : ''}`,
      table.column ? `column ${table.column}` : null,
    ]
      .filter((part) => part !== null)
      .join(', ')
  }
  return context.section ? `section ${context.section}` : null
}
