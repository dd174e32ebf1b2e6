/**
 * The text reader: bytes into text.
 *
 * UTF-8 with or without a byte order mark, and UTF-16 with one. The BOM of a
 * UTF-8 file is kept as U+FEFF in the text, so that offsets are those of the
 * file decoded as UTF-8 (as `readFileSync(path, 'utf8')` gives it); the
 * normalize stage skips it. Line ends are left as they are: positions count
 * them, and the line splitter treats CRLF, CR and LF alike.
 *
 * Invalid UTF-8, binary content and empty or blank files are rejected with
 * the byte and line where the problem is.
 */

import { messageRule } from '../rules/rule-ids.js'
import { type ReadDocument, ReaderError } from './reader.js'

/** Largest text input accepted, in bytes. */
export const maximumInputBytes = 4 * 1024 * 1024

/**
 * Read a text input.
 *
 * @param bytes
 *   The file's bytes.
 * @returns
 *   The decoded text.
 * @throws {ReaderError}
 *   When the bytes are not text this pipeline can read.
 */
export function readText(bytes: Uint8Array): ReadDocument {
  return { format: 'text', text: decode(bytes) }
}

/**
 * Decode the bytes of an input file.
 *
 * @param bytes
 *   The file's bytes.
 * @returns
 *   The text.
 * @throws {ReaderError}
 *   When the bytes are not text this pipeline can read.
 */
function decode(bytes: Uint8Array): string {
  if (bytes.length > maximumInputBytes) {
    throw new ReaderError(
      `Unexpected file of ${bytes.length} bytes, expected at most ${maximumInputBytes}`,
      messageRule.tooLarge,
    )
  }
  let text: string
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes)
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes)
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
    } catch {
      const at = firstInvalidUtf8(bytes)
      const { line, column } = lineOfByte(bytes, at)
      throw new ReaderError(
        `Unexpected byte \`0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}\` at byte ${at}, expected UTF-8`,
        messageRule.invalidUtf8,
        { line, column },
      )
    }
  }
  const nul = text.indexOf('\u0000')
  if (nul !== -1) {
    const before = text.slice(0, nul)
    const line = before.split(/\r\n|\r|\n/).length
    throw new ReaderError(
      'Unexpected NUL character, expected text (is this a binary file?)',
      messageRule.binary,
      { line, column: nul - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) },
    )
  }
  // Nothing but white space (a byte order mark is white space too): found
  // at the first other character, without copying the text.
  if (!/\S/.test(text)) {
    throw new ReaderError(
      bytes.length === 0
        ? 'Unexpected empty file, expected text'
        : 'Unexpected blank file, expected text',
      messageRule.empty,
    )
  }
  return text
}

/**
 * Index of the first byte that breaks UTF-8.
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0
  while (index < bytes.length) {
    const byte = bytes[index] as number
    const length =
      byte < 0x80 ? 1 : byte >> 5 === 6 ? 2 : byte >> 4 === 14 ? 3 : byte >> 3 === 30 ? 4 : 0
    if (length === 0) return index
    for (let next = 1; next < length; next++) {
      if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index
    }
    index += length
  }
  return Math.max(0, bytes.length - 1)
}

/**
 * Line and column (1-based, in bytes) of a byte.
 */
function lineOfByte(bytes: Uint8Array, at: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < at; index++) {
    const byte = bytes[index]
    if (byte === 0x0a || (byte === 0x0d && bytes[index + 1] !== 0x0a)) {
      line++
      lineStart = index + 1
    }
  }
  return { line, column: at - lineStart + 1 }
}
