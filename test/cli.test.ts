/**
 * The real CLI in a subprocess (the built `dist/`, as `npm start` runs it):
 * output tree, index, re-runs, validate, failures and exit codes.
 */

import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runValidator } from '../pipeline/lib/schemas.js'
import type { DocumentRecord, Finding } from '../pipeline/types.js'
import type { OutputIndex } from '../pipeline/write-output.js'
import { extractRepositoryFile, repositoryRoot } from './helpers.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

function guidex(...argv: string[]) {
  const result = spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The inputs of `input/` (a folder is read recursively for `*.txt`), from the repository root, sorted. */
const inputFiles = readdirSync(path.join(repositoryRoot, 'input'), { recursive: true })
  .map((name) => `input/${String(name).split(path.sep).join('/')}`)
  .filter((name) => name.endsWith('.txt'))
  .sort()

/** The findings of written records counted by severity. */
function findingCounts(folder: string): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 }
  for (const file of listFiles(folder).filter((name) => name.endsWith('document.json'))) {
    const record = JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as DocumentRecord
    for (const finding of record.findings) counts[finding.severity]++
  }
  return counts
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('Run `npm run build` first (npm test does)')
})

describe('guidex extract', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-cli-'))

  it('writes one document.json per input file, and index.json', () => {
    const run = guidex('extract', 'input', '--out', out, '--concurrency', '2')
    // Findings about the document's numbers do not fail the run: a summary
    // points to `check`, with the counts of the records it wrote (the
    // overview's own errors, read in it, are listed in checks.test.ts).
    expect(run.stderr).toBe('')
    const { error, warning, info } = findingCounts(out)
    expect(error).toBeGreaterThan(0)
    expect(run.stdout).toContain(
      `consistency findings: ${error} errors, ${warning} warnings, ${info} info (see \`guidex check\`)`,
    )
    expect(run.status).toBe(0)
    expect(listFiles(out)).toEqual([
      'htg775/htg775-2026-03-25/document.json',
      'index.json',
      'ipg10404/ipg10404-undated/document.json',
      'ipg10404/ipg10404-undated/tables/1.csv',
      'ipg10404/ipg10404-undated/tables/2.csv',
      'ipg10404/ipg10404-undated/tables/3.csv',
      'ipg10404/ipg10404-undated/tables/4a.csv',
      'ipg10404/ipg10404-undated/tables/5a.csv',
      'ipg10404/ipg10404-undated/tables/5b.csv',
      'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.json',
      'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.md',
      'ipg633/htg492-2026-01/document.json',
      'ipg633/ipg633-2018-11-28/document.json',
      'run.json',
      'untitled-260764f48d59/undated/document.json',
      'va-ecmo-for-postcardiotomy-cardiogenic-shock-in-adults/2025-12-18/document.json',
    ])
  })

  it('puts IPG633 and HTG492 in one family, releases in order', () => {
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    const family = index.families.find((candidate) => candidate.family === 'ipg633')
    expect(family?.releases.map((release) => release.guidanceId)).toEqual(['IPG633', 'HTG492'])
    expect(family?.releases[0]?.source.path).toBe('input/releases/ipg633-2018-11-28.txt')
  })

  it('changes nothing when the same texts come again (run.json aside)', () => {
    const records = () =>
      listFiles(out)
        .filter((file) => file !== 'run.json')
        .map((file) => [file, readFileSync(path.join(out, file), 'utf8')])
    const before = records()
    const run = guidex('extract', 'input', '--out', out)
    expect(run.status).toBe(0)
    expect(inputFiles).toHaveLength(6)
    expect(run.stdout).toContain(`0 written, ${inputFiles.length} unchanged, 0 failed`)
    expect(records()).toEqual(before)
  })

  it('reports the run in run.json: status, messages, timings', () => {
    const report = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))
    expect(runValidator(report), JSON.stringify(runValidator.errors)).toBe(true)
    expect(report.totals).toMatchObject({
      documents: inputFiles.length,
      written: 0,
      unchanged: inputFiles.length,
      failed: 0,
    })
    expect(report.documents.map((document: { path: string }) => document.path)).toEqual(inputFiles)
    expect(report.documents[0]).toMatchObject({
      path: 'input/000_ae64daafe6017921.txt',
      status: 'unchanged',
      messages: [],
    })
    // An unchanged text (by hash) is skipped without parsing.
    expect(report.documents[0].timings.extractMs).toBe(0)
    expect(report.documents[0].release).toBe('undated')
  })

  it('writes byte-identical output in two fresh runs', () => {
    const second = mkdtempSync(path.join(tmpdir(), 'guidex-again-'))
    expect(guidex('extract', 'input', '--out', second, '--concurrency', '1').status).toBe(0)
    const files = listFiles(out).filter((file) => file !== 'run.json')
    expect(listFiles(second).filter((file) => file !== 'run.json')).toEqual(files)
    for (const file of files) {
      expect(
        readFileSync(path.join(second, file)).equals(readFileSync(path.join(out, file))),
        file,
      ).toBe(true)
    }
  })

  it('--check exits 0 when the output is what the inputs give, 1 naming what differs', () => {
    expect(guidex('extract', 'input', '--out', out, '--check').status).toBe(0)
    const copy = mkdtempSync(path.join(tmpdir(), 'guidex-check-'))
    expect(guidex('extract', 'input', '--out', copy).status).toBe(0)
    const record = path.join(copy, 'htg775/htg775-2026-03-25/document.json')
    writeFileSync(record, readFileSync(record, 'utf8').replace('"HTG775"', '"HTG776"'))
    const run = guidex('extract', 'input', '--out', copy, '--check')
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      'guidex: --check: htg775/htg775-2026-03-25/document.json: differs from what input/002_72932ba4be983c8d.txt gives now\n',
    )
    const missing = guidex(
      'extract',
      'input',
      '--out',
      mkdtempSync(path.join(tmpdir(), 'guidex-empty-')),
      '--check',
    )
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('input/000_ae64daafe6017921.txt: not in the output yet')
  })

  it('validates what it wrote', () => {
    const run = guidex('validate', out)
    expect(run.status).toBe(0)
    const written = listFiles(out).filter((file) => file.endsWith('.json'))
    expect(run.stdout).toContain(`${written.length} files checked, 0 invalid`)
  })

  it('writes byte-identical records for a CRLF copy of a file', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-crlf-'))
    const original = readFileSync(
      path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'),
      'utf8',
    )
    writeFileSync(path.join(folder, 'lf.txt'), original)
    writeFileSync(path.join(folder, 'crlf.txt'), original.replaceAll('\n', '\r\n'))
    const lf = guidex('extract', path.join(folder, 'lf.txt'), '--out', path.join(folder, 'a'))
    const crlf = guidex('extract', path.join(folder, 'crlf.txt'), '--out', path.join(folder, 'b'))
    expect([lf.status, crlf.status]).toEqual([0, 0])
    const read = (side: string) =>
      JSON.parse(
        readFileSync(path.join(folder, side, 'htg775/htg775-2026-03-25/document.json'), 'utf8'),
      )
    const strip = (record: {
      sections: unknown
      metadata: { committee: unknown; projectTeam: unknown }
    }) =>
      JSON.stringify(record.sections, (key, value) =>
        key === 'source' || key === 'itemSources' ? undefined : value,
      )
    expect(strip(read('b'))).toBe(strip(read('a')))
  })
})

