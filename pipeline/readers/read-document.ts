/**
 * Read any input: its kind sniffed from its bytes (`%PDF-` within the first
 * 1024 bytes, as PDF readers accept it), then the reader of that kind.
 */

import { readPdf } from './pdf-reader.js'
import type { InputFormat, ReadDocument } from './reader.js'
import { readText } from './read-text.js'

/** How far into the bytes the PDF signature may stand (junk before it is allowed). */
const pdfSignatureWindow = 1024

/** `%PDF-` in bytes. */
const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d]

/**
 * The format of an input, from its bytes.
 *
 * @param bytes
 *   The file's bytes.
 * @returns
 *   `pdf` when `%PDF-` stands within the first 1024 bytes, else `text`.
 */
export function sniffFormat(bytes: Uint8Array): InputFormat {
  const last = Math.min(bytes.length, pdfSignatureWindow) - pdfSignature.length
  for (let index = 0; index <= last; index++) {
    if (pdfSignature.every((byte, offset) => bytes[index + offset] === byte)) return 'pdf'
  }
  return 'text'
}

/**
 * Read an input with the reader of its format.
 *
 * @param bytes
 *   The file's bytes.
 * @returns
 *   The text the stages read, and its layout for a PDF.
 * @throws {ReaderError}
 *   (Rejects with it) when the bytes cannot be read.
 */
export async function readDocument(bytes: Uint8Array): Promise<ReadDocument> {
  return sniffFormat(bytes) === 'pdf' ? readPdf(bytes) : readText(bytes)
}
