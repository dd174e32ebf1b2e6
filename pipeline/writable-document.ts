/**
 * A record in the form the writer needs (`WritableDocument`): its JSON and
 * each table's CSV encoded to UTF-8 and hashed where the record was made (a
 * worker thread), so the writer's thread only writes bytes, and the bytes
 * cross threads without a copy. Apart from `write-output.ts`, so that a
 * worker does not load the writer and the diff.
 */

import { createHash } from 'node:crypto'
import { Papa } from './lib/papaparse.js'
import type { DocumentRecord, Table } from './types.js'

/** What the store needs of a document to place and write it (see above). */
export interface WritableDocument {
  source: DocumentRecord['source']
  metadata: Pick<
    DocumentRecord['metadata'],
    'kind' | 'title' | 'guidanceId' | 'published' | 'lastUpdated' | 'revised' | 'replaces'
  >
  /** `document.json`, UTF-8. */
  json: Uint8Array
  /** sha256 of `json`. */
  jsonSha256: string
  tables: { id: string; csv: Uint8Array; sha256: string }[]
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
export function writableOf(record: DocumentRecord, json: string): WritableDocument {
  const { kind, title, guidanceId, published, lastUpdated, revised, replaces } = record.metadata
  const bytes = utf8.encode(json)
  return {
    source: record.source,
    metadata: { kind, title, guidanceId, published, lastUpdated, revised, replaces },
    json: bytes,
    jsonSha256: sha256(bytes),
    tables: record.tables.map((table) => {
      const csv = utf8.encode(tableCsv(table))
      return { id: table.id, csv, sha256: sha256(csv) }
    }),
  }
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
  return [document.json, ...document.tables.map((table) => table.csv)].map(
    (bytes) => bytes.buffer as ArrayBuffer,
  )
}

/**
 * A table as CSV (RFC 4180: quoted where needed, CRLF): the header names,
 * then one line per record, cells as plain text.
 *
 * @param table
 *   Table.
 * @returns
 *   CSV text.
 */
export function tableCsv(table: Table): string {
  return `${Papa.unparse(
    { fields: table.columns, data: table.rows.map((row) => row.cells.map((cell) => cell.text)) },
    { newline: '\r\n', quotes: false },
  )}\r\n`
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