describe('releases', () => {
  it('stores a changed text for a known guidance beside the old one, with a diff', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-release-'))
    const out = path.join(folder, 'out')
    const original = readFileSync(
      path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'),
      'utf8',
    )
    writeFileSync(path.join(folder, 'first.txt'), original)
    expect(guidex('extract', path.join(folder, 'first.txt'), '--out', out).status).toBe(0)
    const firstRecord = readFileSync(
      path.join(out, 'htg775/htg775-2026-03-25/document.json'),
      'utf8',
    )
    writeFileSync(
      path.join(folder, 'second.txt'),
      original.replace(
        '3.12 There is a lack of evidence in women.',
        '3.12 There is little evidence in women.',
      ),
    )
    const run = guidex('extract', path.join(folder, 'second.txt'), '--out', out)
    expect(run.status).toBe(0)
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    const releases = index.families.find((family) => family.family === 'htg775')?.releases ?? []
    expect(releases).toHaveLength(2)
    expect(releases[0]?.release).toBe('htg775-2026-03-25')
    expect(releases[1]?.release).toMatch(/^htg775-2026-03-25-[0-9a-f]{8}$/)
    // The old release is untouched.
    expect(readFileSync(path.join(out, 'htg775/htg775-2026-03-25/document.json'), 'utf8')).toBe(
      firstRecord,
    )
    const diff = readFileSync(
      path.join(out, `htg775/diffs/htg775-2026-03-25__${releases[1]?.release}.md`),
      'utf8',
    )
    expect(diff).toContain('- reworded 3.12: There is ~~a lack of~~ **little** evidence in women.')
  })
})

