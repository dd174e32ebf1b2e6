/**
 * `guidex extract`: every input file through the processor, p-limit at the
 * file loop, results committed to the output folder in input order (so the
 * same batch always names its releases the same way).
 */

import { readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import pLimit from 'p-limit'
import type { Output } from '../cli.js'
import type { FailLevel, ReporterName } from '../cli/command-specs.js'
import {
  type ExtractedDocument,
  extractDocument,
  type GuidexProcessor,
  summarise,
} from '../extract-document.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { packageVersion } from '../lib/package-root.js'
import type { MessageData } from '../lib/format-message.js'
import { counted } from '../lib/plural.js'
import { report, reportedFile } from '../lib/report-messages.js'
import { addCounts, failsOn, severityWords } from '../lib/severity-counts.js'
import { messageRule } from '../rules/rule-ids.js'
import { WorkerPool, workersAvailable } from '../worker/worker-pool.js'
import { sha256 } from '../writable-document.js'
import { OutputStore } from '../write-output.js'

/** Options of `extract`. */
export interface ExtractOptions {
  /** Files and folders to read (folders recursively, `*.txt`, `*.md` and `*.pdf`). */
  inputs: readonly string[]
  /** Output folder. */
  out: string
  /** Documents processed at once. */
  concurrency: number
  /** Compare the output with what the inputs give now, writing nothing. */
  check: boolean
  /** Exit 1 when a document has a finding at this level or above (optional; default: `none`). */
  failOn?: FailLevel
  /** How messages are printed (optional; default: `text`). */
  reporter?: ReporterName
  /** Print problems only: no summary, no progress (optional). */
  quiet?: boolean
  /** One line per diff written (optional). */
  verbose?: boolean
  /** Start each CSV with a UTF-8 BOM (optional; default: `true`). */
  csvBom?: boolean
  /** Globs of inputs to leave out (optional; the batch work reads them). */
  ignore?: readonly string[]
  /** Wait while another run holds the output folder (optional; the batch work reads it). */
  wait?: boolean
}

/** One document of a run, as `run.json` reports it. */
export interface RunDocument {
  path: string
  status: 'written' | 'unchanged' | 'failed' | 'up-to-date' | 'out-of-date'
  family: string | null
  release: string | null
  messages: MessageData[]
  findings: { error: number; warning: number; info: number }
  timings: { readMs: number; extractMs: number; writeMs: number }
}

/** A document read and extracted (or known already), with its timings. */
interface Extracted {
  extracted: ExtractedDocument
  readMs: number
  extractMs: number
  /** The release already holding this text, when it was skipped (and its findings). */
  known?: { family: string; release: string; findings: RunDocument['findings'] }
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
  const runStarted = performance.now()
  // Workers use the cores; one document at a time needs none. They start
  // first, so that they load their modules while this thread reads the inputs.
  const pool =
    options.concurrency > 1 && workersAvailable ? new WorkerPool(options.concurrency) : undefined
  let store: OutputStore
  try {
    store = await OutputStore.open(options.out, { csvBom: options.csvBom ?? true })
  } catch (error) {
    await pool?.close()
    output.err(`guidex: cannot use output folder \`${options.out}\`: ${(error as Error).message}`)
    return 2
  }

  let inputs: Awaited<ReturnType<typeof collectInputs>>
  try {
    inputs = await collectInputs(options.inputs)
  } catch (error) {
    // Idle workers would keep the process alive.
    await pool?.close()
    throw error
  }
  const { files, missing } = inputs
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
        ruleId: messageRule.missing,
        reason: 'Cannot read input: no such file or folder',
      },
    ],
    findings: { error: 0, warning: 0, info: 0 },
    timings: { readMs: 0, extractMs: 0, writeMs: 0 },
  }))

  // Without workers this thread extracts, and only then loads the stages.
  const processor = pool ? undefined : (await import('../create-pipeline.js')).createPipeline()
  const limit = pLimit(pool ? options.concurrency * 2 : options.concurrency)
  const extractOne = (file: string) =>
    limit(() =>
      readAndExtract(file, { pool, processor, skipKnown: options.check ? undefined : store }),
    )

  // A window of documents in flight, committed in input order (so a batch
  // always names its releases the same way); memory is bounded by the
  // window, not by the batch.
  const window = Math.max(4, options.concurrency * 4)
  const inFlight: Promise<Extracted>[] = []
  let started = 0
  const startNext = () => {
    if (started < files.length) {
      const extracting = extractOne(files[started++] as string)
      // Awaited in input order below; until then a rejection (a dead worker)
      // is not an unhandled one that would end the process with a stack trace.
      extracting.catch(() => {})
      inFlight.push(extracting)
    }
  }
  for (let index = 0; index < window; index++) startNext()

  const findings = { error: 0, warning: 0, info: 0 }
  const differences: string[] = []
  let indexSaved = performance.now()
  try {
    for (let index = 0; index < files.length; index++) {
      const { extracted, readMs, extractMs, known } = await (inFlight.shift() as Promise<Extracted>)
      startNext()
      if (!options.quiet) output.progress?.(`${index + 1}/${files.length} ${extracted.path}`)
      const document: RunDocument = {
        path: extracted.path,
        status: 'failed',
        family: known?.family ?? null,
        release: known?.release ?? null,
        messages: extracted.messages,
        findings: extracted.findings,
        timings: { readMs: round(readMs), extractMs: round(extractMs), writeMs: 0 },
      }
      documents.push(document)
      if (known) {
        document.status = 'unchanged'
        // Counted from the index: a re-run totals what the first run found.
        document.findings = known.findings
        addCounts(findings, known.findings)
        continue
      }
      if (!extracted.document) continue
      addCounts(findings, extracted.findings)
      const writeStarted = performance.now()
      if (options.check) {
        const found = await store.compare(extracted.document)
        differences.push(...found)
        document.status = found.length === 0 ? 'up-to-date' : 'out-of-date'
      } else {
        const outcome = await store.commit(extracted.document, extracted.findings)
        document.status = outcome.status
        document.family = outcome.family
        document.release = outcome.release
        // The index every second or so: a run stopped half way leaves an index
        // that lists what it wrote, less the last releases, which the next
        // run writes again (the same bytes, at the same place).
        if (outcome.status === 'written' && performance.now() - indexSaved > 1000) {
          await store.saveIndex()
          indexSaved = performance.now()
        }
      }
      document.timings.writeMs = round(performance.now() - writeStarted)
    }
  } catch (error) {
    await pool?.close()
    throw error
  }
  // The workers are stopped while the last files are written.
  const closing = pool?.close()
  output.progress?.('')
  const reported = report(
    documents.map((document) => reportedFile(document.path, document.messages)),
    options.reporter ?? 'text',
  )
  if (reported) output.err(reported.trimEnd())

  const failed = documents.filter((document) => document.status === 'failed').length
  const failing = failsOn(findings, options.failOn ?? 'none')
  if (options.check) {
    for (const difference of differences) output.err(`guidex: --check: ${difference}`)
    if (!options.quiet)
      output.out(
        `guidex: --check: ${counted(documents.length, 'document')}, ${differences.length === 0 ? 'output up to date' : counted(differences.length, 'difference')}${failed ? `, ${failed} failed` : ''}`,
      )
    await closing
    return failed > 0 || differences.length > 0 || failing ? 1 : 0
  }

  const diffs = await store.writeDiffs()
  await store.saveIndex()
  const count = (status: RunDocument['status']) =>
    documents.filter((document) => document.status === status).length
  await writeRunReport(options, documents, findings, performance.now() - runStarted)
  await closing
  if (!options.quiet) {
    output.out(
      `guidex: ${counted(documents.length, 'document')}: ${count('written')} written, ${count('unchanged')} unchanged, ${failed} failed → ${options.out}`,
    )
    // One line for the diffs (a batch of new releases makes many), each with `--verbose`.
    if (options.verbose)
      for (const diff of diffs) output.out(`guidex: diff ${path.join(options.out, diff)}`)
    else if (diffs.length === 1)
      output.out(`guidex: 1 diff written: ${path.join(options.out, diffs[0] as string)}`)
    else if (diffs.length > 1)
      output.out(
        `guidex: ${diffs.length} diffs written to ${path.join(options.out, '<family>/diffs/')} (--verbose lists them)`,
      )
    if (findings.error + findings.warning + findings.info > 0) {
      output.out(`guidex: findings: ${severityWords(findings)} (\`guidex check\` shows them)`)
    }
  }
  return failed > 0 || failing ? 1 : 0
}

