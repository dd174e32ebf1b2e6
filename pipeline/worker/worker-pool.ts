/**
 * A pool of extract workers, the swap-in for the in-thread extractor
 * (`extractor.ts`): up to one worker per unit of concurrency, each with its
 * own processor, started as jobs need them. Jobs go to the least busy worker.
 *
 * Each document has a budget: a time limit (from the moment its worker
 * starts on it) and a memory limit (the worker's heap, `resourceLimits`). A
 * worker that exceeds either is stopped and a fresh one started in its
 * place; that document fails with a message saying which limit, the
 * documents queued behind it go to the fresh worker, and the batch goes on.
 *
 * A worker runs `extract-worker.ts` bundled by the build into one CommonJS
 * script (`build-worker.ts`), compiled from V8's code cache of that script
 * when there is one: a worker then neither starts Node's ES module loader nor
 * reads, links and compiles some fifty modules before its first document.
 */

import type * as crypto from 'node:crypto'
import type * as fs from 'node:fs'
import { existsSync } from 'node:fs'
import type * as nodeModule from 'node:module'
import type * as nodePath from 'node:path'
import { fileURLToPath } from 'node:url'
import type * as vm from 'node:vm'
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'
import type * as workerThreads from 'node:worker_threads'
import type { ExtractedDocument } from '../extract-document.js'
import type { MessageData } from '../lib/format-message.js'
import { messageRule } from '../rules/rule-ids.js'
import type { Extraction, ExtractionJob, Extractor } from './extractor.js'

/** The bundled worker script; absent when running from the TypeScript sources. */
export const workerBundle = fileURLToPath(new URL('./extract-worker.bundle.cjs', import.meta.url))

/**
 * V8's code cache of `workerBundle`, made by the build: the sha256 of the
 * bundle's text (64 hex characters), then V8's data. Used only with the very
 * bundle it was made from (V8 itself checks only the text's length).
 */
export const workerCodeCache = `${workerBundle}.cache`

/**
 * The loader every worker starts from (`loadWorkerBundle` below, written out
 * by the build): a `.cjs` file is CommonJS whatever the process's options
 * (`--input-type=module` would make code given as text an ES module).
 */
export const workerLoader = fileURLToPath(new URL('./extract-worker.loader.cjs', import.meta.url))

/** Whether workers can be started (the build made the worker script and its loader). */
export const workersAvailable = existsSync(workerBundle) && existsSync(workerLoader)

/**
 * The text of the loader file.
 *
 * @returns
 *   CommonJS source.
 */
export function workerLoaderSource(): string {
  return `'use strict';\n// Made by the build from \`loadWorkerBundle\` in worker-pool.ts.\n(${loadWorkerBundle.toString()})()\n`
}

/** What a worker's loader is told. */
interface LoaderData {
  bundle: string
  cache: string
  /**
   * Where the loader answers `'write'` (write the code cache) and `'status'`
   * (was the cache used?): the build's worker and the tests' only.
   */
  cachePort: MessagePort | null
}

/** The loader's answer on its cache port. */
type CacheAnswer = { written: true } | { cacheUsed: boolean } | { error: string }

/**
 * The loader, run in each worker from `workerLoader` (CommonJS: the worker
 * starts no ES module loader, unless a text needs remark-parse, which it
 * loads by `require`). It compiles the bundle with the code cache when the
 * cache was made from this bundle, and runs it. It sees nothing of this
 * module: everything it needs comes from `workerData`.
 */
