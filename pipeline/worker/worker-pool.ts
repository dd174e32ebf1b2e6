/**
 * A pool of extract workers: one per unit of concurrency, each with its own
 * processor. Jobs go to the least busy worker.
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
import { setFlagsFromString } from 'node:v8'
import type * as vm from 'node:vm'
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'
import type * as workerThreads from 'node:worker_threads'
import type { ExtractedDocument } from '../extract-document.js'

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

/**
 * V8 tiering for short-lived batch threads. Each worker compiles the whole
 * pipeline anew, and with V8's defaults its optimising compiler (on helper
 * threads that all workers share) took about as much CPU as the extraction
 * itself on a 200-document batch: on two cores, the two workers' compiles
 * and their extraction competed for the same cores. Optimising only code that
 * stays hot four times longer, and inlining less into it, cut the CPU of that
 * batch by a fifth; steady-state speed loses a few percent. V8 flags are
 * process-wide: set once, before the first worker's isolate exists, and never
 * over a value given on the command line.
 */
const batchTiering = {
  'interrupt-budget': '528000',
  'max-inlined-bytecode-size-cumulative': '230',
}

let tieringSet = false

/** Set `batchTiering`, once, where the command line does not set the same flag. */
function setBatchTiering(): void {
  if (tieringSet) return
  tieringSet = true
  for (const [flag, value] of Object.entries(batchTiering)) {
    const spellings = [flag, flag.replaceAll('-', '_')]
    const given = process.execArgv.some((argument) =>
      spellings.some((name) => argument.startsWith(`--${name}`)),
    )
    if (given) continue
    setFlagsFromString(`--${flag}=${value}`)
  }
}

interface Pending {
  resolve: (value: { extracted: ExtractedDocument; extractMs: number }) => void
  reject: (error: Error) => void
}

/**
 * Jobs queued on one worker at a time: the next one is already there when it
 * finishes, so it never waits for this thread (busy writing) to send one.
 */
const queueDepth = 2

/** Worker threads that extract documents. */
export class WorkerPool {
  /** Jobs sent to each worker and not yet answered. */
  private readonly load = new Map<Worker, number>()
  private readonly waiting: ((worker: Worker) => void)[] = []
  private readonly pending = new Map<number, Pending>()
  private readonly workers: Worker[] = []
  private nextId = 0
  /** Why a worker died, once one has. */
  private failure: Error | undefined
  /** Questions to the cache port not yet answered (rejected if the worker dies). */
  private readonly cacheWaiters: ((error: Error) => void)[] = []

  /** The first worker's side of its code cache channel (the build's pool only). */
  private readonly cachePort: MessagePort | undefined

  /** Set by `close`: workers that exit from then on were told to. */
  private closing = false

  /**
   * @param size
   *   Number of workers.
   * @param options
   *   `cacheControl`: the first worker can write the code cache of the
   *   bundle (`writeCodeCache`, the build) and tell whether it compiled the
   *   bundle from it (`codeCacheUsed`, the tests).
   */
  constructor(size: number, options: { cacheControl?: boolean } = {}) {
    setBatchTiering()
    const channel = options.cacheControl ? new MessageChannel() : undefined
    this.cachePort = channel?.port1
    for (let index = 0; index < size; index++) {
      const cachePort = index === 0 ? (channel?.port2 ?? null) : null
      const workerData: LoaderData = { bundle: workerBundle, cache: workerCodeCache, cachePort }
      // A young generation twice the main thread's: a record stays alive while its
      // document is processed, and every scavenge copies it. With room for about a
      // whole overview's allocations, a 200-document batch made 80 scavenges instead
      // of 108 and paused 290 ms instead of 440 (both workers), for 25 MB more memory.
      const worker = new Worker(workerLoader, {
        workerData,
        transferList: cachePort ? [cachePort] : [],
        resourceLimits: { maxYoungGenerationSizeMb: 96 },
      })
      worker.on(
        'message',
        (message: { id: number; extracted: ExtractedDocument; extractMs: number }) => {
          const entry = this.pending.get(message.id)
          this.pending.delete(message.id)
          this.release(worker)
          entry?.resolve(message)
        },
      )
      // A worker that dies (its script fails to load or throws, it runs out of
      // memory, it ends without a word) fails every job sent and every job to
      // come: nothing waits for it forever.
      worker.on('error', (error) => this.fail(`A worker thread failed: ${error.message}`))
      worker.on('exit', (code) => {
        if (!this.closing) this.fail(`A worker thread stopped (exit code ${code})`)
      })
      this.workers.push(worker)
      this.load.set(worker, 0)
    }
  }

  /**
   * Extract one document on a worker.
   *
   * @param path
   *   Path to record.
   * @param bytes
   *   The input's bytes (transferred, not copied).
   * @param sha256
   *   Their sha256 (computed once, by the reader).
   * @returns
   *   The extracted document and the time it took.
   */
  async extract(
    path: string,
    bytes: Uint8Array,
    sha256: string,
  ): Promise<{ extracted: ExtractedDocument; extractMs: number }> {
    if (this.failure) throw this.failure
    const worker =
      this.takePlace() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)))
    if (this.failure) throw this.failure
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      const buffer = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer
      worker.postMessage({ id, path, bytes: new Uint8Array(buffer), sha256 }, [buffer])
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

  /** Stop every worker. */
  async close(): Promise<void> {
    this.closing = true
    this.cachePort?.close()
    await Promise.all(this.workers.map((worker) => worker.terminate()))
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

  /** A worker died: fail what waits on the pool, and all that comes. */
  private fail(reason: string): void {
    this.failure ??= new Error(reason)
    for (const entry of this.pending.values()) entry.reject(this.failure)
    this.pending.clear()
    for (const reject of this.cacheWaiters.splice(0)) reject(this.failure)
    for (const waiting of this.waiting.splice(0)) waiting(this.workers[0] as Worker)
  }

  /** A place on the worker with the fewest jobs, if one can take another. */
  private takePlace(): Worker | undefined {
    let best: Worker | undefined
    for (const worker of this.workers) {
      const load = this.load.get(worker) ?? 0
      if (load < queueDepth && (best === undefined || load < (this.load.get(best) ?? 0)))
        best = worker
    }
    if (best) this.load.set(best, (this.load.get(best) ?? 0) + 1)
    return best
  }

  /** A worker answered: its place goes to the next waiting job, if any. */
  private release(worker: Worker): void {
    const next = this.waiting.shift()
    if (next) next(worker)
    else this.load.set(worker, (this.load.get(worker) ?? 1) - 1)
  }
}
