/**
 * Output that repairs itself, through the real CLI: after each fault (a
 * release folder or a table deleted, a record truncated, the index damaged
 * or gone, a diff edited, a stray file, a run killed half way) `--check`
 * names what differs, the next `extract` makes the output byte-identical to
 * a clean run, and `--check` then agrees; where an input is gone, what
 * cannot be restored is reported at its path without sinking the batch.
 */

import { spawn, spawnSync } from 'node:child_process'
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { OutputIndex } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'
import { reportedMessages } from './reported.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

function guidex(argv: readonly string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
  })
}

/** Every file of a folder but `run.json`, with its bytes. */
function snapshot(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'run.json')
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name)
        return [path.relative(folder, file), readFileSync(file).toString('base64')] as const
      })
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  )
}

/**
 * A batch folder: `in/` with a release of IPG633 and its successor HTG492
 * (one family, a diff), the overview (tables) and a text without an id; the
 * output of a clean run in `clean/`. Outputs are made beside `clean/`, so
 * their index lists the same paths (`../in/…`).
 */
function batch(): { folder: string; inputs: string; clean: Map<string, string> } {
  const folder = mkdtempSync(path.join(tmpdir(), 'guidex-repair-'))
  const inputs = path.join(folder, 'in')
  mkdirSync(inputs)
  for (const [from, to] of [
    ['input/releases/ipg633-2018-11-28.txt', 'a-ipg633.txt'],
    ['input/001_28967b82888de774.txt', 'b-htg492.txt'],
    ['input/003_40de2706bbf25dc3.txt', 'c-overview.txt'],
    ['input/004_31ea673aef284142.txt', 'd-no-id.txt'],
  ] as const)
    copyFileSync(path.join(repositoryRoot, from), path.join(inputs, to))
  const run = guidex(['extract', inputs, '--out', path.join(folder, 'clean')])
  expect(run.status).toBe(0)
  return { folder, inputs, clean: snapshot(path.join(folder, 'clean')) }
}

/** A fresh output of the batch, as the clean one. */
function output(setup: ReturnType<typeof batch>, name: string): string {
  const out = path.join(setup.folder, name)
  expect(guidex(['extract', setup.inputs, '--out', out]).status).toBe(0)
  expect(snapshot(out)).toEqual(setup.clean)
  return out
}

/** `--check`'s complaints, one per line. */
function check(
  setup: ReturnType<typeof batch>,
  out: string,
): { status: number | null; lines: string[] } {
  const run = guidex(['extract', setup.inputs, '--out', out, '--check'])
  return { status: run.status, lines: run.stderr.split('\n').filter((line) => line !== '') }
}

/** `extract` again, then the output is the clean one and `--check` agrees. */
function repairs(setup: ReturnType<typeof batch>, out: string): string {
  const run = guidex(['extract', setup.inputs, '--out', out])
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  expect(snapshot(out)).toEqual(setup.clean)
  expect(check(setup, out)).toEqual({ status: 0, lines: [] })
  return run.stdout
}

const overviewRecord = 'ipg10404/ipg10404-undated/document.json'
const overviewTable = 'ipg10404/ipg10404-undated/tables/table-2-study-details.csv'
const diff = 'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01'