function loadWorkerBundle(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS script, by design */
  const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs') as typeof fs
  const { createHash } = require('node:crypto') as typeof crypto
  const Module = require('node:module') as typeof nodeModule
  const path = require('node:path') as typeof nodePath
  const { Script } = require('node:vm') as typeof vm
  const { workerData } = require('node:worker_threads') as typeof workerThreads
  /* eslint-enable @typescript-eslint/no-require-imports */
  const { bundle, cache, cachePort } = workerData as LoaderData
  const source = readFileSync(bundle, 'utf8')
  const digest = createHash('sha256').update(source).digest('hex')
  let cachedData: Buffer | undefined
  try {
    const stored = readFileSync(cache)
    if (stored.subarray(0, 64).toString('latin1') === digest) cachedData = stored.subarray(64)
  } catch {
    // No cache: V8 compiles the bundle as it would any script.
  }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData })
  const exports = {}
  const run = script.runInThisContext() as (...parameters: unknown[]) => void
  run.call(
    exports,
    exports,
    Module.createRequire(bundle),
    { exports },
    bundle,
    path.dirname(bundle),
  )
  // The build's worker writes the cache once it has extracted documents, so
  // that the functions they needed are compiled into it too.
  cachePort?.on('message', (request: 'write' | 'status') => {
    if (request === 'status') {
      const answer: CacheAnswer = {
        cacheUsed: cachedData !== undefined && !script.cachedDataRejected,
      }
      cachePort.postMessage(answer)
      return
    }
    const temporary = `${cache}.${process.pid}.tmp`
    let answer: CacheAnswer = { written: true }
    try {
      const data = Buffer.concat([Buffer.from(digest, 'latin1'), script.createCachedData()])
      writeFileSync(temporary, data)
      renameSync(temporary, cache)
    } catch (error) {
      rmSync(temporary, { force: true })
      answer = { error: `Cannot write the code cache ${cache}: ${(error as Error).message}` }
    }
    cachePort.postMessage(answer)
  })
}

/** Rule ids of the messages of a document the pool stopped (from the registry). */
const budgetRule = {
  time: messageRule.timeLimit,
  memory: messageRule.memoryLimit,
  crash: messageRule.workerStopped,
} as const

/**
 * The default time limit of one document: 3 s, and 2 s more per MiB. A
 * 230 KB overview takes 30 to 50 ms in a warm worker and a few hundred on
 * a cold, busy one; every stage is linear, so a file of the largest size
 * accepted (4 MiB, 11 s) has room too.
 *
 * @param bytes
 *   Size of the input.
 * @returns
 *   Milliseconds.
 */
export function defaultTimeLimitMs(bytes: number): number {
  return 3000 + (2000 * bytes) / (1024 * 1024)
}

/**
 * The default memory limit of a worker's old generation, in MB: the largest
 * input accepted (4 MiB) needs a few hundred.
 */
export const defaultMemoryLimitMb = 1024

/** Options of the pool. */
export interface WorkerPoolOptions {
  /** The time limit of a document, from its size (default: `defaultTimeLimitMs`). */
  timeLimitMs?: (bytes: number) => number
  /** The heap of a worker (its old generation), in MB (default: `defaultMemoryLimitMb`). */
  memoryLimitMb?: number
  /**
   * The first worker can write the code cache of the bundle
   * (`writeCodeCache`, the build) and tell whether it compiled the bundle
   * from it (`codeCacheUsed`, the tests) (default: `false`).
   */
  cacheControl?: boolean
}

/** A job of the pool: what was asked, and who waits for it. */
interface PendingJob {
  id: number
  job: ExtractionJob
  resolve: (value: Extraction) => void
  reject: (error: Error) => void
}

/** What a worker sends: that it is ready, or the answer to a job. */
type WorkerMessage =
  { ready: true } | { id: number; extracted: ExtractedDocument; extractMs: number }

/** One worker and the jobs sent to it, oldest (the one it works on) first. */
interface Slot {
  worker: Worker
  /** Set once the worker has loaded its script and built its processor. */
  ready: boolean
  jobs: PendingJob[]
  /** The time limit of the first job, once the worker is on it. */
  timer: NodeJS.Timeout | undefined
  /** When the worker started on its first job. */
  startedAt: number
  /** Why the pool stopped it (the first job's limit), or the error it reported. */
  stopped: { rule: (typeof budgetRule)[keyof typeof budgetRule]; reason: string } | undefined
  error: Error | undefined
  /** Whether this worker holds the code cache port. */
  cacheWorker: boolean
}

/**
 * Jobs queued on one worker at a time: the next one is already there when it
 * finishes, so it never waits for this thread (busy writing) to send one.
 */
const queueDepth = 2

/** Worker threads that extract documents. */
export class WorkerPool implements Extractor {
  private readonly size: number
  private readonly timeLimitMs: (bytes: number) => number
  private readonly memoryLimitMb: number
  private readonly slots: Slot[] = []
  /** Jobs not sent to a worker yet (and those of a stopped worker, sent again). */
  private readonly queue: PendingJob[] = []
  private nextId = 0
  /** Why the pool cannot go on (a worker that does not start), once it cannot. */
  private failure: Error | undefined
  /** Questions to the cache port not yet answered (rejected if the worker dies). */
  private readonly cacheWaiters: ((error: Error) => void)[] = []
  /** The first worker's side of its code cache channel (the build's pool only). */
  private readonly cachePort: MessagePort | undefined
  /** Set by `close`: workers that exit from then on were told to. */
  private closing = false

