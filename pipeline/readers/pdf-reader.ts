/**
 * The PDF reader (a stub until the PDF reader lands): every PDF input is a
 * content error of its file, not a crash of the batch.
 */

import { messageRule } from '../rules/rule-ids.js'
import { type ReadDocument, ReaderError } from './reader.js'

/**
 * Read a PDF input.
 *
 * @param _bytes
 *   The file's bytes (they start with `%PDF-`).
 * @returns
 *   Never: rejects with a `ReaderError`.
 */
export async function readPdf(_bytes: Uint8Array): Promise<ReadDocument> {
  throw new ReaderError('PDF input needs the PDF reader', messageRule.pdfReaderMissing)
}
