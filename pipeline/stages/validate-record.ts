/**
 * Stage `validateRecord`: check the record against
 * `schemas/document.schema.json` on a strict ajv compiled once per process.
 * A record that fails gets a fatal message per schema error, placed at the
 * nearest `source` on the error's path, and is not written.
 */

import type { VFile } from 'vfile'
import { documentValidator, type SchemaError } from '../lib/schemas.js'
import { messageRule } from '../rules/rule-ids.js'
import type { DocumentRecord, Source } from '../types.js'

/**
 * Attach the validate stage.
 *
 * @returns
 *   Transformer.
 */
export function validateRecord() {
  return (_tree: unknown, file: VFile): void => {
    const record = file.data.record as DocumentRecord
    if (documentValidator(record)) return
    for (const error of documentValidator.errors ?? []) {
      const source = nearestSource(record, error)
      const message = file.message(
        `Invalid record at \`${error.instancePath || '/'}\`: ${error.message ?? 'schema error'}`,
        {
          place: source ? { line: source.line, column: source.column } : undefined,
          ruleId: messageRule.schema,
          source: 'guidex',
        },
      )
      message.fatal = true
    }
  }
}

/**
 * The `source` of the deepest object on an error's instance path.
 *
 * @param record
 *   The record.
 * @param error
 *   An ajv error.
 * @returns
 *   The source, if any object on the path has one.
 */
function nearestSource(record: unknown, error: SchemaError): Source | undefined {
  let node: unknown = record
  let found: Source | undefined
  for (const key of error.instancePath.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') break
    node = (node as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')]
    const source = (node as { source?: unknown } | null)?.source
    if (source && typeof source === 'object' && 'line' in source) found = source as Source
  }
  return found
}
