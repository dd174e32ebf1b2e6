/**
 * The budget of a document, through the real CLI: a document that takes
 * longer than the time limit, or more memory than the limit, fails with a
 * message saying which, its worker is replaced, and the batch goes on; a
 * signal is obeyed whatever a worker is doing; a closed stdout does not stop
 * the run. The slow and the greedy documents are made by test hooks of the
 * worker (`GUIDEX_TEST_STALL`, `GUIDEX_TEST_BLOAT`): a real one would have
 * to be found in a stage, and every stage is linear.
 */

import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutputIndex } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'
import { otherLines, reportedMessages } from './reported.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

/** A folder of copies of one guidance text under the names given, each copy a guidance of its own. */
function batch(names: readonly string[]): { inputs: string; out: string } {
  const folder = mkdtempSync(path.join(tmpdir(), 'guidex-budget-'))
  const inputs = path.join(folder, 'in')
  mkdirSync(inputs)
  const text = readFileSync(path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'), 'utf8')
  for (const [index, name] of names.entries())
    writeFileSync(path.join(inputs, name), text.replace(/htg775/gi, `HTG${900 + index}`))
  return { inputs, out: path.join(folder, 'out') }
}

function guidex(argv: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
  })
}

/** The families written, by name. */
function families(out: string): string[] {
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
  return index.families.map((family) => family.family)
}

describe('the budget of a document', () => {
  it('stops a document past its time limit, replaces its worker, and goes on', () => {
    const { inputs, out } = batch(['a.txt', 'b-slow.txt', 'c.txt', 'd.txt'])
    // One worker: c.txt and d.txt wait behind b-slow.txt on it, and go to its successor.
    const run = guidex(
      [
        'extract',
        inputs,
        '--out',
        out,
        '--concurrency',
        '1',
        '--time-limit',
        '1',
        '--reporter',
        'json',
      ],
      { GUIDEX_TEST_STALL: 'b-slow' },
    )
    expect(run.status).toBe(1)
    expect(otherLines(run.stderr)).toBe(`guidex-test: stalled on ${inputs}/b-slow.txt\n`)
    expect(reportedMessages(run.stderr)).toEqual([
      `${inputs}/b-slow.txt:1:1: error: Cannot extract within the time limit: stopped after 1 s [time-limit]`,
    ])
    expect(run.stdout).toContain('guidex: 4 documents: 3 written, 0 unchanged, 1 failed')
    expect(families(out)).toEqual(['htg900', 'htg902', 'htg903'])
  })

  it('stops a document past its memory limit, and goes on', () => {
    const { inputs, out } = batch(['a.txt', 'b-greedy.txt', 'c.txt'])
    const run = guidex(
      // A time limit far off: only the memory limit can stop it.
      [
        'extract',
        inputs,
        '--out',
        out,
        '--concurrency',
        '2',
        '--memory-limit',
        '96',
        '--time-limit',
        '600',
        '--reporter',
        'json',
      ],
      { GUIDEX_TEST_BLOAT: 'b-greedy' },
    )
    expect(run.status).toBe(1)
    expect(reportedMessages(run.stderr)).toEqual([
      `${inputs}/b-greedy.txt:1:1: error: Cannot extract within the memory limit: the document needed more than 96 MB [memory-limit]`,
    ])
    expect(families(out)).toEqual(['htg900', 'htg902'])
  })
})

describe('signals', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)(
    'obeys %s while a worker is busy, leaving no temporary file',
    async (signal, status) => {
      const { inputs, out } = batch(['a.txt', 'b-slow.txt'])
      const child = spawn(
        process.execPath,
        [cli, 'extract', inputs, '--out', out, '--concurrency', '1'],
        {
          cwd: repositoryRoot,
          env: { ...process.env, CI: 'true', GUIDEX_TEST_STALL: 'b-slow' },
        },
      )
      let stderr = ''
      // The worker says when it stalls; the signal comes then, not after a guess of time.
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          if (stderr.includes('guidex-test: stalled on')) resolve()
        })
      })
      child.kill(signal)
      const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)))
      expect(code).toBe(status)
      const left = readdirSync(out, { recursive: true }).map(String)
      expect(left.filter((file) => file.includes('.guidex-tmp-'))).toEqual([])
    },
  )
})

describe('a closed stdout', () => {
  it('writes the output and ends as usual when the reader has gone', async () => {
    const { inputs, out } = batch(['a.txt', 'b.txt'])
    const child = spawn(process.execPath, [cli, 'extract', inputs, '--out', out], {
      cwd: repositoryRoot,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    // As `| head -0` would: the reading end closed before anything is printed.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(families(out)).toEqual(['htg900', 'htg901'])
  })
})