describe('diffs in one batch', () => {
  it('diffs consecutive releases only, when a release arrives between two others', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-between-'))
    const out = path.join(folder, 'out')
    const ipg633 = readFileSync(
      path.join(repositoryRoot, 'input/releases/ipg633-2018-11-28.txt'),
      'utf8',
    )
    // File order 2018, 2026, 2020: the 2020 release is committed last, between the others.
    writeFileSync(path.join(folder, 'a.txt'), ipg633)
    writeFileSync(
      path.join(folder, 'b.txt'),
      readFileSync(path.join(repositoryRoot, 'input/001_28967b82888de774.txt'), 'utf8'),
    )
    writeFileSync(
      path.join(folder, 'c.txt'),
      ipg633.replace('Published: 28 November 2018', 'Published: 15 June 2020'),
    )
    expect(guidex('extract', folder, '--out', out).status).toBe(0)
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    const family = index.families.find((candidate) => candidate.family === 'ipg633')
    expect(family?.releases.map((release) => release.release)).toEqual([
      'ipg633-2018-11-28',
      'ipg633-2020-06-15',
      'htg492-2026-01',
    ])
    expect(family?.diffs.map((diff) => `${diff.from}__${diff.to}`)).toEqual([
      'ipg633-2018-11-28__ipg633-2020-06-15',
      'ipg633-2020-06-15__htg492-2026-01',
    ])
    // No diff between the releases that are no longer consecutive.
    expect(listFiles(path.join(out, 'ipg633/diffs'))).toEqual([
      'ipg633-2018-11-28__ipg633-2020-06-15.json',
      'ipg633-2018-11-28__ipg633-2020-06-15.md',
      'ipg633-2020-06-15__htg492-2026-01.json',
      'ipg633-2020-06-15__htg492-2026-01.md',
    ])
    const report = JSON.parse(
      readFileSync(
        path.join(out, 'ipg633/diffs/ipg633-2018-11-28__ipg633-2020-06-15.json'),
        'utf8',
      ),
    ) as { metadata: { field: string; old: unknown; new: unknown }[] }
    expect(report.metadata).toContainEqual({
      field: 'published',
      old: '2018-11-28',
      new: '2020-06-15',
    })
  })
})

