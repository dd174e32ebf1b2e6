/**
 * A worker thread of `extract`: builds the processor once, says it is
 * ready, and extracts the documents the main thread sends it, so a batch
 * uses every core.
 */

import { parentPort } from 'node:worker_threads'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, summarise } from '../extract-document.js'
import { transferablesOf } from '../writable-document.js'

/** A job: the bytes of one input and the path to record. */
export interface WorkerJob {
  id: number
  path: string
  bytes: Uint8Array
  sha256: string
}

const processor = createPipeline()

/**
 * Test hooks, for the budget's tests only: a document whose path holds the
 * text of `GUIDEX_TEST_STALL` makes the worker say so on stderr and wait for
 * ever (without using the CPU), one whose path holds `GUIDEX_TEST_BLOAT` makes it allocate
 * without end.
 */
const stallOn = process.env.GUIDEX_TEST_STALL
const bloatOn = process.env.GUIDEX_TEST_BLOAT

/** Jobs one after the other, each answered before the next starts (the pool's timer counts on it). */
let previous: Promise<void> = Promise.resolve()

parentPort?.on('message', (job: WorkerJob) => {
  previous = previous.then(() => extractOne(job))
})

/** Extract one job and answer it. */
async function extractOne(job: WorkerJob): Promise<void> {
  if (stallOn && job.path.includes(stallOn)) {
    process.stderr.write(`guidex-test: stalled on ${job.path}\n`)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
  }
  if (bloatOn && job.path.includes(bloatOn)) {
    const hoard: number[][] = []
    for (;;) hoard.push(Array.from({ length: 100_000 }, Math.random))
  }
  const started = performance.now()
  const extracted = summarise(await extractDocument(job.bytes, job.path, processor, job.sha256))
  parentPort?.postMessage(
    { id: job.id, extracted, extractMs: performance.now() - started },
    extracted.document ? transferablesOf(extracted.document) : [],
  )
}

parentPort?.postMessage({ ready: true })
