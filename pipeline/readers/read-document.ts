/**
 * Read any input: its format sniffed from its bytes (never from its name),
 * then the reader of that format.
 */

import { readPdf, type PdfReaderOptions } from './pdf-reader.js'
import type { ReadDocument } from './reader.js'
import { sniffFormat } from './sniff-format.js'
import { readText } from './read-text.js'

/**
 * Read an input.
 *
 * @param bytes
 *   The file's bytes.
 * @param options
 *   Options of the PDF reader (optional).
 * @returns
 *   What the reader of its format made of it.
 * @throws {ReaderError}
 *   For input the reader cannot read (rejects the promise).
 */
export async function readDocument(
  bytes: Uint8Array,
  options?: PdfReaderOptions,
): Promise<ReadDocument> {
  return sniffFormat(bytes) === 'pdf' ? readPdf(bytes, options) : readText(bytes)
}
