/**
 * A worker thread of `extract`: builds the processor once and extracts the
 * documents the main thread sends it, so a batch uses every core.
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

parentPort?.on('message', async (job: WorkerJob) => {
  const started = performance.now()
  const extracted = summarise(await extractDocument(job.bytes, job.path, processor, job.sha256))
  parentPort?.postMessage(
    { id: job.id, extracted, extractMs: performance.now() - started },
    extracted.document ? transferablesOf(extracted.document) : [],
  )
})