describe('guidex check', () => {
  it('prints the findings grouped by severity, each at its place, and exits 1 on errors', () => {
    const run = guidex('check', 'input')
    expect(run.status).toBe(1)
    const lines = run.stdout.trim().split('\n')
    // Groups in the order errors, warnings, info, each headed by its count.
    const headers = lines.filter((line) => !line.startsWith(' '))
    const groups = new Map<string, string[]>()
    let current: string[] = []
    for (const line of lines.slice(0, -1)) {
      if (!line.startsWith(' ')) groups.set(line, (current = []))
      else if (!line.startsWith('    see ')) current.push(line.slice(2))
    }
    const [errors, warnings, info] = [...groups.values()] as [string[], string[], string[]]
    expect(headers).toEqual([
      `Errors (${errors.length})`,
      `Warnings (${warnings.length})`,
      `Info (${info.length})`,
      `guidex check: ${inputFiles.length} documents, ${errors.length} errors, ${warnings.length} warnings, ${info.length} info`,
    ])
    expect(errors.every((line) => line.includes(': error: '))).toBe(true)
    expect(warnings.every((line) => line.includes(': warning: '))).toBe(true)
    expect(info.every((line) => line.includes(': info: '))).toBe(true)
    // Exactly the findings of the records, plus the comparison across documents.
    const fromRecords = inputFiles.flatMap((file) =>
      extractRepositoryFile(file).record.findings.map(
        (finding) =>
          `${file}:${finding.source.line}:${finding.source.column}: ${finding.severity}: ${finding.message} [${finding.check}]`,
      ),
    )
    const across = (line: string) => line.endsWith('[evidence-vs-overview]')
    expect([...errors, ...warnings.filter((line) => !across(line)), ...info].sort()).toEqual(
      fromRecords.sort(),
    )
    expect(warnings.filter(across)).toHaveLength(1)
    expect(errors).toContain(
      'input/003_40de2706bbf25dc3.txt:292:136: error: Unexpected RR 0.84 outside its CI 78 to 86: the CI looks 100 times too large (0.78 to 0.86?) [estimate-outside-ci]',
    )
  })

  it('compares a guidance with its overview', () => {
    const run = guidex('check', 'input/002_72932ba4be983c8d.txt', 'input/003_40de2706bbf25dc3.txt')
    expect(run.stdout).toContain(
      'registry study: 4 in the guidance, 3 in the overview [evidence-vs-overview]',
    )
    expect(run.stdout).toContain('    see input/003_40de2706bbf25dc3.txt:89:1')
  })

  it('exits 0 when nothing is wrong', () => {
    expect(guidex('check', 'input/001_28967b82888de774.txt').status).toBe(0)
  })
})

describe('failures and exit codes', () => {
  it('goes on past a bad file, names it, and exits 1', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-bad-'))
    copyFileSync(
      path.join(repositoryRoot, 'input/004_31ea673aef284142.txt'),
      path.join(folder, 'a-good.txt'),
    )
    writeFileSync(path.join(folder, 'b-empty.txt'), '')
    writeFileSync(
      path.join(folder, 'c-binary.txt'),
      Buffer.from([0x47, 0x0a, 0xff, 0xfe, 0x00, 0x01]),
    )
    const out = path.join(folder, 'out')
    const run = guidex('extract', folder, '--out', out)
    expect(run.status).toBe(1)
    const errors = run.stderr.trim().split('\n')
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/b-empty\.txt:1:1: error: Unexpected empty file/)
    expect(errors[1]).toMatch(
      /c-binary\.txt:2:1: error: Unexpected byte `0xff` at byte 2, expected UTF-8/,
    )
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(listFiles(out)).toEqual([
      'index.json',
      'run.json',
      'va-ecmo-for-postcardiotomy-cardiogenic-shock-in-adults/2025-12-18/document.json',
    ])
  })

  it('exits 2 on a usage error', () => {
    expect(guidex('extract').status).toBe(2)
    expect(guidex('frobnicate').status).toBe(2)
    expect(guidex('extract', 'input', '--concurrency', '0').stderr).toContain(
      'Expected `--concurrency` to be a number from 1 and up',
    )
  })

  it('exits 2 when the output folder cannot be used', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-out-'))
    const blocker = path.join(folder, 'file')
    writeFileSync(blocker, 'not a folder')
    expect(
      guidex('extract', 'input/004_31ea673aef284142.txt', '--out', path.join(blocker, 'out'))
        .status,
    ).toBe(2)
  })
})
