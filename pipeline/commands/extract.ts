/**
 * `guidex extract`: every input file through the processor, p-limit at the
 * file loop, results committed to the output folder in input order (so the
 * same batch always names its releases the same way).
 */

import path from 'node:path'
import pLimit from 'p-limit'
import type { Output } from '../cli.js'
import type { FailLevel, ReporterName } from '../cli/command-specs.js'
import type { ExtractedDocument } from '../extract-document.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { collectInputs, readInput } from '../lib/input-files.js'
import { packageVersion } from '../lib/package-root.js'
import type { MessageData } from '../lib/format-message.js'
import {
  awaitNoWriter,
  type LockOwner,
  lockOutput,
  OutputBusyError,
  type OutputLock,
} from '../lib/output-lock.js'
import { counted } from '../lib/plural.js'
import { printable } from '../lib/printable.js'
import { report, reportedFile } from '../lib/report-messages.js'
import { addCounts, failsOn, severityWords } from '../lib/severity-counts.js'
import { messageRule } from '../rules/rule-ids.js'
import { type Extractor, InThreadExtractor } from '../worker/extractor.js'
import { WorkerPool, workersAvailable } from '../worker/worker-pool.js'
import { sha256 } from '../writable-document.js'
import { type OutputNote, OutputStore, type WriteOutcome } from '../write-output.js'

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
  /** Glob patterns of files and folders to leave out of folders (optional). */
  ignore?: readonly string[]
  /** Time limit of one document, in seconds (default: 3 s and 2 s per MiB). */
  timeLimitSeconds?: number
  /** Memory limit of a worker, in MB (default: 1024). */
  memoryLimitMb?: number
  /** Wait for another run writing the output folder, rather than stop (default: `false`). */
  wait?: boolean
}

/** One document of a run, as `run.json` reports it. */
export interface RunDocument {
  path: string
  status: 'written' | 'unchanged' | 'restored' | 'failed' | 'up-to-date' | 'out-of-date'
  family: string | null
  release: string | null
  messages: MessageData[]
  findings: { error: number; warning: number; info: number }
  timings: { readMs: number; extractMs: number; writeMs: number }
}

/** Version of the `run.json` shape (`schemas/run.schema.json`). */
export const runSchemaVersion = '2.0.0'

/** A document read and extracted (or known already), with its timings. */
interface Extracted {
  extracted: ExtractedDocument
  readMs: number
  extractMs: number
  /** The sha256 of a text already written. */
  known?: string
  /** Whether it was extracted again, to restore its missing or damaged files. */
  restoring?: boolean
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
  if (options.out === '') {
    output.err('guidex: Expected an output folder after `--out`, not an empty one')
    return 2
  }
  // One writer at a time: a second run waits (`--wait`) or stops here.
  let lock: OutputLock | undefined
  const onWait = (owner: LockOwner) =>
    output.err(
      `guidex: waiting for the guidex run that is writing \`${options.out}\` (pid ${owner.pid}, since ${owner.startedAt})`,
    )
  let store: OutputStore
  try {
    if (options.check) await awaitNoWriter(options.out, { wait: options.wait ?? false, onWait })
    else lock = await lockOutput(options.out, { wait: options.wait ?? false, onWait })
    store = await OutputStore.open(options.out, {
      check: options.check,
      csvBom: options.csvBom ?? true,
    })
  } catch (error) {
    lock?.release()
    output.err(
      error instanceof OutputBusyError
        ? `guidex: ${error.message}`
        : `guidex: cannot use output folder \`${options.out}\`: ${(error as Error).message}`,
    )
    return 2
  }
  try {
    return await extractInto(store, options, output, runStarted)
  } finally {
    lock?.release()
  }
}

