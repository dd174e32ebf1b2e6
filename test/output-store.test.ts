/**
 * The output store in-process: diffs made while a batch runs (early) and
 * diffs made at the end give the same files, and releases arriving out of
 * date order are diffed with their neighbours only.
 */

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractTextDocument, summarise } from '../pipeline/extract-document.js'
import type { WritableDocument } from '../pipeline/writable-document.js'
import { OutputStore } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'

const processor = createPipeline()

/** A repository text (or a changed copy of it) as the store receives it. */
function writable(relativePath: string, change = (text: string) => text): WritableDocument {
  const text = change(readFileSync(path.join(repositoryRoot, relativePath), 'utf8'))
  const extracted = summarise(
    extractTextDocument(new TextEncoder().encode(text), relativePath, processor),
  )
  if (!extracted.document) throw new Error(`${relativePath} failed`)
  return extracted.document
}

/** Every file of a folder with its content. */
function contents(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name)
        return [path.relative(folder, file), readFileSync(file, 'utf8')]
      }),
  )
}

describe('OutputStore diffs', () => {
  // 2018, 2026, then 2020: the last one lands between the other two.
  const documents = () => [
    writable('input/releases/ipg633-2018-11-28.txt'),
    writable('input/001_28967b82888de774.txt'),
    writable('input/releases/ipg633-2018-11-28.txt', (text) =>
      text.replace('Published: 28 November 2018', 'Published: 15 June 2020'),
    ),
  ]

  async function run(options: { earlyDiffBudget?: number }): Promise<string> {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-store-'))
    const store = await OutputStore.open(folder, options)
    for (const [index, document] of documents().entries())
      await store.commit(document, `../inputs/${index}.txt`)
    expect(await store.writeDiffs()).toEqual([
      'ipg633/diffs/ipg633-2018-11-28__ipg633-2020-06-15.json',
      'ipg633/diffs/ipg633-2020-06-15__htg492-2026-01.json',
    ])
    await store.saveIndex()
    return folder
  }

  it('writes the same files whether the diffs are made early or at the end', async () => {
    const early = contents(await run({}))
    const atTheEnd = contents(await run({ earlyDiffBudget: 0 }))
    expect(Object.keys(early).filter((file) => file.includes('diffs'))).toHaveLength(4)
    expect(atTheEnd).toEqual(early)
  })
})
