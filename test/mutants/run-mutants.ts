/**
 * `npm run test:mutants`: apply each mutant of `mutants.ts` on its own to a
 * copy of the repository, build the copy and run the test suite there
 * (`vitest run --bail 1`, the default config), and fail unless the suite
 * fails for every mutant. The copy is made once (without `.git`, with
 * `node_modules` linked), the suite is first run on it unmutated (it must
 * pass, or every kill would mean nothing), and each mutated file is put back
 * before the next mutant.
 *
 * Options: `--only <id>[,<id>…]` runs some mutants; `--check` only checks
 * that every mutant still applies (its text occurs exactly once); `--keep`
 * leaves the copy for a look. Prints a table: mutant, killed or survived, the
 * test that killed it, seconds.
 */

import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Mutant, mutants } from './mutants.js'

/** What happened to one mutant (or to the unmutated copy). */
interface Outcome {
  id: string
  verdict: 'killed' | 'survived' | 'does not build' | 'timed out' | 'passed' | 'failed'
  /** The first failing test (file > name), or what went wrong. */
  detail: string
  seconds: number
}

/** The subset of vitest's JSON report read here. */
interface JsonReport {
  testResults?: {
    name: string
    status: string
    message?: string
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[]
  }[]
}

/**
 * Top-level entries of the repository not copied (`node_modules` is linked
 * instead); `output/` is copied, the committed output the suite checks.
 */
const notCopied = new Set(['.git', 'node_modules', 'coverage'])

const repository = findRepository(path.dirname(fileURLToPath(import.meta.url)))

const argv = process.argv.slice(2)
const only = optionValue('--only')?.split(',')
const selected = only ? mutants.filter((mutant) => only.includes(mutant.id)) : mutants
const unknown = (only ?? []).filter((id) => !mutants.some((mutant) => mutant.id === id))

process.exitCode = main()

function main(): number {
  if (unknown.length > 0) {
    write(`test:mutants: no mutant named ${unknown.map((id) => `\`${id}\``).join(', ')}`)
    return 2
  }
  const stale = selected.flatMap((mutant) => {
    const count = occurrences(readFileSync(path.join(repository, mutant.file), 'utf8'), mutant)
    return count === 1
      ? []
      : [
          `test:mutants: mutant \`${mutant.id}\` no longer applies: its text occurs ${count} times in ${mutant.file}, expected once`,
        ]
  })
  for (const line of stale) write(line)
  if (stale.length > 0) return 1
  if (argv.includes('--check')) {
    write(`test:mutants: all ${selected.length} mutants apply`)
    return 0
  }

  const copy = mkdtempSync(path.join(tmpdir(), 'guidex-mutants-'))
  try {
    cpSync(repository, copy, {
      recursive: true,
      filter: (source) =>
        !notCopied.has(path.relative(repository, source).split(path.sep)[0] ?? ''),
    })
    symlinkSync(path.join(repository, 'node_modules'), path.join(copy, 'node_modules'), 'dir')

    write(`test:mutants: the suite on an unmutated copy (${copy})`)
    const baseline = runSuite(copy, 'unmutated')
    write(`  ${baseline.verdict} (${baseline.seconds.toFixed(1)} s)`)
    if (baseline.verdict !== 'passed') {
      printTable([baseline])
      write('test:mutants: the suite fails without any mutant; fix that first')
      return 1
    }
    const outcomes: Outcome[] = []
    for (const mutant of selected) {
      write(`test:mutants: ${mutant.id}: ${mutant.description}`)
      const outcome = runMutant(copy, mutant)
      write(
        `  ${outcome.verdict} (${outcome.seconds.toFixed(1)} s)${outcome.detail ? `: ${outcome.detail}` : ''}`,
      )
      outcomes.push(outcome)
    }
    printTable([baseline, ...outcomes])
    const bad = outcomes.filter((outcome) => outcome.verdict !== 'killed')
    write(
      bad.length === 0
        ? `test:mutants: all ${outcomes.length} mutants killed`
        : `test:mutants: ${bad.length} of ${outcomes.length} mutants not killed: ${bad.map((outcome) => outcome.id).join(', ')}`,
    )
    return bad.length === 0 ? 0 : 1
  } finally {
    if (argv.includes('--keep')) write(`test:mutants: copy kept at ${copy}`)
    else rmSync(copy, { recursive: true, force: true })
  }
}

