/**
 * `guidex check <file or dir>...`: the consistency findings of every input,
 * read fresh (nothing is written), grouped by severity, each at its
 * `file:line:column`, with the other place of a disagreement beside it;
 * and the checks across documents (a guidance against its overview).
 *
 * Exit status: 1 when any finding is an error or a document cannot be read,
 * else 0.
 */

import { readFile } from 'node:fs/promises'
import pLimit from 'p-limit'
import type { Output } from '../cli.js'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, hasFailed } from '../extract-document.js'
import { checkAcrossDocuments } from '../rules/index.js'
import { formatMessage, messageData } from '../lib/format-message.js'
import type { DocumentRecord, Finding } from '../types.js'
import { collectInputs, displayPath } from './extract.js'

const severities = ['error', 'warning', 'info'] as const

/**
 * Run `check`.
 *
 * @param inputs
 *   Files and folders.
 * @param concurrency
 *   Documents read at once.
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runCheck(
  inputs: readonly string[],
  concurrency: number,
  output: Output,
): Promise<number> {
  const { files, missing } = await collectInputs(inputs)
  for (const input of missing)
    output.err(`${input}:1:1: error: Cannot read input: no such file or folder`)
  const processor = createPipeline()
  const limit = pLimit(concurrency)
  const documents = await Promise.all(
    files.map((file) =>
      limit(async () => extractDocument(await readFile(file), displayPath(file), processor)),
    ),
  )
  const lines: Record<(typeof severities)[number], string[]> = { error: [], warning: [], info: [] }
  let failed = missing.length
  for (const file of documents) {
    if (hasFailed(file)) {
      failed++
      for (const message of file.messages)
        output.err(formatMessage(file.path, messageData(message)))
      continue
    }
    const record = file.data.record as DocumentRecord
    for (const finding of record.findings)
      lines[finding.severity].push(...formatFinding(record.source.path, finding))
  }
  const records = documents.flatMap((file) =>
    hasFailed(file) ? [] : [file.data.record as DocumentRecord],
  )
  for (const { path, finding, relatedPath } of checkAcrossDocuments(records)) {
    lines[finding.severity].push(...formatFinding(path, finding, relatedPath))
  }
  for (const severity of severities) {
    const count = lines[severity].filter((line) => !line.startsWith(' ')).length
    if (count === 0) continue
    output.out(
      `${severity === 'error' ? 'Errors' : severity === 'warning' ? 'Warnings' : 'Info'} (${count})`,
    )
    for (const line of lines[severity]) output.out(`  ${line}`)
  }
  const counts = severities.map(
    (severity) =>
      `${lines[severity].filter((line) => !line.startsWith(' ')).length} ${severity === 'info' ? 'info' : `${severity}s`}`,
  )
  output.out(
    `guidex check: ${documents.length + missing.length} documents, ${counts.join(', ')}${failed ? `, ${failed} unreadable` : ''}`,
  )
  return failed > 0 || lines.error.length > 0 ? 1 : 0
}

/** A finding as `file:line:column: severity: message [check]`, its other places indented under it. */
function formatFinding(path: string, finding: Finding, relatedPath = path): string[] {
  const { line, column } = finding.source
  return [
    `${path}:${line}:${column}: ${finding.severity}: ${finding.message} [${finding.check}]`,
    ...(finding.related ?? []).map(
      (source) => `  see ${relatedPath}:${source.line}:${source.column}`,
    ),
  ]
}
