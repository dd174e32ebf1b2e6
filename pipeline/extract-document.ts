/**
 * Extract one document: read its bytes (text, or PDF: the kind found from the
 * bytes), run the processor, and return the file with its record and
 * messages. Never throws: a problem of the input is a fatal message with the
 * rule of that problem; an exception inside a reader or a stage is a bug of
 * guidex, reported as a fatal `internal-error` message that keeps the
 * exception and its stack (carried to `run.json`), never passed off as a
 * problem of the input.
 */

import { VFile } from 'vfile'
import type { createPipeline } from './create-pipeline.js'
import { type MessageData, messageData } from './lib/format-message.js'
import { readDocument } from './readers/read-document.js'
import {
  type InputFormat,
  type ReadDocument,
  ReaderError,
  type TextLayout,
} from './readers/reader.js'
import { readText } from './readers/read-text.js'
import type { DocumentRecord } from './types.js'
import { sha256, type WritableDocument, writableOf } from './writable-document.js'

/** Rule ids of the messages this module emits. */
export const extractRule = { internalError: 'internal-error' } as const

declare module 'vfile' {
  interface DataMap {
    /** Input facts: path as given, hash, size, and the format found from the bytes. */
    input: { path: string; sha256: string; bytes: number; format: InputFormat }
    /** The layout of a PDF's text layer (`ReadDocument.layout`). */
    layout: TextLayout
    /** A PDF's text layer, written beside its record as `text.txt`. */
    textLayer: string
  }
}

/** The processor type made by `createPipeline`. */
export type GuidexProcessor = ReturnType<typeof createPipeline>

/**
 * Extract one document, text or PDF.
 *
 * @param bytes
 *   The raw bytes of the input file.
 * @param displayPath
 *   The path to report (`input/001_….txt`).
 * @param processor
 *   The processor from `createPipeline()` (build it once per run).
 * @param knownSha256
 *   The bytes' sha256, where the caller has it already (optional).
 * @returns
 *   The file: `file.value` is the `document.json` text when no message is
 *   fatal; `file.data.record` is the record; `file.data.layout` the layout of
 *   a PDF's text layer.
 */
export async function extractDocument(
  bytes: Uint8Array,
  displayPath: string,
  processor: GuidexProcessor,
  knownSha256?: string,
): Promise<VFile> {
  const file = startFile(bytes, displayPath, knownSha256)
  let read: ReadDocument
  try {
    read = await readDocument(bytes)
  } catch (error) {
    return failRead(file, error)
  }
  return run(file, read, processor)
}

/**
 * Extract one text document, synchronously (a PDF is read asynchronously:
 * use `extractDocument`).
 *
 * @param bytes
 *   The raw bytes of a text file.
 * @param displayPath
 *   The path to report.
 * @param processor
 *   The processor from `createPipeline()`.
 * @returns
 *   The file, as from `extractDocument`.
 */
export function extractTextDocument(
  bytes: Uint8Array,
  displayPath: string,
  processor: GuidexProcessor,
): VFile {
  const file = startFile(bytes, displayPath)
  let read: ReadDocument
  try {
    read = readText(bytes)
  } catch (error) {
    return failRead(file, error)
  }
  return run(file, read, processor)
}

/** A new file for an input, with the input's facts on its data. */
function startFile(bytes: Uint8Array, displayPath: string, knownSha256?: string): VFile {
  const file = new VFile({ path: displayPath })
  file.data.input = {
    path: displayPath,
    sha256: knownSha256 ?? sha256(bytes),
    bytes: bytes.length,
    format: 'text',
  }
  return file
}

/**
 * Report a reader's error on the file as its one fatal message; anything
 * else a reader throws is a bug of ours.
 */
function failRead(file: VFile, error: unknown): VFile {
  if (!(error instanceof ReaderError)) return failInternally(file, error)
  const message = file.message(error.message, {
    place: error.line === undefined ? undefined : { line: error.line, column: error.column ?? 1 },
    ruleId: error.ruleId,
    source: 'guidex',
  })
  message.fatal = true
  return file
}

/** Run the processor on what the reader read. */
function run(file: VFile, read: ReadDocument, processor: GuidexProcessor): VFile {
  file.value = read.text
  if (file.data.input) file.data.input.format = read.format
  if (read.layout) {
    file.data.layout = read.layout
    file.data.textLayer = read.text
  }
  try {
    processor.processSync(file)
  } catch (error) {
    failInternally(file, error)
  }
  return file
}

/**
 * Report an exception thrown inside a reader or a stage: a bug of guidex,
 * not of the input. The batch goes on; the message is one line where it is
 * printed, and keeps the exception (`cause`) and its stack (`stack`) for
 * `run.json`.
 *
 * @param file
 *   The file being extracted.
 * @param error
 *   What was thrown.
 * @returns
 *   The file, failed.
 */
function failInternally(file: VFile, error: unknown): VFile {
  const cause = error instanceof Error ? error : new Error(String(error))
  const message = file.message(
    `Unexpected internal error in guidex (a bug, not a problem of the input): ${cause.message}`,
    { cause, ruleId: extractRule.internalError, source: 'guidex' },
  )
  message.fatal = true
  message.stack = cause.stack ?? ''
  return file
}

/**
 * Whether a file failed (has a fatal message).
 *
 * @param file
 *   File.
 * @returns
 *   Whether any message is fatal.
 */
export function hasFailed(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true)
}

/** One document extracted, as plain data: what the writer and the run report need. */
export interface ExtractedDocument {
  path: string
  messages: MessageData[]
  /** `null` when the document failed. */
  document: WritableDocument | null
  /** Findings of the record and reading warnings, by severity. */
  findings: { error: number; warning: number; info: number }
}

/**
 * Reduce an extracted file to plain data.
 *
 * @param file
 *   File from `extractDocument`.
 * @returns
 *   Plain data.
 */
export function summarise(file: VFile): ExtractedDocument {
  const findings = { error: 0, warning: 0, info: 0 }
  const ok = !hasFailed(file) && typeof file.value === 'string'
  const record = file.data.record as DocumentRecord | undefined
  if (ok && record) {
    for (const finding of record.findings) findings[finding.severity]++
    // Reading warnings (a numbering gap, an uneven table row) count beside
    // the findings: `check` lists both, and the two commands agree.
    for (const message of file.messages)
      findings[message.fatal === false ? 'warning' : 'info'] += message.fatal === true ? 0 : 1
  }
  return {
    path: file.path,
    messages: file.messages.map(messageData),
    document: ok && record ? writableOf(record, file.value as string, file.data.textLayer) : null,
    findings,
  }
}