/**
 * Read and extract one file. A text already in the output (same sha256) is
 * skipped without parsing; a file that cannot be read is a failed document,
 * not a crash.
 */
async function readAndExtract(
  file: string,
  how: {
    pool: WorkerPool | undefined
    processor: GuidexProcessor | undefined
    skipKnown: OutputStore | undefined
  },
): Promise<Extracted> {
  const shown = displayPath(file)
  const readStarted = performance.now()
  let bytes: Uint8Array
  try {
    // Read here and now, not through the thread pool: the pool is busy
    // writing outputs, and a text of a few hundred KB is read faster than
    // the round trips of an asynchronous read (open, stat, read, close).
    bytes = readFileSync(file)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    const message: MessageData = {
      line: 1,
      column: 1,
      severity: 'error',
      ruleId: messageRule.unreadable,
      reason: `Cannot read input: ${reason}`,
    }
    return {
      extracted: withoutDocument(shown, [message]),
      readMs: performance.now() - readStarted,
      extractMs: 0,
    }
  }
  // Hashed once here: the skip below and the record both use it.
  const hash = sha256(bytes)
  const known = how.skipKnown?.release(hash)
  const readMs = performance.now() - readStarted
  if (known) return { extracted: withoutDocument(shown, []), readMs, extractMs: 0, known }
  if (how.pool) {
    const { extracted, extractMs } = await how.pool.extract(shown, bytes, hash)
    return { extracted, readMs, extractMs }
  }
  const extractStarted = performance.now()
  const extracted = summarise(
    await extractDocument(bytes, shown, how.processor as GuidexProcessor, hash),
  )
  return { extracted, readMs, extractMs: performance.now() - extractStarted }
}

/** A document with nothing to write: unreadable, or known already. */
function withoutDocument(path: string, messages: MessageData[]): ExtractedDocument {
  return { path, messages, document: null, findings: { error: 0, warning: 0, info: 0 } }
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
    schemaVersion: '1.1.0',
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
 * Expand inputs: folders recursively for `*.txt`, `*.md` and `*.pdf`, in sorted order.
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
      .filter((entry) => entry.isFile() && /\.(?:txt|md|pdf)$/i.test(entry.name))
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
