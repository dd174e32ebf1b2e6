/**
 * The kind of an input, from its bytes alone (never from its name): a PDF
 * has `%PDF-` within its first 1024 bytes (the PDF specification lets
 * readers accept junk before the header; PDF.js and poppler look as far).
 */

import type { InputFormat } from './reader.js'

/** How far into the bytes the PDF header may stand. */
const headerWindow = 1024

/** `%PDF-` in bytes. */
const pdfHeader = [0x25, 0x50, 0x44, 0x46, 0x2d]

/**
 * Sniff the format of an input.
 *
 * @param bytes
 *   The input's bytes.
 * @returns
 *   `'pdf'` when `%PDF-` stands within the first 1024 bytes, else `'text'`.
 */
export function sniffFormat(bytes: Uint8Array): InputFormat {
  const last = Math.min(bytes.length, headerWindow) - pdfHeader.length
  for (let index = 0; index <= last; index++) {
    if (pdfHeader.every((byte, offset) => bytes[index + offset] === byte)) return 'pdf'
  }
  return 'text'
}
