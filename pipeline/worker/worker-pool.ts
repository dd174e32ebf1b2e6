/**
 * A pool of extract workers: one per unit of concurrency, each with its own
 * processor. Jobs go to the least busy worker.
 */

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { Worker } from 'node:worker_threads'
import type { ExtractedDocument } from '../extract-document.js'

/** The worker script (compiled); absent when running from the TypeScript sources. */
const workerFile = fileURLToPath(new URL('./extract-worker.js', import.meta.url))

/** Whether workers can be started (the compiled worker script is there). */
export const workersAvailable = existsSync(workerFile)

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

  /**
   * @param size
   *   Number of workers.
   */
  constructor(size: number) {
    setBatchTiering()
    for (let index = 0; index < size; index++) {
      // A young generation as large as the main thread's: the stages allocate many
      // short-lived objects, and a small one makes a worker collect garbage twice as often.
      const worker = new Worker(workerFile, { resourceLimits: { maxYoungGenerationSizeMb: 48 } })
      worker.on(
        'message',
        (message: { id: number; extracted: ExtractedDocument; extractMs: number }) => {
          const entry = this.pending.get(message.id)
          this.pending.delete(message.id)
          this.release(worker)
          entry?.resolve(message)
        },
      )
      worker.on('error', (error) => {
        for (const entry of this.pending.values()) entry.reject(error)
        this.pending.clear()
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
    const worker =
      this.takePlace() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)))
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

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()))
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
