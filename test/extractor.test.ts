/**
 * The in-thread extractor is the reference, the worker pool a swap-in behind
 * the same interface: on every corpus text both give the same record bytes,
 * tables and messages. The pool starts workers only as jobs need them.
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type Extractor, InThreadExtractor } from '../pipeline/worker/extractor.js'
import type * as workerPoolModule from '../pipeline/worker/worker-pool.js'
import { sha256 } from '../pipeline/writable-document.js'
import { repositoryRoot } from './helpers.js'

// The built pool: its workers run the bundle the build makes (`npm test` builds first).
const { WorkerPool } = (await import(
  path.join(repositoryRoot, 'dist/pipeline/worker/worker-pool.js')
)) as typeof workerPoolModule

const corpus = readdirSync(path.join(repositoryRoot, 'input'), { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.txt'))
  .sort()
  .map((file) => `input/${file.split(path.sep).join('/')}`)

/** Everything an extractor gives for a file, as comparable data. */
async function extractAll(extractor: Extractor) {
  return Promise.all(
    corpus.map(async (file) => {
      const bytes = new Uint8Array(readFileSync(path.join(repositoryRoot, file)))
      const { extracted } = await extractor.extract({ path: file, bytes, sha256: sha256(bytes) })
      const document = extracted.document
      return {
        path: extracted.path,
        messages: extracted.messages,
        findings: extracted.findings,
        json: document ? new TextDecoder().decode(document.json) : null,
        tables: document?.tables.map((table) => [table.id, table.sha256]) ?? [],
      }
    }),
  )
}

describe('extractors', () => {
  const pool = new WorkerPool(2)
  afterAll(() => pool.close())

  it('give the same documents in this thread and on workers', async () => {
    const reference = await extractAll(new InThreadExtractor())
    expect(reference.map((entry) => entry.json === null)).toEqual(corpus.map(() => false))
    expect(await extractAll(pool)).toEqual(reference)
  })

  it('starts no more workers than there are documents to extract', async () => {
    const single = new WorkerPool(48)
    const bytes = new Uint8Array(readFileSync(path.join(repositoryRoot, corpus[0] as string)))
    await single.extract({ path: 'one.txt', bytes, sha256: sha256(bytes) })
    expect((single as unknown as { slots: unknown[] }).slots).toHaveLength(1)
    await single.close()
  })
})
