/**
 * `guidex check <file, folder or glob>...`: the consistency findings and
 * reading warnings of every input, read fresh (nothing is written), for an
 * evidence reviewer: grouped by file, each with what is wrong in a sentence,
 * its study, group and outcome, its place (section, or table, row and
 * column) and the source's words with the figures marked; then the checks
 * across documents (a guidance against its overview).
 *
 * The findings are those `extract` counts (the record's findings and the
 * reading warnings), so the two commands give the same numbers.
 *
 * Exit status: 1 when a finding is at the `--fail-on` level (default:
 * `error`) or a document cannot be read, else 0.
 */

import pLimit from 'p-limit'
import type { VFile } from 'vfile'
import type { Output } from '../cli.js'
import type { FailLevel, ReporterName } from '../cli/command-specs.js'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, hasFailed } from '../extract-document.js'
import { messageData } from '../lib/format-message.js'
import { counted } from '../lib/plural.js'
import { report, reportedFile } from '../lib/report-messages.js'
import {
  countSeverities,
  findingLines,
  type OtherDocument,
  renderReview,
  reviewAcross,
  reviewDocument,
  type ReviewedFile,
} from '../lib/review-findings.js'
import { addCounts, failsOn, severityWords } from '../lib/severity-counts.js'
import { checkAcrossDocuments } from '../rules/index.js'
import type { DocumentRecord } from '../types.js'
import { collectInputs, readInput } from '../lib/input-files.js'
import { printable } from '../lib/printable.js'
import { displayPath } from './extract.js'

/** Options of `check`. */
export interface CheckOptions {
  /** Files and folders. */
  inputs: readonly string[]
  /** Documents read at once. */
  concurrency: number
  /** Exit 1 at a finding of this level or above (default: `error`). */
  failOn?: FailLevel
  /** `text` for people, `json` for machines (default: `text`). */
  reporter?: ReporterName
  /** Errors and warnings only, no summary. */
  quiet?: boolean
}

/**
 * Run `check`.
 *
 * @param options
 *   Options.
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runCheck(options: CheckOptions, output: Output): Promise<number> {
  const { files, problems } = await collectInputs(options.inputs)
  const processor = createPipeline()
  const limit = pLimit(options.concurrency)
  // Only regular files, their size checked before a bounded read (`readInput`).
  const missing = [...problems]
  const read = await Promise.all(
    files.map((file) =>
      limit(async () => {
        const input = readInput(file)
        if ('bytes' in input) return extractDocument(input.bytes, displayPath(file), processor)
        missing.push({ path: file, ...input.problem })
        return undefined
      }),
    ),
  )
  const extracted = read.filter((file) => file !== undefined)
  const failures: VFile[] = []
  const reviewed: ReviewedFile[] = []
  const readable: { path: string; record: DocumentRecord; raw: string }[] = []
  for (const file of extracted) {
    if (hasFailed(file)) {
      failures.push(file)
      continue
    }
    const record = file.data.record as DocumentRecord
    const raw = file.data.lineIndex?.raw ?? ''
    readable.push({ path: file.path, record, raw })
    reviewed.push(reviewDocument(file.path, record, raw, file.messages))
  }
  const across = checkAcrossDocuments(readable).map(({ path, finding, relatedPath }) => {
    const at = readable.find((document) => document.path === path)
    const other = readable.find((document) => document.path === relatedPath)
    return { path, finding: reviewAcross(finding, at as OtherDocument, other as OtherDocument) }
  })

  const inDocuments = { error: 0, warning: 0, info: 0 }
  for (const file of reviewed) addCounts(inDocuments, countSeverities(file.findings))
  const acrossCounts = countSeverities(across.map(({ finding }) => finding))
  const unreadable = failures.length + missing.length

  if (options.reporter === 'json') {
    // One entry per input, its findings as vfile messages (`note` holds the
    // context and excerpt); the findings across documents in the file they
    // stand in; unreadable inputs with their fatal message.
    const jsonFiles = [
      ...missing.map((problem) =>
        reportedFile(displayPath(problem.path), [
          {
            line: 1,
            column: 1,
            severity: 'error',
            ruleId: problem.ruleId,
            reason: problem.reason,
          },
        ]),
      ),
      ...failures.map((file) => reportedFile(file.path, file.messages.map(messageData))),
      ...reviewed.map((file) =>
        reportedFile(file.path, [
          ...file.findings.map((finding) => finding.message),
          ...across.filter(({ path }) => path === file.path).map(({ finding }) => finding.message),
        ]),
      ),
    ]
    output.out(report(jsonFiles, 'json'))
  } else {
    for (const problem of missing)
      output.err(
        `${printable(displayPath(problem.path))}:1:1: error: ${problem.reason} [${problem.ruleId}]`,
      )
    const failed = report(
      failures.map((file) => reportedFile(file.path, file.messages.map(messageData))),
      'text',
    )
    if (failed) output.err(failed.trimEnd())
    for (const line of renderReview(reviewed, { quiet: options.quiet ?? false })) output.out(line)
    const shown = across.filter(
      ({ finding }) => !options.quiet || finding.message.severity !== 'info',
    )
    if (shown.length > 0) {
      output.out('Across documents (a guidance against its overview):')
      for (const { path, finding } of shown)
        for (const line of findingLines(finding, `${path}:`)) output.out(line)
      output.out('')
    }
    if (!options.quiet) {
      const acrossWords =
        across.length > 0 ? `; across documents: ${severityWords(acrossCounts)}` : ''
      output.out(
        `guidex check: ${counted(files.length + problems.length, 'document')}: ${severityWords(inDocuments)}${acrossWords}${unreadable ? `; ${unreadable} unreadable` : ''}`,
      )
    }
  }
  const all = { ...inDocuments }
  addCounts(all, acrossCounts)
  return unreadable > 0 || failsOn(all, options.failOn ?? 'error') ? 1 : 0
}
