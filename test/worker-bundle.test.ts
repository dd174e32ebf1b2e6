/**
 * The worker script the build bundles (`build-worker.ts`) and V8's code cache
 * of it, run by the real CLI from a copy of the built package, so that the
 * copy can be damaged without touching `dist/`.
 */

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { copyPackage, repositoryRoot } from './helpers.js'

const inputs = ['input/000_ae64daafe6017921.txt', 'input/003_40de2706bbf25dc3.txt'].map((file) =>
  path.join(repositoryRoot, file),
)
const bundleInPackage = 'dist/pipeline/worker/extract-worker.bundle.cjs'

/** Extract the two inputs with two workers, with the CLI of a package folder. */
function extract(packageFolder: string) {
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-bundle-out-'))
  const result = spawnSync(
    process.execPath,
    [
      path.join(packageFolder, 'dist/pipeline/cli.js'),
      'extract',
      ...inputs,
      '--out',
      out,
      '--concurrency',
      '2',
    ],
    { cwd: repositoryRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  )
  return { status: result.status, stderr: result.stderr, out }
}

/** The sha256 of every file of an output folder but `run.json`, by path. */
function outputFiles(folder: string): Map<string, string> {
  return new Map(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'run.json')
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name)
        const hash = createHash('sha256').update(readFileSync(file)).digest('hex')
        return [path.relative(folder, file), hash] as const
      }),
  )
}

beforeAll(() => {
  if (!existsSync(path.join(repositoryRoot, bundleInPackage))) {
    throw new Error('Run `npm run build` first (npm test does)')
  }
})

describe('worker bundle and code cache', () => {
  let built: ReturnType<typeof extract>
  beforeAll(() => {
    built = extract(repositoryRoot)
  })

  it('runs the pipeline in the workers with the cache the build made', () => {
    // Asked of a worker of the built pool, in a process of its own, with the
    // V8 flags the command line sets (`setBatchTiering`) or without them: V8
    // refuses a cache made under other flags, and says nothing. So the pool
    // itself sets none (a program that embeds it keeps its own).
    const ask = (withFlags: boolean) =>
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { WorkerPool } = await import(${JSON.stringify(path.join(repositoryRoot, 'dist/pipeline/worker/worker-pool.js'))})
const { setBatchTiering } = await import(${JSON.stringify(path.join(repositoryRoot, 'dist/pipeline/worker/v8-flags.js'))})
if (${withFlags}) setBatchTiering()
const pool = new WorkerPool(1, { cacheControl: true })
process.stdout.write(String(await pool.codeCacheUsed()))
await pool.close()`,
        ],
        { encoding: 'utf8' },
      )
    const asked = ask(true)
    expect(ask(false).stdout).toBe('false')
    expect(asked.stderr).toBe('')
    expect(asked.stdout).toBe('true')
    expect(built.stderr).toBe('')
    expect(built.status).toBe(0)
    expect([...outputFiles(built.out).keys()]).toContain(
      path.join('ipg10404', 'ipg10404-undated', 'document.json'),
    )
  })

  it('bundles no ES module syntax: `import.meta` is placed per module', () => {
    const bundle = readFileSync(path.join(repositoryRoot, bundleInPackage), 'utf8')
    expect(bundle.startsWith("'use strict';")).toBe(true)
    expect(bundle).not.toContain('import.meta')
    expect(bundle).toContain('__moduleUrl("../lib/schemas.js")')
  })

  it('runs the bundle without a cache, or with a damaged one, to the same bytes', () => {
    const expected = outputFiles(built.out)
    const copy = copyPackage()
    const cache = path.join(copy, `${bundleInPackage}.cache`)
    rmSync(cache)
    const withoutCache = extract(copy)
    expect(withoutCache.status).toBe(0)
    expect(outputFiles(withoutCache.out)).toEqual(expected)
    // The right digest, but V8's data cut short and garbled: V8 rejects it.
    const digest = createHash('sha256')
      .update(readFileSync(path.join(copy, bundleInPackage), 'utf8'))
      .digest('hex')
    writeFileSync(cache, Buffer.concat([Buffer.from(digest, 'latin1'), Buffer.alloc(4096, 7)]))
    const damaged = extract(copy)
    expect(damaged.status).toBe(0)
    expect(outputFiles(damaged.out)).toEqual(expected)
  })

  it('uses a cache only with the bundle it was made from, even one of the same length', () => {
    // V8 checks only the length of the text a cache was made from: the old
    // cache would run the old code. Here the edited bundle must run: its
    // records name another generator, which the schema refuses.
    const copy = copyPackage()
    const bundle = path.join(copy, bundleInPackage)
    const text = readFileSync(bundle, 'utf8')
    const edited = text.replace('generator: { name: "guidex"', 'generator: { name: "GUIDEX"')
    expect(edited).not.toBe(text)
    expect(edited.length).toBe(text.length)
    writeFileSync(bundle, edited)
    const run = extract(copy)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('Invalid record at `/generator/name`: must be equal to constant')
  })

  it('reports a worker that dies, without a stack trace, and writes nothing', () => {
    const copy = copyPackage()
    const bundle = path.join(copy, bundleInPackage)
    const text = readFileSync(bundle, 'utf8')
    writeFileSync(bundle, `throw new Error('broken build')\n${text}`)
    const thrown = extract(copy)
    expect(thrown.status).toBe(2)
    expect(thrown.stderr).toBe('guidex: A worker thread failed: broken build\n')
    expect(outputFiles(thrown.out).size).toBe(0)
    // A script that ends without a word (empty, say): the worker exits, the run does not hang.
    writeFileSync(bundle, '')
    const silent = extract(copy)
    expect(silent.status).toBe(2)
    expect(silent.stderr).toBe('guidex: A worker thread stopped (exit code 0)\n')
    expect(outputFiles(silent.out).size).toBe(0)
  })
})
