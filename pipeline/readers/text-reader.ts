/**
 * The text reader: today's `decode` (bytes into text) behind the reader
 * seam; a `DecodeError` becomes a `ReaderError` with the same rule id and
 * place.
 */

import { DecodeError, decode } from '../stages/decode.js'
import { type ReadDocument, ReaderError } from './reader.js'

/**
 * Read a text input.
 *
 * @param bytes
 *   The file's bytes.
 * @returns
 *   The decoded text (`format: 'text'`, no layout).
 * @throws {ReaderError}
 *   When the bytes are not text the pipeline can read.
 */
export function readText(bytes: Uint8Array): ReadDocument {
  try {
    return { format: 'text', text: decode(bytes) }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error
    const place =
      error.line === undefined
        ? undefined
        : error.column === undefined
          ? { line: error.line }
          : { line: error.line, column: error.column }
    throw new ReaderError(error.message, error.ruleId, place)
  }
}