/** The run, once the output folder is held. */
async function extractInto(
  store: OutputStore,
  options: ExtractOptions,
  output: Output,
  runStarted: number,
): Promise<number> {
  const { files, problems } = await collectInputs(options.inputs, {
    out: options.out,
    ...(options.ignore ? { ignore: options.ignore } : {}),
  })
  const documents: RunDocument[] = problems.map((problem) => {
    const message: MessageData = {
      line: 1,
      column: 1,
      severity: 'error',
      ruleId: problem.ruleId,
      reason: problem.reason,
    }
    return {
      path: displayPath(problem.path),
      status: 'failed',
      family: null,
      release: null,
      messages: [message],
      findings: { error: 0, warning: 0, info: 0 },
      timings: { readMs: 0, extractMs: 0, writeMs: 0 },
    }
  })

  // Workers, even for one document at a time: a worker can be stopped when
  // a document exceeds its budget, and this thread stays free to obey a
  // signal. In this thread only where the build made no worker script.
  const pool: Extractor = workersAvailable
    ? new WorkerPool(Math.max(1, Math.min(options.concurrency, files.length)), {
        ...(options.timeLimitSeconds === undefined
          ? {}
          : { timeLimitMs: () => (options.timeLimitSeconds as number) * 1000 }),
        ...(options.memoryLimitMb === undefined ? {} : { memoryLimitMb: options.memoryLimitMb }),
      })
    : new InThreadExtractor()
  const limit = pLimit(options.concurrency * 2)
  const extractOne = (file: string) => limit(() => readAndExtract(file, pool, store))

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
  let indexSaved = performance.now()
  let indexSaveMs = 0
  try {
    for (let index = 0; index < files.length; index++) {
      const { extracted, readMs, extractMs, known, restoring } =
        await (inFlight.shift() as Promise<Extracted>)
      startNext()
      if (!options.quiet)
        output.progress?.(`${index + 1}/${files.length} ${printable(extracted.path)}`)
      const document: RunDocument = {
        path: extracted.path,
        status: 'failed',
        family: null,
        release: null,
        messages: extracted.messages,
        findings: extracted.findings,
        timings: { readMs: round(readMs), extractMs: round(extractMs), writeMs: 0 },
      }
      documents.push(document)
      const inputPath = pathFromOutput(files[index] as string, options.out)
      const writeStarted = performance.now()
      const differencesBefore = store.differences.length
      let outcome: WriteOutcome | undefined
      if (known && restoring && !extracted.document) {
        await store.cannotRestore(known, `extracting ${inputPath} again failed`)
        continue
      }
      if (known && !extracted.document) {
        outcome = store.seen(known, inputPath)
        // Counted from the index: a re-run totals what the first run found.
        document.findings = store.release(known)?.findings ?? document.findings
        addCounts(findings, document.findings)
      } else if (extracted.document) {
        addCounts(findings, extracted.findings)
        outcome = await store.commit(extracted.document, inputPath, extracted.findings)
      }
      if (!outcome) continue
      document.family = outcome.family
      document.release = outcome.release
      document.status = options.check
        ? store.differences.length > differencesBefore
          ? 'out-of-date'
          : 'up-to-date'
        : outcome.status
      document.timings.writeMs = round(performance.now() - writeStarted)
      // The index every second or so (less often when it is large): a run
      // stopped half way leaves an index that lists what it wrote, less the
      // last releases, which the next run writes again (the same bytes, at
      // the same place).
      const now = performance.now()
      if (
        !options.check &&
        outcome.status !== 'unchanged' &&
        now - indexSaved > Math.max(1000, 10 * indexSaveMs)
      ) {
        await store.saveIndex()
        indexSaved = performance.now()
        indexSaveMs = indexSaved - now
      }
    }
    // Releases this run did not see: checked, and restored from where their
    // input was seen when it is there still.
    for (const { sha256: hash, paths } of await store.checkUntouched()) {
      let restored = false
      for (const candidate of paths) {
        const read = readInput(candidate)
        if (!('bytes' in read) || sha256(read.bytes) !== hash) continue
        const { extracted } = await pool.extract({
          path: displayPath(candidate),
          bytes: read.bytes,
          sha256: hash,
        })
        if (!extracted.document) continue
        await store.commit(extracted.document, pathFromOutput(candidate, options.out))
        restored = true
        break
      }
      if (!restored) await store.cannotRestore(hash)
    }
  } catch (error) {
    await pool.close()
    throw error
  }
  // The workers are stopped while the last files are written.
  const closing = pool.close()
  output.progress?.('')

  const diffs = await store.writeDiffs()
  await store.removeUnlisted()
  await store.saveIndex()
  const unrepairable = store.notes.filter((note) => note.action === 'unrepairable')
  // Every problem in one report: the documents' messages, then the output's
  // files that cannot be restored (each at its path).
  const reported = report(
    [
      ...documents.map((document) => reportedFile(document.path, document.messages)),
      ...unrepairable.map((note) =>
        reportedFile(path.join(options.out, note.path), [
          {
            line: 1,
            column: 1,
            severity: 'error',
            ruleId: messageRule.unrepairable,
            reason: capitalise(note.reason),
          },
        ]),
      ),
    ],
    options.reporter ?? 'text',
  )
  if (reported) output.err(reported.trimEnd())
  if (!options.quiet && !options.check) {
    for (const note of store.notes) {
      if (note.action === 'unrepairable') continue
      output.out(
        `guidex: ${note.action} ${printable(path.join(options.out, note.path))}: ${note.reason}`,
      )
    }
  }
  const failed = documents.filter((document) => document.status === 'failed').length
  const failing = failsOn(findings, options.failOn ?? 'none')
  if (options.check) {
    for (const difference of store.differences)
      output.err(`guidex: --check: ${printable(difference)}`)
    const count = store.differences.length
    if (!options.quiet)
      output.out(
        `guidex: --check: ${counted(documents.length, 'document')}, ${count === 0 ? 'output up to date' : counted(count, 'difference')}${failed ? `, ${failed} failed` : ''}`,
      )
    await closing
    return failed > 0 || count > 0 || failing ? 1 : 0
  }

  const count = (status: RunDocument['status']) =>
    documents.filter((document) => document.status === status).length
  await writeRunReport(options, documents, findings, store.notes, performance.now() - runStarted)
  await closing
  if (!options.quiet) {
    const restored = count('restored')
    output.out(
      `guidex: ${counted(documents.length, 'document')}: ${count('written')} written, ${count('unchanged')} unchanged, ${restored > 0 ? `${restored} restored, ` : ''}${failed} failed → ${printable(options.out)}`,
    )
    // One line for the diffs (a batch of new releases makes many), each with `--verbose`.
    if (options.verbose)
      for (const diff of diffs)
        output.out(`guidex: diff ${printable(path.join(options.out, diff))}`)
    else if (diffs.length === 1)
      output.out(`guidex: 1 diff written: ${printable(path.join(options.out, diffs[0] as string))}`)
    else if (diffs.length > 1)
      output.out(
        `guidex: ${diffs.length} diffs written to ${printable(path.join(options.out, '<family>/diffs/'))} (--verbose lists them)`,
      )
    if (findings.error + findings.warning + findings.info > 0) {
      output.out(`guidex: findings: ${severityWords(findings)} (\`guidex check\` shows them)`)
    }
  }
  return failed > 0 || unrepairable.length > 0 || failing ? 1 : 0
}