/** Apply one mutant to the copy, build, run the suite, and put the file back. */
function runMutant(copy: string, mutant: Mutant): Outcome {
  const file = path.join(copy, mutant.file)
  const original = readFileSync(file, 'utf8')
  writeFileSync(
    file,
    original.replace(mutant.search, () => mutant.replace),
  )
  try {
    const outcome = runSuite(copy, mutant.id)
    if (outcome.verdict === 'passed') return { ...outcome, verdict: 'survived', detail: '' }
    if (outcome.verdict === 'failed') return { ...outcome, verdict: 'killed' }
    return outcome
  } finally {
    writeFileSync(file, original)
  }
}

/** Build the copy and run the suite there (stopping at the first failing test). */
function runSuite(copy: string, id: string): Outcome {
  const started = performance.now()
  const seconds = () => Math.round((performance.now() - started) / 100) / 10
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: copy, encoding: 'utf8' })
  if (build.status !== 0) {
    const reason = `${build.stdout}${build.stderr}`.trim().split('\n').slice(0, 3).join(' / ')
    return { id, verdict: 'does not build', detail: reason, seconds: seconds() }
  }
  const report = path.join(copy, '.mutant-report.json')
  rmSync(report, { force: true })
  const vitest = spawnSync(
    process.execPath,
    [
      path.join(copy, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--bail',
      '1',
      '--no-cache',
      // A loaded machine must not pass for a kill: a timeout is no verdict.
      '--testTimeout',
      '300000',
      '--hookTimeout',
      '300000',
      '--reporter',
      'json',
      '--outputFile',
      report,
    ],
    { cwd: copy, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  )
  if (vitest.status === 0) return { id, verdict: 'passed', detail: '', seconds: seconds() }
  const { detail, timedOut } = firstFailure(report, copy, vitest)
  return { id, verdict: timedOut ? 'timed out' : 'failed', detail, seconds: seconds() }
}

/**
 * The first failing test of a vitest JSON report (and whether it only timed
 * out), else the failing file, else vitest's own words.
 */
function firstFailure(
  report: string,
  copy: string,
  vitest: { status: number | null; stderr: string },
): { detail: string; timedOut: boolean } {
  if (existsSync(report)) {
    const results = (JSON.parse(readFileSync(report, 'utf8')) as JsonReport).testResults ?? []
    for (const result of results) {
      const test = result.assertionResults?.find((assertion) => assertion.status === 'failed')
      if (test) {
        const messages = test.failureMessages ?? []
        return {
          detail: `${path.relative(copy, result.name)} > ${test.fullName}`,
          timedOut: messages.length > 0 && messages.every((text) => /timed out/i.test(text)),
        }
      }
    }
    for (const result of results) {
      if (result.status === 'failed') {
        const reason = (result.message ?? 'failed').split('\n')[0] ?? ''
        return {
          detail: `${path.relative(copy, result.name)} (${reason})`,
          timedOut: /timed out/i.test(reason),
        }
      }
    }
  }
  const last = vitest.stderr.trim().split('\n').slice(-1)[0] ?? ''
  return { detail: `vitest exited ${vitest.status}: ${last}`, timedOut: false }
}

/** How many times a mutant's text occurs in a source. */
function occurrences(text: string, mutant: Mutant): number {
  return mutant.search === '' ? 0 : text.split(mutant.search).length - 1
}

/** Print outcomes as a table. */
function printTable(outcomes: readonly Outcome[]): void {
  const rows = [
    ['mutant', 'result', 'killed by', 'seconds'],
    ...outcomes.map((outcome) => [
      outcome.id,
      outcome.verdict,
      outcome.detail,
      outcome.seconds.toFixed(1),
    ]),
  ]
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)))
  write('')
  for (const [index, row] of rows.entries()) {
    write(
      row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  '),
    )
    if (index === 0) write(widths.map((width) => '-'.repeat(width)).join('  ') + '  -------')
  }
  write('')
}

/** The value after an option (`--only a,b`), if given. */
function optionValue(name: string): string | undefined {
  const at = argv.indexOf(name)
  return at === -1 ? undefined : argv[at + 1]
}

/** The repository root: the nearest folder above with the package's `package.json`. */
function findRepository(from: string): string {
  let folder = from
  for (;;) {
    const manifest = path.join(folder, 'package.json')
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'guidex') {
      return folder
    }
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('test:mutants: no guidex package.json above the runner')
    folder = parent
  }
}

/** One line on stdout. */
function write(line: string): void {
  process.stdout.write(`${line}\n`)
}
