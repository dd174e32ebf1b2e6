/**
 * One interface for extracting documents, two implementations: the
 * in-thread extractor (the reference: the processor, in this thread) and the
 * worker pool (`worker-pool.ts`), a swap-in that runs the same code on worker
 * threads, with a time and memory budget per document. The command line
 * uses the pool; a program that embeds guidex can use either.
 */

import type { ExtractedDocument, GuidexProcessor } from '../extract-document.js'

/** One document to extract. */
export interface ExtractionJob {
  /** The path to report (`input/001_….txt`). */
  path: string
  /** The input's bytes. */
  bytes: Uint8Array
  /** Their sha256 (computed once, by the reader). */
  sha256: string
}

/** One document extracted, and how long that took. */
export interface Extraction {
  extracted: ExtractedDocument
  extractMs: number
}

/** Extracts documents: in this thread, or on worker threads. */
export interface Extractor {
  /**
   * Extract one document. A problem with the document (bad input, a budget
   * exceeded) is a fatal message on it, never a rejection.
   *
   * @param job
   *   The document.
   * @returns
   *   The extracted document.
   * @throws {Error}
   *   Only when the extractor itself cannot go on (a worker script that
   *   does not load).
   */
  extract(job: ExtractionJob): Promise<Extraction>
  /**
   * Stop: no job is taken after this.
   *
   * @returns
   *   When every resource is let go.
   */
  close(): Promise<void>
}

/**
 * The reference extractor: the processor, run in this thread. It has no
 * budget (a thread cannot stop its own synchronous work); the worker pool
 * adds one.
 */
export class InThreadExtractor implements Extractor {
  private processor: GuidexProcessor | undefined

  /**
   * @param processor
   *   A processor from `createPipeline()` (default: one made on the first
   *   job, so that the stages load only when needed).
   */
  constructor(processor?: GuidexProcessor) {
    this.processor = processor
  }

  /**
   * Extract one document in this thread.
   *
   * @param job
   *   The document.
   * @returns
   *   The extracted document.
   */
  async extract(job: ExtractionJob): Promise<Extraction> {
    const { extractDocument, summarise } = await import('../extract-document.js')
    this.processor ??= (await import('../create-pipeline.js')).createPipeline()
    const started = performance.now()
    const file = await extractDocument(job.bytes, job.path, this.processor, job.sha256)
    return { extracted: summarise(file), extractMs: performance.now() - started }
  }

  /**
   * Nothing to stop.
   *
   * @returns
   *   At once.
   */
  async close(): Promise<void> {}
}
