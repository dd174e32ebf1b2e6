/**
 * `guidex extract`: every input file through the processor, p-limit at the
 * file loop, results committed to the output folder in input order (so the
 * same batch always names its releases the same way).
 */

import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import pLimit from 'p-limit'
import { VFile } from 'vfile'
import type { Output } from '../cli.js'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, type GuidexProcessor, hasFailed } from '../extract-document.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { packageVersion } from '../lib/package-root.js'
import { formatMessage } from '../lib/format-message.js'
import type { DocumentRecord } from '../types.js'
import { OutputStore } from '../write-output.js'

/** Options of `extract`. */
export interface ExtractOptions {
  /** Files and folders to read (folders recursively, `*.txt` and `*.md`). */
  inputs: readonly string[]
  /** Output folder. */
  out: string
  /** Documents processed at once. */
  concurrency: number
  /** Compare the output with what the inputs give now, writing nothing. */
  check: boolean
}

/** One document of a run, as `run.json` reports it. */
export interface RunDocument {
  path: string
  status: 'written' | 'unchanged' | 'failed' | 'up-to-date' | 'out-of-date'
  family: string | null
  release: string | null
  messages: {
    line: number
    column: number
    severity: 'error' | 'warning' | 'info'
    ruleId: string | null
    reason: string
  }[]
  findings: { error: number; warning: number; info: number }
  timings: { readMs: number; extractMs: number; writeMs: number }
}

/** A document read and extracted, with its timings. */
interface Extracted {
  file: VFile
  readMs: number
  extractMs: number
}

/**
 * Run `extract`.
 *
 * @param options
 *   Options.
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runExtract(options: ExtractOptions, output: Output): Promise<number> {
  const started = performance.now()
  let store: OutputStore
  try {
    store = await OutputStore.open(options.out)
  } catch (error) {
    output.err(`guidex: cannot use output folder \`${options.out}\`: ${(error as Error).message}`)
    return 2
  }

  const { files, missing } = await collectInputs(options.inputs)
  const documents: RunDocument[] = missing.map((input) => ({
    path: input,
    status: 'failed',
    family: null,
    release: null,
    messages: [
      {
        line: 1,
        column: 1,
        severity: 'error',
        ruleId: 'missing',
        reason: 'Cannot read input: no such file or folder',
      },
    ],
    findings: { error: 0, warning: 0, info: 0 },
    timings: { readMs: 0, extractMs: 0, writeMs: 0 },
  }))
  for (const input of missing)
    output.err(`${input}:1:1: error: Cannot read input: no such file or folder`)

  const processor = createPipeline()
  const limit = pLimit(options.concurrency)
  const tasks = files.map((file) => limit(() => readAndExtract(file, processor)))

  const findings = { error: 0, warning: 0, info: 0 }
  const differences: string[] = []
  // Committed in input order, so a batch always names its releases the same way.
  for (const [index, task] of tasks.entries()) {
    const { file, readMs, extractMs } = await task
    output.progress?.(`${index + 1}/${tasks.length} ${file.path}`)
    for (const message of file.messages) output.err(formatMessage(message, file))
    const document: RunDocument = {
      path: file.path,
      status: 'failed',
      family: null,
      release: null,
      messages: file.messages.map((message) => ({
        line: message.line ?? 1,
        column: message.column ?? 1,
        severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
        ruleId: message.ruleId ?? null,
        reason: message.reason,
      })),
      findings: { error: 0, warning: 0, info: 0 },
      timings: { readMs: round(readMs), extractMs: round(extractMs), writeMs: 0 },
    }
    documents.push(document)
    if (hasFailed(file) || typeof file.value !== 'string') continue
    const record = file.data.record as DocumentRecord
    for (const finding of record.findings) {
      findings[finding.severity]++
      document.findings[finding.severity]++
    }
    const writeStarted = performance.now()
    if (options.check) {
      const found = await store.compare(record, file.value)
      differences.push(...found)
      document.status = found.length === 0 ? 'up-to-date' : 'out-of-date'
    } else {
      const outcome = await store.commit(record, file.value)
      document.status = outcome.status
      document.family = outcome.family
      document.release = outcome.release
      // The index after every release: a run stopped half way leaves a true index.
      if (outcome.status === 'written') await store.saveIndex()
    }
    document.timings.writeMs = round(performance.now() - writeStarted)
  }
  output.progress?.('')

  const failed = documents.filter((document) => document.status === 'failed').length
  if (options.check) {
    for (const difference of differences) output.err(`guidex: --check: ${difference}`)
    output.out(
      `guidex: --check: ${documents.length} documents, ${differences.length === 0 ? 'output up to date' : `${differences.length} differences`}${failed ? `, ${failed} failed` : ''}`,
    )
    return failed > 0 || differences.length > 0 ? 1 : 0
  }

  const diffs = await store.writeDiffs()
  await store.saveIndex()
  const count = (status: RunDocument['status']) =>
    documents.filter((document) => document.status === status).length
  await writeRunReport(options, documents, findings, performance.now() - started)
  const total = documents.length
  output.out(
    `guidex: ${total} document${total === 1 ? '' : 's'}: ${count('written')} written, ${count('unchanged')} unchanged, ${failed} failed → ${options.out}`,
  )
  for (const diff of diffs) output.out(`guidex: diff ${path.join(options.out, diff)}`)
  if (findings.error + findings.warning > 0) {
    output.out(
      `guidex: consistency findings: ${findings.error} errors, ${findings.warning} warnings, ${findings.info} info (see \`guidex check\`)`,
    )
  }
  return failed > 0 ? 1 : 0
}

/** Read and extract one file; a file that cannot be read is a failed document, not a crash. */
async function readAndExtract(file: string, processor: GuidexProcessor): Promise<Extracted> {
  const readStarted = performance.now()
  let bytes: Uint8Array
  try {
    bytes = await readFile(file)
  } catch (error) {
    const failed = new VFile({ path: displayPath(file) })
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    const message = failed.message(`Cannot read input: ${reason}`, {
      ruleId: 'unreadable',
      source: 'guidex',
    })
    message.fatal = true
    return { file: failed, readMs: performance.now() - readStarted, extractMs: 0 }
  }
  const readMs = performance.now() - readStarted
  const extractStarted = performance.now()
  const extracted = extractDocument(bytes, displayPath(file), processor)
  return { file: extracted, readMs, extractMs: performance.now() - extractStarted }
}

