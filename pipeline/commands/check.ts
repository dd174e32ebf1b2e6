/**
 * `guidex check <file or dir>...`: the consistency findings of every input,
 * read fresh (nothing is written), grouped by severity, each at its
 * `file:line:column`, with the other place of a disagreement beside it;
 * and the checks across documents (a guidance against its overview).
 *
 * Exit status: 1 when any finding is an error or a document cannot be read,
 * else 0.
 */

import pLimit from 'p-limit'
import type { Output } from '../cli.js'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, hasFailed } from '../extract-document.js'
import { checkAcrossDocuments } from '../lib/cross-document.js'
import { formatMessage, messageData } from '../lib/format-message.js'
import { collectInputs, readInput } from '../lib/input-files.js'
import { printable } from '../lib/printable.js'
import type { DocumentRecord, Finding } from '../types.js'
import { displayPath } from './extract.js'

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
  const { files, problems } = await collectInputs(inputs)
  for (const problem of problems)
    output.err(
      `${printable(displayPath(problem.path))}:1:1: error: ${problem.reason} [${problem.ruleId}]`,
    )
  const processor = createPipeline()
  const limit = pLimit(concurrency)
  const read = await Promise.all(
    files.map((file) =>
      limit(async () => {
        const input = readInput(file)
        if ('bytes' in input) return extractDocument(input.bytes, displayPath(file), processor)
        output.err(
          `${printable(displayPath(file))}:1:1: error: ${input.problem.reason} [${input.problem.ruleId}]`,
        )
        return undefined
      }),
    ),
  )
  const lines: Record<(typeof severities)[number], string[]> = { error: [], warning: [], info: [] }
  const documents = read.filter((file) => file !== undefined)
  let failed = problems.length + read.length - documents.length
  for (const file of documents) {
    if (hasFailed(file)) {
      failed++
      for (const message of file.messages)
        output.err(formatMessage(file.path, messageData(message)))
      continue
    }
    const record = file.data.record as DocumentRecord
    for (const finding of record.findings)
      lines[finding.severity].push(...formatFinding(file.path, finding))
  }
  const records = documents.flatMap((file) =>
    hasFailed(file) ? [] : [{ path: file.path, record: file.data.record as DocumentRecord }],
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
    `guidex check: ${read.length + problems.length} documents, ${counts.join(', ')}${failed ? `, ${failed} unreadable` : ''}`,
  )
  return failed > 0 || lines.error.length > 0 ? 1 : 0
}

/** A finding as `file:line:column: severity: message [check]`, its other places indented under it. */
function formatFinding(path: string, finding: Finding, relatedPath = path): string[] {
  const { line, column } = finding.source
  return [
    `${printable(path)}:${line}:${column}: ${finding.severity}: ${printable(finding.message, { backslash: false })} [${finding.check}]`,
    ...(finding.related ?? []).map(
      (source) => `  see ${printable(relatedPath)}:${source.line}:${source.column}`,
    ),
  ]
}