  /**
   * @param size
   *   Number of workers at most (each started when a job needs it).
   * @param options
   *   Budget and cache control.
   */
  constructor(size: number, options: WorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1) {
      throw new TypeError('Expected `size` to be a number from 1 and up')
    }
    this.size = size
    this.timeLimitMs = options.timeLimitMs ?? defaultTimeLimitMs
    this.memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb
    if (options.cacheControl) {
      const channel = new MessageChannel()
      this.cachePort = channel.port1
      this.startWorker(channel.port2)
    }
  }

  /**
   * Extract one document on a worker.
   *
   * @param job
   *   The document (its bytes are copied to the worker: they are kept here
   *   until it answers, to send again should it be stopped).
   * @returns
   *   The extracted document and the time it took; a document that exceeds
   *   its budget is a failed document, not a rejection.
   * @throws {Error}
   *   When a worker cannot start (its script fails to load).
   */
  async extract(job: ExtractionJob): Promise<Extraction> {
    if (this.failure) throw this.failure
    if (this.closing) throw new Error('The worker pool is closed')
    return new Promise<Extraction>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject })
      this.dispatch()
    })
  }

  /**
   * Have the first worker write V8's code cache of the bundle, with every
   * function compiled so far (a pool made with `cacheControl`).
   *
   * @returns
   *   When the cache is written.
   * @throws {Error}
   *   When it cannot be written, or the worker died.
   */
  async writeCodeCache(): Promise<void> {
    const answer = await this.askCache('write')
    if ('error' in answer) throw new Error(answer.error)
  }

  /**
   * Whether the first worker compiled the bundle from the code cache (a pool
   * made with `cacheControl`): V8 refuses a cache made under other V8 flags.
   *
   * @returns
   *   Whether the cache was used.
   */
  async codeCacheUsed(): Promise<boolean> {
    const answer = await this.askCache('status')
    return 'cacheUsed' in answer && answer.cacheUsed
  }

  /**
   * Stop every worker.
   *
   * @returns
   *   When they have stopped.
   */
  async close(): Promise<void> {
    this.closing = true
    this.cachePort?.close()
    for (const slot of this.slots) clearTimeout(slot.timer)
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }

  /** Ask the first worker's loader over its cache port; a dead worker fails the question. */
  private async askCache(request: 'write' | 'status'): Promise<CacheAnswer> {
    const port = this.cachePort
    if (!port) throw new Error('This pool was not made with `cacheControl`')
    if (this.failure) throw this.failure
    return new Promise<CacheAnswer>((resolve, reject) => {
      this.cacheWaiters.push(reject)
      port.once('message', (answer: CacheAnswer) => {
        this.cacheWaiters.splice(this.cacheWaiters.indexOf(reject), 1)
        resolve(answer)
      })
      port.postMessage(request)
    })
  }

  /** Send queued jobs to workers with room, starting workers as needed. */
  private dispatch(): void {
    while (this.queue.length > 0 && !this.failure && !this.closing) {
      const slot = this.placeForJob()
      if (!slot) return
      const pending = this.queue.shift() as PendingJob
      slot.jobs.push(pending)
      const { path, bytes, sha256 } = pending.job
      slot.worker.postMessage({ id: pending.id, path, bytes, sha256 })
      if (slot.ready && slot.jobs.length === 1) this.startTimer(slot)
    }
  }

  /** An idle worker, else a new one while under the size, else the least busy with room. */
  private placeForJob(): Slot | undefined {
    let best: Slot | undefined
    for (const slot of this.slots) {
      if (slot.jobs.length === 0) return slot
      if (slot.jobs.length < queueDepth && (!best || slot.jobs.length < best.jobs.length))
        best = slot
    }
    if (this.slots.length < this.size) return this.startWorker(null)
    return best
  }

  /** Start a worker (the first one with the cache port, when asked). */
  private startWorker(cachePort: MessagePort | null): Slot {
    const workerData: LoaderData = { bundle: workerBundle, cache: workerCodeCache, cachePort }
    // A young generation twice the main thread's: a record stays alive while its
    // document is processed, and every scavenge copies it. With room for about a
    // whole overview's allocations, a 200-document batch made 80 scavenges instead
    // of 108 and paused 290 ms instead of 440 (both workers), for 25 MB more memory.
    const worker = new Worker(workerLoader, {
      workerData,
      transferList: cachePort ? [cachePort] : [],
      resourceLimits: {
        maxYoungGenerationSizeMb: 96,
        maxOldGenerationSizeMb: this.memoryLimitMb,
      },
    })
    const slot: Slot = {
      worker,
      ready: false,
      jobs: [],
      timer: undefined,
      startedAt: 0,
      stopped: undefined,
      error: undefined,
      cacheWorker: cachePort !== null,
    }
    worker.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        slot.ready = true
        if (slot.jobs.length > 0) this.startTimer(slot)
        return
      }
      clearTimeout(slot.timer)
      const pending = slot.jobs.shift()
      if (slot.jobs.length > 0) this.startTimer(slot)
      pending?.resolve(message)
      this.dispatch()
    })
    worker.on('error', (error) => {
      slot.error = error
    })
    worker.on('exit', (code) => this.workerExited(slot, code))
    this.slots.push(slot)
    return slot
  }

  /** The time limit of a worker's first job runs from now. */
  private startTimer(slot: Slot): void {
    const first = slot.jobs[0]
    if (!first) return
    slot.startedAt = performance.now()
    const limit = this.timeLimitMs(first.job.bytes.length)
    slot.timer = setTimeout(() => {
      slot.stopped = {
        rule: budgetRule.time,
        reason: `Cannot extract within the time limit: stopped after ${seconds(limit)} s`,
      }
      void slot.worker.terminate()
    }, limit)
  }

  /**
   * A worker ended. Told to (closing): nothing to do. Before it was ready
   * (its script failed): the pool cannot go on. Otherwise its first job
   * exceeded its budget or crashed it: that job fails, the others go to a
   * fresh worker.
   */
  private workerExited(slot: Slot, code: number): void {
    clearTimeout(slot.timer)
    this.slots.splice(this.slots.indexOf(slot), 1)
    if (this.closing) return
    if (slot.cacheWorker) {
      const error = new Error(
        `A worker thread stopped (exit code ${code})${slot.error ? `: ${slot.error.message}` : ''}`,
      )
      for (const reject of this.cacheWaiters.splice(0)) reject(error)
    }
    if (!slot.ready) {
      this.queue.unshift(...slot.jobs.splice(0))
      this.fail(
        slot.error
          ? `A worker thread failed: ${slot.error.message}`
          : `A worker thread stopped (exit code ${code})`,
      )
      return
    }
    const [first, ...rest] = slot.jobs
    if (first) {
      const stopped =
        slot.stopped ??
        ((slot.error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              rule: budgetRule.memory,
              reason: `Cannot extract within the memory limit: the document needed more than ${this.memoryLimitMb} MB`,
            }
          : {
              rule: budgetRule.crash,
              reason: `Cannot extract: the worker thread stopped (${slot.error?.message ?? `exit code ${code}`})`,
            })
      first.resolve({
        extracted: failedDocument(first.job.path, stopped.rule, stopped.reason),
        extractMs: performance.now() - slot.startedAt,
      })
    }
    // Sent again, in their order, before the jobs not sent yet.
    this.queue.unshift(...rest)
    this.dispatch()
  }

  /** The pool cannot go on: fail what waits on it, and all that comes. */
  private fail(reason: string): void {
    this.failure ??= new Error(reason)
    const waiting = [...this.queue.splice(0), ...this.slots.flatMap((slot) => slot.jobs.splice(0))]
    for (const pending of waiting) pending.reject(this.failure)
    for (const reject of this.cacheWaiters.splice(0)) reject(this.failure)
  }
}

/** A document the pool stopped: one fatal message, no record. */
function failedDocument(path: string, ruleId: string, reason: string): ExtractedDocument {
  const message: MessageData = { line: 1, column: 1, severity: 'error', ruleId, reason }
  return { path, messages: [message], document: null, findings: { error: 0, warning: 0, info: 0 } }
}

/** Milliseconds as seconds, to a tenth. */
function seconds(milliseconds: number): string {
  return (Math.round(milliseconds / 100) / 10).toString()
}
