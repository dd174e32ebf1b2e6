/**
 * Stage `assembleRecord`: gather what the stages left on `file.data` into the
 * record written as `document.json`, in a fixed key order so that the same
 * input always gives the same bytes.
 */

import type { VFile } from 'vfile'
import { packageVersion } from '../lib/package-root.js'
import type { DocumentRecord, Metadata } from '../types.js'
import { recordTable } from './extract-tables.js'

declare module 'vfile' {
  interface DataMap {
    /** The assembled record (validated by `validateRecord`). */
    record: DocumentRecord
  }
}

/** Version of the `document.json` shape (`schemas/document.schema.json`). */
export const schemaVersion = '2.0.0'

/**
 * Attach the assemble stage.
 *
 * @returns
 *   Transformer.
 */
export function assembleRecord() {
  return (_tree: unknown, file: VFile): void => {
    const input = file.data.input ?? { sha256: '', bytes: 0, format: 'text' }
    const record: DocumentRecord = {
      schemaVersion,
      generator: { name: 'guidex', version: packageVersion },
      // No path: the same bytes give the same record wherever they were read.
      source: { sha256: input.sha256, bytes: input.bytes, format: input.format },
      metadata: file.data.metadata as Metadata,
      contents: file.data.contents ?? [],
      preamble: file.data.preamble ?? [],
      sections: file.data.sections ?? [],
      glossary: file.data.glossary ?? [],
      statements: file.data.statements ?? [],
      tables: (file.data.tables ?? []).map(recordTable),
      results: file.data.results ?? [],
      findings: file.data.findings ?? [],
      furniture: file.data.furniture ?? [],
    }
    file.data.record = record
  }
}