describe('a damaged output, its inputs at hand', () => {
  let setup: ReturnType<typeof batch>
  beforeAll(() => {
    setup = batch()
  })

  it('restores a deleted release folder', () => {
    const out = output(setup, 'deleted-release')
    rmSync(path.join(out, 'ipg10404'), { recursive: true })
    const found = check(setup, out)
    expect(found.status).toBe(1)
    expect(found.lines).toContain(
      `guidex: --check: ${overviewRecord}: missing: the run would write it`,
    )
    expect(found.lines).toContain(
      `guidex: --check: ${overviewTable}: missing: the run would write it`,
    )
    expect(guidex(['validate', out]).stderr).toContain(
      `${out}/${overviewRecord}:1:1: error: Missing file, listed in index.json [index-missing]`,
    )
    const stdout = repairs(setup, out)
    expect(stdout).toContain('0 written, 3 unchanged, 1 restored, 0 failed')
    expect(stdout).toContain(
      `guidex: restored ${out}/${overviewRecord}: written again from ../in/c-overview.txt`,
    )
  })

  it('restores a deleted table and a record cut short, and goes on writing the family', () => {
    const out = path.join(setup.folder, 'truncated')
    // The first release only, then its record cut short: the next batch adds a release to its family.
    expect(guidex(['extract', path.join(setup.inputs, 'a-ipg633.txt'), '--out', out]).status).toBe(
      0,
    )
    truncateSync(path.join(out, 'ipg633/ipg633-2018-11-28/document.json'), 100)
    expect(guidex(['extract', setup.inputs, '--out', out]).status).toBe(0)
    rmSync(path.join(out, overviewTable))
    expect(check(setup, out).lines).toEqual([
      `guidex: --check: ${overviewTable}: missing: the run would write it`,
    ])
    repairs(setup, out)
  })

  it('--check names an edited or deleted diff, an edited hash, a stray temporary file and an extra release; extract mends each', () => {
    const out = output(setup, 'edited')
    appendFileSync(path.join(out, `${diff}.md`), 'edited\n')
    rmSync(path.join(out, `${diff}.json`))
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    const record = index.families.find((family) => family.family === 'htg775')
    expect(record).toBeUndefined()
    const noId = index.families.find(
      (family) => family.content !== null,
    ) as OutputIndex['families'][number]
    ;(noId.releases[0]?.files[0] as { sha256: string }).sha256 = '0'.repeat(64)
    writeFileSync(path.join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`)
    writeFileSync(path.join(out, 'ipg633', '.guidex-tmp-document.json-1-abcd'), '{"half')
    mkdirSync(path.join(out, 'ipg633', 'ipg633-2020-01-01'))
    writeFileSync(path.join(out, 'ipg633', 'ipg633-2020-01-01', 'document.json'), '{}\n')
    const noIdRecord = noId.releases[0]?.files[0]?.path as string
    expect(check(setup, out).lines.sort()).toEqual(
      [
        'guidex: --check: ipg633/.guidex-tmp-document.json-1-abcd: a temporary file left by a stopped run',
        `guidex: --check: ${diff}.json: missing: the run would write it`,
        `guidex: --check: ${diff}.md: differs from what the run would write`,
        // The record is whole, with the bytes the run makes: only the hash the index lists changes.
        'guidex: --check: ipg633/ipg633-2020-01-01/document.json: not listed in index.json: the run would remove it',
        'guidex: --check: index.json: differs from what the run would write',
      ].sort(),
    )
    const validated = guidex(['validate', out])
    expect(validated.status).toBe(1)
    expect(validated.stderr).toContain(
      `${out}/ipg633/.guidex-tmp-document.json-1-abcd:1:1: error: Unexpected temporary file, left by a stopped run [temporary]`,
    )
    expect(validated.stderr).toContain(
      `${out}/${noIdRecord}:1:1: error: Unexpected size or sha256, expected the ones index.json lists [index-hash]`,
    )
    expect(validated.stderr).toContain(
      `${out}/ipg633/ipg633-2020-01-01/document.json:1:1: error: Unexpected file, not listed in index.json [index-extra]`,
    )
    repairs(setup, out)
  })

  it('rebuilds a damaged or missing index from the release folders', () => {
    const out = output(setup, 'index-damaged')
    truncateSync(path.join(out, 'index.json'), 200)
    const stdout = repairs(setup, out)
    expect(stdout).toContain(`guidex: rebuilt ${out}/index.json: it was not JSON`)
    rmSync(path.join(out, 'index.json'))
    expect(repairs(setup, out)).toContain(
      `guidex: rebuilt ${out}/index.json: it was missing; rebuilt from 4 release folders`,
    )
  })

  it('completes a run killed half way, removing what it left', async () => {
    const out = path.join(setup.folder, 'killed')
    const child = spawn(process.execPath, [cli, 'extract', setup.inputs, '--out', out], {
      cwd: repositoryRoot,
      env: { ...process.env, CI: 'true', GUIDEX_TEST_HOLD_WRITE: '*:4' },
    })
    await new Promise<void>((resolve) => {
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString()
        if (stderr.includes('guidex: test hook: holding write 4 at')) resolve()
      })
    })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.on('exit', resolve))
    const left = [...snapshot(out).keys()]
    // Killed: its temporary file and its lock stay behind.
    expect(left.some((file) => path.basename(file).startsWith('.guidex-tmp-'))).toBe(true)
    expect(left).toContain('.guidex-lock')
    const stdout = repairs(setup, out)
    expect(stdout).toMatch(
      /guidex: removed .*\.guidex-tmp-.*: a temporary file left by a stopped run/,
    )
  })
})

describe('a run stopped by a signal at a known point', () => {
  it.each(['SIGHUP', 'SIGTERM'] as const)(
    'leaves no temporary file and no lock on %s, and the next run completes the batch',
    async (signal) => {
      const setup = batch()
      const out = path.join(setup.folder, 'stopped')
      const child = spawn(process.execPath, [cli, 'extract', setup.inputs, '--out', out], {
        cwd: repositoryRoot,
        env: { ...process.env, CI: 'true', GUIDEX_TEST_HOLD_WRITE: '*:3' },
      })
      await new Promise<void>((resolve) => {
        let stderr = ''
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString()
          if (stderr.includes('guidex: test hook: holding write 3 at')) resolve()
        })
      })
      // Held inside a write, its temporary file on disk: the signal must not leave it.
      child.kill(signal)
      const code = await new Promise((resolve) => child.on('exit', (exitCode) => resolve(exitCode)))
      expect(code).toBe(signal === 'SIGHUP' ? 129 : 143)
      const left = [...snapshot(out).keys()]
      expect(left.filter((file) => path.basename(file).startsWith('.guidex-'))).toEqual([])
      repairs(setup, out)
    },
  )
})

describe('a damaged output, its input gone', () => {
  it('reports what it cannot restore at its path, restores tables from the record, and writes the rest', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-gone-'))
    const gone = path.join(folder, 'gone')
    mkdirSync(gone)
    copyFileSync(
      path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
      path.join(gone, 'overview.txt'),
    )
    copyFileSync(
      path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'),
      path.join(gone, 'htg775.txt'),
    )
    const out = path.join(folder, 'out')
    expect(guidex(['extract', gone, '--out', out]).status).toBe(0)
    const tableBefore = readFileSync(path.join(out, overviewTable))
    rmSync(gone, { recursive: true })
    // The overview's table from its record; HTG775's record has nothing to be made from.
    rmSync(path.join(out, overviewTable))
    writeFileSync(path.join(out, 'htg775/htg775-2026-03-25/document.json'), '{"cut')
    const other = path.join(folder, 'other.txt')
    copyFileSync(path.join(repositoryRoot, 'input/004_31ea673aef284142.txt'), other)
    const run = guidex(['extract', other, '--out', out, '--reporter', 'json'])
    expect(run.status).toBe(1)
    expect(reportedMessages(run.stderr)).toEqual([
      `${out}/htg775/htg775-2026-03-25/document.json:1:1: error: Cannot restore it: its input (../gone/htg775.txt) is gone or has changed [unrepairable]`,
    ])
    expect(run.stdout).toContain('guidex: 1 document: 1 written, 0 unchanged, 0 failed')
    expect(run.stdout).toContain(
      `guidex: restored ${out}/${overviewTable}: made again from the release's document.json`,
    )
    expect(readFileSync(path.join(out, overviewTable)).equals(tableBefore)).toBe(true)
    expect(existsSync(path.join(out, 'htg775/htg775-2026-03-25/document.json'))).toBe(true)
  })
})
