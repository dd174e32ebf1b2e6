/**
 * One writer at a time, through the real CLI: while a run writes an output
 * folder (held at a known point by the test hook `GUIDEX_TEST_HOLD_WRITE`,
 * let go with SIGUSR2), a second run stops with a message naming it, or
 * waits with `--wait`; neither loses nor replaces the other's releases. A
 * lock whose owner is gone is taken over.
 */

import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutputIndex } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')
const env = { ...process.env, CI: 'true' }

/** Inputs: `count` guidance texts, each its own guidance (`HTG9nn`), of one date. */
function inputs(folder: string, name: string, first: number, count: number): string {
  const at = path.join(folder, name)
  mkdirSync(at)
  const text = readFileSync(path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'), 'utf8')
  for (let index = first; index < first + count; index++)
    writeFileSync(path.join(at, `${index}.txt`), text.replace(/htg775/gi, `HTG${900 + index}`))
  return at
}

/** Start a run, and wait until the hook holds it after some writes. */
async function heldRun(argv: readonly string[]): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    env: { ...env, GUIDEX_TEST_HOLD_WRITE: '*:3' },
  })
  await waitFor(child, 'guidex: test hook: holding write 3 at')
  return child
}

/** Wait until a child prints a text on stderr. */
function waitFor(child: ChildProcessWithoutNullStreams, text: string): Promise<void> {
  return new Promise((resolve) => {
    let seen = ''
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (seen.includes(text)) resolve()
    })
  })
}

/** A child's exit status. */
function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

/** The releases of an output folder, by family. */
function releases(out: string): string[] {
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
  return index.families.flatMap((family) =>
    family.releases.map((release) => `${family.family}/${release.release}`),
  )
}

describe('one writer at a time', () => {
  it('stops a second run with a message naming the first, and the first writes all its releases', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-lock-'))
    const out = path.join(folder, 'out')
    const first = await heldRun(['extract', inputs(folder, 'a', 0, 4), '--out', out])
    const second = spawnSync(
      process.execPath,
      [cli, 'extract', inputs(folder, 'b', 4, 2), '--out', out],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env,
      },
    )
    expect(second.status).toBe(2)
    expect(second.stderr).toBe(
      `guidex: the output folder \`${out}\` is in use by another guidex run (pid ${first.pid} on ${hostname()}, since ${JSON.parse(readFileSync(path.join(out, '.guidex-lock'), 'utf8')).startedAt}); run again once it has finished, or with \`--wait\` to wait for it\n`,
    )
    first.kill('SIGUSR2')
    expect(await exited(first)).toBe(0)
    expect(releases(out)).toEqual(
      [0, 1, 2, 3].map((index) => `htg${900 + index}/htg${900 + index}-2026-03-25`),
    )
    expect(existsSync(path.join(out, '.guidex-lock'))).toBe(false)
  })

  it('waits with --wait, then adds its releases to the first run’s, a text of the same id and date beside the other', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-wait-'))
    const out = path.join(folder, 'out')
    const first = await heldRun(['extract', inputs(folder, 'a', 0, 3), '--out', out])
    // The second batch: a new guidance, and another text of HTG900 of the same date.
    const second = inputs(folder, 'b', 3, 1)
    const changed = readFileSync(path.join(folder, 'a', '0.txt'), 'utf8').replace(
      '3.12 There is a lack of evidence in women.',
      '3.12 There is little evidence in women.',
    )
    writeFileSync(path.join(second, 'changed.txt'), changed)
    const waiting = spawn(process.execPath, [cli, 'extract', second, '--out', out, '--wait'], {
      cwd: repositoryRoot,
      env,
    })
    await waitFor(
      waiting,
      `guidex: waiting for the guidex run that is writing \`${out}\` (pid ${first.pid}`,
    )
    first.kill('SIGUSR2')
    expect(await exited(first)).toBe(0)
    expect(await exited(waiting)).toBe(0)
    const listed = releases(out)
    expect(listed.slice(0, 2)).toEqual([
      'htg900/htg900-2026-03-25',
      expect.stringMatching(/^htg900\/htg900-2026-03-25-[0-9a-f]{8}$/),
    ])
    expect(listed.slice(2)).toEqual([
      'htg901/htg901-2026-03-25',
      'htg902/htg902-2026-03-25',
      'htg903/htg903-2026-03-25',
    ])
  })

  it('takes over a lock whose owner is gone', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-stale-'))
    const out = path.join(folder, 'out')
    mkdirSync(out)
    // The pid of a process that has ended.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    writeFileSync(
      path.join(out, '.guidex-lock'),
      `${JSON.stringify({ pid: Number(ended.stdout), host: hostname(), startedAt: '2020-01-01T00:00:00.000Z', processStart: null })}\n`,
    )
    const run = spawnSync(
      process.execPath,
      [cli, 'extract', inputs(folder, 'a', 0, 1), '--out', out],
      {
        cwd: repositoryRoot,
        encoding: 'utf8',
        env,
      },
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(existsSync(path.join(out, '.guidex-lock'))).toBe(false)
  })
})
