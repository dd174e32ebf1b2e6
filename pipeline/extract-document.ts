/**
 * Extract one document: read its bytes with the reader of its format, run the
 * processor, and return the file with its record and messages. Never throws
 * for bad input: a problem is a fatal message on the file.
 */

import { VFile } from 'vfile'
import type { createPipeline } from './create-pipeline.js'
import { type MessageData, messageData } from './lib/format-message.js'
import type { DocumentRecord } from './types.js'
import { sha256, type WritableDocument, writableOf } from './writable-document.js'
import { readDocument } from './readers/read-document.js'
import { type ReadDocument, ReaderError } from './readers/reader.js'
import { readText } from './readers/read-text.js'
import { messageRule } from './rules/rule-ids.js'

declare module 'vfile' {
  interface DataMap {
    /** Input facts: path as given, hash, size. */
    input: { path: string; sha256: string; bytes: number }
  }
}

/** The processor type made by `createPipeline`. */
export type GuidexProcessor = ReturnType<typeof createPipeline>

/**
 * Extract one document.
 *
 * @param bytes
 *   The raw bytes of the input file.
 * @param displayPath
 *   The path to report and record (`input/001_….txt`).
 * @param processor
 *   The processor from `createPipeline()` (build it once per run).
 * @param knownSha256
 *   The bytes' sha256, where the caller has it already (optional).
 * @returns
 *   The file: `file.value` is the `document.json` text when no message is
 *   fatal; `file.data.record` is the record.
 */
export async function extractDocument(
  bytes: Uint8Array,
  displayPath: string,
  processor: GuidexProcessor,
  knownSha256?: string,
): Promise<VFile> {
  const file = inputFile(bytes, displayPath, knownSha256)
  let document: ReadDocument
  try {
    document = await readDocument(bytes)
  } catch (error) {
    return readerFailed(file, error)
  }
  return processDocument(file, document, processor)
}

/**
 * Extract one text input synchronously: the text reader whatever the bytes
 * (no sniffing), then the processor. For callers that cannot wait (tests).
 *
 * @param bytes
 *   The raw bytes of the input file.
 * @param displayPath
 *   The path to report and record.
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
  const file = inputFile(bytes, displayPath, undefined)
  let document: ReadDocument
  try {
    document = readText(bytes)
  } catch (error) {
    return readerFailed(file, error)
  }
  return processDocument(file, document, processor)
}

/** A reader's error as the file's fatal message (any other error is rethrown). */
function readerFailed(file: VFile, error: unknown): VFile {
  if (!(error instanceof ReaderError)) throw error
  const message = file.message(error.message, {
    place: error.line === undefined ? undefined : { line: error.line, column: error.column ?? 1 },
    ruleId: error.ruleId,
    source: 'guidex',
  })
  message.fatal = true
  return file
}

/** A file for an input, with its facts (path, hash, size) on its data. */
function inputFile(bytes: Uint8Array, displayPath: string, knownSha256: string | undefined): VFile {
  const file = new VFile({ path: displayPath })
  file.data.input = {
    path: displayPath,
    sha256: knownSha256 ?? sha256(bytes),
    bytes: bytes.length,
  }
  return file
}

/** Run the processor on the text of a read document (its layout on `file.data.layout`). */
function processDocument(file: VFile, document: ReadDocument, processor: GuidexProcessor): VFile {
  file.value = document.text
  if (document.layout) file.data.layout = document.layout
  try {
    processor.processSync(file)
  } catch (error) {
    // An error here is a bug of ours, not of the input: report it on the
    // file, without a stack trace, and let the batch go on.
    const reason = error instanceof Error ? error.message : String(error)
    const message = file.message(`Cannot extract: ${reason}`, {
      ruleId: messageRule.internal,
      source: 'guidex',
    })
    message.fatal = true
  }
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
  if (ok && record) for (const finding of record.findings) findings[finding.severity]++
  return {
    path: file.path,
    messages: file.messages.map(messageData),
    document: ok && record ? writableOf(record, file.value as string) : null,
    findings,
  }
}
