/**
 * The committed `output/` is what `npm start` writes from `input/`: a change
 * that alters the output shows in the diff of `output/` for a reviewer
 * (`npm start` writes it again), and `--check` is the guard, as a CI job
 * would run it over its own committed output.
 */

import { describe, expect, it } from 'vitest'
import { guidex } from './helpers.js'

describe('the committed output', () => {
  it('is up to date with input/ (guidex extract input --out output --check)', () => {
    const run = guidex('extract', 'input', '--out', 'output', '--check')
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('--check: 6 documents, output up to date')
    expect(run.status).toBe(0)
  })
})
