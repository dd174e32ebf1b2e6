/**
 * A record in the form the writer needs (`WritableDocument`): its JSON and
 * each table's CSV encoded to UTF-8 and hashed where the record was made (a
 * worker thread), so the writer's thread only writes bytes, and the bytes
 * cross threads without a copy. Apart from `write-output.ts`, so that a
 * worker does not load the writer and the diff.
 */

import { createHash } from 'node:crypto'
import { Papa } from './lib/papaparse.js'
import { wordSlug } from './lib/slug.js'
import type { DocumentRecord, Table, TableCell } from './types.js'

/** What the store needs of a document to place and write it (see above). */
export interface WritableDocument {
  source: DocumentRecord['source']
  metadata: Pick<
    DocumentRecord['metadata'],
    'kind' | 'title' | 'guidanceId' | 'published' | 'lastUpdated' | 'revised' | 'replaces'
  > & {
    /** sha256 of each update note's date and text (to order releases of one date). */
    updateNotes: string[]
  }
  /** `document.json`, UTF-8. */
  json: Uint8Array
  /** sha256 of `json`. */
  jsonSha256: string
  /** A PDF's text layer (`text.txt`), which the record's offsets point into. */
  textLayer?: { bytes: Uint8Array; sha256: string }
  /** Each table's CSV (with a UTF-8 byte order mark) and its file name (`tableFileName`). */
  tables: { id: string; file: string; csv: Uint8Array; sha256: string }[]
}

/** Encodes each text into a buffer of its own (never a shared pool), so it can be transferred. */
const utf8 = new TextEncoder()

/**
 * The writable form of a record.
 *
 * @param record
 *   The record.
 * @param json
 *   Its JSON text.
 * @returns
 *   Writable document.
 */
export function writableOf(
  record: DocumentRecord,
  json: string,
  textLayer?: string,
): WritableDocument {
  const { kind, title, guidanceId, published, lastUpdated, revised, replaces, updates } =
    record.metadata
  const bytes = utf8.encode(json)
  const text = textLayer === undefined ? undefined : utf8.encode(textLayer)
  return {
    ...(text ? { textLayer: { bytes: text, sha256: sha256(text) } } : {}),
    source: record.source,
    metadata: {
      kind,
      title,
      guidanceId,
      published,
      lastUpdated,
      revised,
      replaces,
      updateNotes: updates.map(updateNoteHash),
    },
    json: bytes,
    jsonSha256: sha256(bytes),
    tables: record.tables.map((table) => {
      const csv = utf8.encode(`\uFEFF${tableCsv(table)}`)
      return { id: table.id, file: tableFileName(table), csv, sha256: sha256(csv) }
    }),
  }
}

/**
 * The sha256 of an update note: its date and its text.
 *
 * @param note
 *   Update note.
 * @returns
 *   Hash.
 */
export function updateNoteHash(note: { date: string | null; text: string }): string {
  return sha256(`${note.date ?? ''}\n${note.text}`)
}

/**
 * The buffers of a writable document, to transfer (not copy) to another thread.
 *
 * @param document
 *   Writable document.
 * @returns
 *   Its `ArrayBuffer`s.
 */
export function transferablesOf(document: WritableDocument): ArrayBuffer[] {
  return [
    document.json,
    ...document.tables.map((table) => table.csv),
    ...(document.textLayer ? [document.textLayer.bytes] : []),
  ].map((bytes) => bytes.buffer as ArrayBuffer)
}

/**
 * A table as CSV (RFC 4180: quoted where needed, CRLF between records): the
 * header names, then one line per record. A cell keeps its paragraphs and
 * list items apart, on lines of their own inside the quoted field (`•` before
 * an item), as a spreadsheet shows a cell's line breaks. Items are not
 * indented by depth: the overviews' cells open `<ul>` lists they never close,
 * so the depth grows through a cell (the JSON keeps it). The writer adds a UTF-8 byte order mark before it
 * (`writableOf`), without which a spreadsheet reads `Møller` as `MÃ¸ller`.
 *
 * @param table
 *   Table.
 * @returns
 *   CSV text (no byte order mark).
 */
export function tableCsv(table: Table): string {
  return `${Papa.unparse(
    { fields: table.columns, data: table.rows.map((row) => row.cells.map(cellText)) },
    { newline: '\r\n', quotes: false },
  )}\r\n`
}

/**
 * A cell as the CSV gives it: its blocks one a line, items bulleted.
 *
 * @param cell
 *   Table cell.
 * @returns
 *   Text with line breaks (`\n`).
 */
export function cellText(cell: TableCell): string {
  if (cell.blocks.length === 0) return cell.text
  return cell.blocks
    .map((block) => (block.type === 'item' ? `• ${block.text}` : block.text))
    .join('\n')
}

/**
 * A table's CSV file name: `table-`, its id and its caption, as one path
 * segment (`table-5b-additional-studies-identified.csv`), at most 60
 * characters between `table-` and `.csv`.
 *
 * @param table
 *   Table (its `id` and `caption`).
 * @returns
 *   File name.
 */
export function tableFileName(table: Pick<Table, 'id' | 'caption'>): string {
  return `table-${wordSlug(`${table.id} ${table.caption}`)}.csv`
}

/** The UTF-8 byte order mark. */
const bom = [0xef, 0xbb, 0xbf]

/**
 * Bytes without a leading UTF-8 byte order mark.
 *
 * @param bytes
 *   UTF-8 bytes.
 * @returns
 *   The bytes after the mark (the same bytes when there is none).
 */
export function withoutBom(bytes: Uint8Array): Uint8Array {
  return bom.every((byte, index) => bytes[index] === byte) ? bytes.slice(3) : bytes
}

/**
 * Hex SHA-256 of a text (as UTF-8) or of bytes.
 *
 * @param content
 *   Text or bytes.
 * @returns
 *   Hash.
 */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}