/**
 * Read and extract one file. A text already in the output (same sha256),
 * its files whole, is skipped without parsing; one whose files are missing
 * or damaged is extracted again to restore them; a file that cannot be read
 * is a failed document, not a crash.
 */
async function readAndExtract(
  file: string,
  pool: Extractor,
  store: OutputStore,
): Promise<Extracted> {
  const shown = displayPath(file)
  const readStarted = performance.now()
  // Read here and now, not through the thread pool: the pool is busy
  // writing outputs, and a text of a few hundred KB is read faster than
  // the round trips of an asynchronous read (open, stat, read, close).
  const read = readInput(file)
  if ('problem' in read) {
    const message: MessageData = { line: 1, column: 1, severity: 'error', ...read.problem }
    return {
      extracted: withoutDocument(shown, [message]),
      readMs: performance.now() - readStarted,
      extractMs: 0,
    }
  }
  const bytes = read.bytes
  // Hashed once here: the skip below and the record both use it.
  const hash = sha256(bytes)
  const known = store.release(hash) ? hash : undefined
  const readMs = performance.now() - readStarted
  if (known && !(await store.needsExtraction(hash)))
    return { extracted: withoutDocument(shown, []), readMs, extractMs: 0, known }
  const { extracted, extractMs } = await pool.extract({ path: shown, bytes, sha256: hash })
  return { extracted, readMs, extractMs, ...(known ? { known, restoring: true } : {}) }
}

/** A document with nothing to write: unreadable, or known already. */
function withoutDocument(path: string, messages: MessageData[]): ExtractedDocument {
  return { path, messages, document: null, findings: { error: 0, warning: 0, info: 0 } }
}

/** A reason with a capital first letter, as messages start. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
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
  notes: readonly OutputNote[],
  durationMs: number,
): Promise<void> {
  const report = {
    schemaVersion: runSchemaVersion,
    generator: { name: 'guidex', version: packageVersion },
    finishedAt: new Date().toISOString(),
    durationMs: round(durationMs),
    concurrency: options.concurrency,
    totals: {
      documents: documents.length,
      written: documents.filter((document) => document.status === 'written').length,
      unchanged: documents.filter((document) => document.status === 'unchanged').length,
      restored: documents.filter((document) => document.status === 'restored').length,
      failed: documents.filter((document) => document.status === 'failed').length,
      findings,
    },
    documents,
    output: notes,
  }
  await writeFileAtomic(path.join(options.out, 'run.json'), `${JSON.stringify(report, null, 2)}\n`)
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

/**
 * A path as `index.json` records it: relative to the output folder, with
 * `/`, so that it is the same whatever folder the run was started from.
 *
 * @param file
 *   Path of an input (as given).
 * @param out
 *   Output folder.
 * @returns
 *   Path from the output folder to the input.
 */
export function pathFromOutput(file: string, out: string): string {
  return path.relative(path.resolve(out), path.resolve(file)).split(path.sep).join('/')
}
