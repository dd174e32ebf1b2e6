/**
 * Extract one document: decode its bytes, run the processor, and return the
 * file with its record and messages. Never throws for bad input: a problem
 * is a fatal message on the file.
 */

import { createHash } from 'node:crypto'
import { VFile } from 'vfile'
import type { createPipeline } from './create-pipeline.js'
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
 * @returns
 *   The file: `file.value` is the `document.json` text when no message is
 *   fatal; `file.data.record` is the record.
 */
export function extractDocument(
  bytes: Uint8Array,
  displayPath: string,
  processor: GuidexProcessor,
): VFile {
  const file = new VFile({ path: displayPath })
  file.data.input = {
    path: displayPath,
    sha256: createHash('sha256').update(bytes).digest('hex'),
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