/** Milliseconds to a tenth. */
function round(milliseconds: number): number {
  return Math.round(milliseconds * 10) / 10
}

/**
 * Write `run.json`: the run-time facts (status, messages, timings) that do
 * not belong in the records, so that records stay byte-identical between runs.
 */
async function writeRunReport(
  options: ExtractOptions,
  documents: RunDocument[],
  findings: RunDocument['findings'],
  durationMs: number,
): Promise<void> {
  const report = {
    schemaVersion: '1.0.0',
    generator: { name: 'guidex', version: packageVersion },
    finishedAt: new Date().toISOString(),
    durationMs: round(durationMs),
    concurrency: options.concurrency,
    totals: {
      documents: documents.length,
      written: documents.filter((document) => document.status === 'written').length,
      unchanged: documents.filter((document) => document.status === 'unchanged').length,
      failed: documents.filter((document) => document.status === 'failed').length,
      findings,
    },
    documents,
  }
  await writeFileAtomic(path.join(options.out, 'run.json'), `${JSON.stringify(report, null, 2)}\n`)
}

/**
 * Expand inputs: folders recursively for `*.txt` and `*.md`, in sorted order.
 *
 * @param inputs
 *   Files and folders.
 * @returns
 *   Files to read, and inputs that do not exist.
 */
export async function collectInputs(
  inputs: readonly string[],
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = []
  const missing: string[] = []
  for (const input of inputs) {
    let stats: Awaited<ReturnType<typeof stat>>
    try {
      stats = await stat(input)
    } catch {
      missing.push(input)
      continue
    }
    if (!stats.isDirectory()) {
      files.push(input)
      continue
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true })
    const found = entries
      .filter((entry) => entry.isFile() && /\.(?:txt|md)$/i.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()
    files.push(...found)
  }
  return { files, missing }
}

/**
 * A path as recorded: relative to the working folder when inside it, with `/`.
 *
 * @param file
 *   Path.
 * @returns
 *   Path to show and record.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
  return shown.split(path.sep).join('/')
}
