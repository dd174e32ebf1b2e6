/**
 * Extract one document: decode its bytes, run the processor, and return the
 * file with its record and messages. Never throws for bad input: a problem
 * is a fatal message on the file.
 */

import { VFile } from 'vfile'
import type { createPipeline } from './create-pipeline.js'
import { type MessageData, messageData } from './lib/format-message.js'
import type { DocumentRecord } from './types.js'
import { sha256, type WritableDocument, writableOf } from './writable-document.js'
import { DecodeError, decode } from './stages/decode.js'

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
    if (!(error instanceof DecodeError)) throw error
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
    // An error here is a bug of ours, not of the input: report it on the
    // file, without a stack trace, and let the batch go on.
    const reason = error instanceof Error ? error.message : String(error)
    const message = file.message(`Cannot extract: ${reason}`, {
      ruleId: 'internal',
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
