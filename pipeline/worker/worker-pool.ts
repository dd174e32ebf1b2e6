/**
 * A pool of extract workers: one per unit of concurrency, each with its own
 * processor. Jobs go to the first idle worker.
 */

import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ExtractedDocument } from '../extract-document.js'

/** The worker script (compiled); absent when running from the TypeScript sources. */
const workerFile = fileURLToPath(new URL('./extract-worker.js', import.meta.url))

/** Whether workers can be started (the compiled worker script is there). */
export const workersAvailable = existsSync(workerFile)

interface Pending {
  resolve: (value: { extracted: ExtractedDocument; extractMs: number }) => void
  reject: (error: Error) => void
}

/** Worker threads that extract documents. */
export class WorkerPool {
  private readonly idle: Worker[] = []
  private readonly waiting: ((worker: Worker) => void)[] = []
  private readonly pending = new Map<number, Pending>()
  private readonly workers: Worker[] = []
  private nextId = 0

  /**
   * @param size
   *   Number of workers.
   */
  constructor(size: number) {
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
      this.idle.push(worker)
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
      this.idle.pop() ?? (await new Promise<Worker>((resolve) => this.waiting.push(resolve)))
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

  /** Give a worker to the next waiting job, or back to the idle list. */
  private release(worker: Worker): void {
    const next = this.waiting.shift()
    if (next) next(worker)
    else this.idle.push(worker)
  }
}
