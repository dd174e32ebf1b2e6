/**
 * Extract one document: decode its bytes, run the processor, and return the
 * file with its record and messages. Never throws: a problem of the input is
 * a fatal message with the rule of that problem; an exception inside a stage
 * is a bug of guidex, reported as a fatal `internal-error` message that keeps
 * the exception and its stack (carried to `run.json`), never passed off as a
 * problem of the input.
 */

import { VFile } from 'vfile'
import type { createPipeline } from './create-pipeline.js'
import { type MessageData, messageData } from './lib/format-message.js'
import type { DocumentRecord } from './types.js'
import { sha256, type WritableDocument, writableOf } from './writable-document.js'
import { DecodeError, decode } from './stages/decode.js'

/** Rule ids of the messages this module emits. */
export const extractRule = { internalError: 'internal-error' } as const

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
export function extractDocument(
  bytes: Uint8Array,
  displayPath: string,
  processor: GuidexProcessor,
  knownSha256?: string,
): VFile {
  const file = new VFile({ path: displayPath })
  file.data.input = {
    path: displayPath,
    sha256: knownSha256 ?? sha256(bytes),
    bytes: bytes.length,
  }
  try {
    file.value = decode(bytes)
  } catch (error) {
    if (!(error instanceof DecodeError)) return internalError(file, error)
    const message = file.message(error.message, {
      place: error.line === undefined ? undefined : { line: error.line, column: error.column ?? 1 },
      ruleId: error.ruleId,
      source: 'guidex',
    })
    message.fatal = true
    return file
  }
  try {
    processor.processSync(file)
  } catch (error) {
    return internalError(file, error)
  }
  return file
}

/**
 * Report an exception thrown inside a stage: a bug of guidex, not of the
 * input. The batch goes on; the message is one line where it is printed, and
 * keeps the exception (`cause`) and its stack (`stack`) for `run.json`.
 *
 * @param file
 *   The file being extracted.
 * @param error
 *   What was thrown.
 * @returns
 *   The file, failed.
 */
function internalError(file: VFile, error: unknown): VFile {
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
    document: ok && record ? writableOf(record, file.value as string) : null,
    findings,
  }
}
