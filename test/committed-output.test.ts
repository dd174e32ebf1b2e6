/**
 * The committed `output/` is what `npm start` writes from `input/` with the
 * code as it is: a change that alters the output shows in the diff of
 * `output/` for a reviewer. A release once written is never written again
 * (re-ingesting the same text changes nothing), so the output is made
 * afresh to compare (`rm -rf output && npm start` writes it again).
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guidex, repositoryRoot } from './helpers.js'

const committed = path.join(repositoryRoot, 'output')

/** Every file below a folder, relative to it, but the run's own report. */
function filesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .filter((file) => file !== 'run.json')
    .sort()
}

describe('the committed output', () => {
  // Beside `output/`, so that the input paths it records (relative to the
  // output folder: `../input/…`) are the same.
  const fresh = mkdtempSync(path.join(repositoryRoot, '.output-check-'))

  beforeAll(() => {
    expect(guidex('extract', 'input', '--out', fresh).status).toBe(0)
  })
  afterAll(() => rmSync(fresh, { recursive: true, force: true }))

  it('holds the files a fresh run writes from input/, byte for byte', () => {
    const files = filesOf(fresh)
    expect(filesOf(committed)).toEqual(files)
    for (const file of files)
      expect(
        readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file))),
        file,
      ).toBe(true)
  })

  it('is up to date with input/ (guidex extract input --out output --check)', () => {
    const run = guidex('extract', 'input', '--out', 'output', '--check')
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('--check: 6 documents, output up to date')
    expect(run.status).toBe(0)
  })
})
