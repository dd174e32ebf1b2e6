/**
 * `guidex export <dir> results|findings|paragraphs [--format csv|jsonl]`:
 * one flat row per numeric result, consistency finding or paragraph of every
 * release in an output folder, each with its document (family, release,
 * guidance id) and place (section, or table, row and column; line, column
 * and offset in the input), for a spreadsheet or `pandas.read_csv`.
 *
 * Both formats have the same columns; a missing value is empty in CSV and
 * `null` in JSON lines. CSV is RFC 4180 (CRLF between records, fields quoted
 * where needed, line breaks kept inside quoted fields), with a UTF-8 byte
 * order mark unless `--csv-bom false`.
 */

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Output } from '../cli.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { recordPlaces } from '../lib/finding-context.js'
import { Papa } from '../lib/papaparse.js'
import { counted } from '../lib/plural.js'
import type { DocumentRecord, Paragraph, Section, Source } from '../types.js'

/** What `export` can export. */
export type ExportKind = 'results' | 'findings' | 'paragraphs'

/** Options of `export`. */
export interface ExportOptions {
  /** The output folder (with its `index.json`). */
  folder: string
  what: ExportKind
  format: 'csv' | 'jsonl'
  /** File to write (optional; default: stdout). */
  out: string | undefined
  /** Start the CSV with a UTF-8 byte order mark (default: `true`). */
  csvBom: boolean
}

/** A cell of an exported row. */
type Value = string | number | boolean | null

/** The columns every row starts with: its document. */
export const documentColumns = ['family', 'release', 'guidanceId', 'documentKind'] as const

/** The context and place of a result or finding. */
const placeColumns = [
  'study',
  'group',
  'outcome',
  'timepoint',
  'section',
  'table',
  'row',
  'tableColumn',
  'line',
  'column',
  'offset',
  'text',
] as const

/** The columns of each kind of row, after the document's. */
export const exportColumns: Record<ExportKind, readonly string[]> = {
  results: [
    'kind',
    'measure',
    'adjusted',
    'value',
    'written',
    'unit',
    'ciLevel',
    'ciLower',
    'ciUpper',
    'pRelation',
    'pValue',
    'pWritten',
    'iSquared',
    'percent',
    'numerator',
    'denominator',
    'statistic',
    'spreadKind',
    'spreadLower',
    'spreadUpper',
    'studies',
    ...placeColumns,
  ],
  findings: ['check', 'severity', 'message', ...placeColumns, 'related'],
  paragraphs: [
    'section',
    'sectionNumber',
    'sectionLevel',
    'number',
    'kind',
    'text',
    'items',
    'line',
    'column',
    'offset',
  ],
}

/**
 * Run `export`.
 *
 * @param options
 *   Options.
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runExport(options: ExportOptions, output: Output): Promise<number> {
  let index: { families: { family: string; releases: { release: string }[] }[] }
  try {
    index = JSON.parse(
      await readFile(path.join(options.folder, 'index.json'), 'utf8'),
    ) as typeof index
  } catch {
    output.err(
      `guidex: \`${options.folder}\` is not an output folder: no readable index.json (make one with \`guidex extract … --out ${options.folder}\`)`,
    )
    return 2
  }
  const columns = [...documentColumns, ...exportColumns[options.what]]
  const rows: Record<string, Value>[] = []
  for (const family of index.families) {
    for (const { release } of family.releases) {
      const record = JSON.parse(
        await readFile(path.join(options.folder, family.family, release, 'document.json'), 'utf8'),
      ) as DocumentRecord
      const document = {
        family: family.family,
        release,
        guidanceId: record.metadata.guidanceId,
        documentKind: record.metadata.kind,
      }
      for (const row of exportRows(record, options.what)) rows.push({ ...document, ...row })
    }
  }
  const text =
    options.format === 'jsonl'
      ? rows
          .map(
            (row) =>
              `${JSON.stringify(Object.fromEntries(columns.map((name) => [name, row[name] ?? null])))}\n`,
          )
          .join('')
      : `${options.csvBom ? '\uFEFF' : ''}${Papa.unparse(
          { fields: columns, data: rows.map((row) => columns.map((name) => csvValue(row[name]))) },
          { newline: '\r\n', quotes: false },
        )}\r\n`
  if (options.out) {
    await writeFileAtomic(options.out, text)
    output.err(
      `guidex: ${counted(rows.length, options.what.slice(0, -1))} written to ${options.out}`,
    )
  } else process.stdout.write(text)
  return 0
}

/** A value as a CSV field: empty for none. */
function csvValue(value: Value | undefined): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

/**
 * The rows of one record (without its document's columns).
 *
 * @param record
 *   The record.
 * @param what
 *   Which rows.
 * @returns
 *   Rows, by column name.
 */
export function exportRows(record: DocumentRecord, what: ExportKind): Record<string, Value>[] {
  const places = recordPlaces(record)
  const place = (source: Source) => {
    const context = places.contextOf(source)
    return {
      study: context.study,
      group: context.group,
      outcome: context.outcome,
      timepoint: context.timepoint,
      section: context.section,
      table: context.table?.id ?? null,
      row: context.table?.row ?? null,
      tableColumn: context.table?.column ?? null,
      line: source.line,
      column: source.column,
      offset: source.offset,
      text: source.text,
    }
  }
  if (what === 'results') {
    return record.results.map((result) => ({
      kind: result.kind,
      measure: result.measure,
      adjusted: result.adjusted,
      value: result.value,
      written: result.written,
      unit: result.unit,
      ciLevel: result.ci?.level ?? null,
      ciLower: result.ci?.lower ?? null,
      ciUpper: result.ci?.upper ?? null,
      pRelation: result.p?.relation ?? null,
      pValue: result.p?.value ?? null,
      pWritten: result.p?.written ?? null,
      iSquared: result.heterogeneity?.iSquared ?? null,
      percent: result.percent,
      numerator: result.numerator,
      denominator: result.denominator,
      statistic: result.statistic,
      spreadKind: result.spread?.kind ?? null,
      spreadLower: result.spread?.lower ?? null,
      spreadUpper: result.spread?.upper ?? null,
      studies: result.studies,
      ...place(result.source),
    }))
  }
  if (what === 'findings') {
    return record.findings.map((finding) => ({
      check: finding.check,
      severity: finding.severity,
      message: finding.message,
      ...place(finding.source),
      related:
        (finding.related ?? []).map((source) => `${source.line}:${source.column}`).join('; ') ||
        null,
    }))
  }
  const rows: Record<string, Value>[] = []
  const paragraphRow = (paragraph: Paragraph, section: Section | null) => ({
    section: section?.heading ?? null,
    sectionNumber: section?.number ?? null,
    sectionLevel: section?.level ?? null,
    number: paragraph.number,
    kind: paragraph.kind,
    text: paragraph.text,
    items:
      paragraph.items.length > 0
        ? paragraph.items.map((item) => `• ${itemText(item)}`).join('\n')
        : null,
    line: paragraph.source.line,
    column: paragraph.source.column,
    offset: paragraph.source.offset,
  })
  for (const paragraph of record.preamble) rows.push(paragraphRow(paragraph, null))
  const visit = (sections: readonly Section[]) => {
    for (const section of sections) {
      for (const paragraph of section.paragraphs) rows.push(paragraphRow(paragraph, section))
      visit(section.sections)
    }
  }
  visit(record.sections)
  return rows
}

/** An item's text, whether items are strings or (schema 2) objects with a `text`. */
function itemText(item: unknown): string {
  return typeof item === 'string' ? item : String((item as { text?: unknown }).text ?? '')
}
