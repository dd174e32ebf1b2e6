/**
 * The real CLI in a subprocess (the built `dist/`, as `npm start` runs it):
 * output tree, index, re-runs, validate, failures and exit codes.
 */

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
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
import { cli, extractRepositoryFile, guidex, repositoryRoot } from './helpers.js'

/** The inputs of `input/` (a folder is read recursively for `*.txt`), from the repository root, sorted. */
const inputFiles = readdirSync(path.join(repositoryRoot, 'input'), { recursive: true })
  .map((name) => `input/${String(name).split(path.sep).join('/')}`)
  .filter((name) => name.endsWith('.txt'))
  .sort()

/** Findings counted by severity. */
function severityCounts(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const counts = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.severity]++
  return counts
}

/** The findings of the records written in an output folder, counted by severity. */
function findingCounts(folder: string): Record<Finding['severity'], number> {
  return severityCounts(
    listFiles(folder)
      .filter((name) => name.endsWith('document.json'))
      .flatMap(
        (file) =>
          (JSON.parse(readFileSync(path.join(folder, file), 'utf8')) as DocumentRecord).findings,
      ),
  )
}

/** `1 error`, `2 errors`: a count as the CLI writes it. */
function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The family of a text without a guidance id: its title's slug and its sha256's first 12 digits. */
function ownFamily(title: string, file: string): string {
  const hash = createHash('sha256')
    .update(readFileSync(path.join(repositoryRoot, file)))
    .digest('hex')
  return `${title}-${hash.slice(0, 12)}`
}

/** The family of input/004 (a title, no id). */
const vaEcmo = ownFamily(
  'va-ecmo-for-postcardiotomy-cardiogenic-shock-in',
  'input/004_31ea673aef284142.txt',
)

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
      `guidex: findings: ${plural(error, 'error')}, ${plural(warning, 'warning')}, ${info} info`,
    )
    expect(run.status).toBe(0)
    expect(listFiles(out)).toEqual([
      'htg775/htg775-2026-03-25/document.json',
      'index.json',
      'ipg10404/ipg10404-undated/document.json',
      // Named by id and caption (`Table 5a additional studies identified – case
      // reports of adverse events`, cut at a word under 60 characters).
      'ipg10404/ipg10404-undated/tables/table-1-abbreviations.csv',
      'ipg10404/ipg10404-undated/tables/table-2-study-details.csv',
      'ipg10404/ipg10404-undated/tables/table-3-study-outcomes.csv',
      'ipg10404/ipg10404-undated/tables/table-4a-main-search-results.csv',
      'ipg10404/ipg10404-undated/tables/table-5a-additional-studies-identified-case-reports-of-adverse.csv',
      'ipg10404/ipg10404-undated/tables/table-5b-additional-studies-identified.csv',
      'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.json',
      'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.md',
      'ipg633/htg492-2026-01/document.json',
      'ipg633/ipg633-2018-11-28/document.json',
      'run.json',
      `${ownFamily('untitled', 'input/000_ae64daafe6017921.txt')}/undated/document.json`,
      `${vaEcmo}/2025-12-18/document.json`,
    ])
  })

  it('puts IPG633 and HTG492 in one family, releases in order', () => {
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    const family = index.families.find((candidate) => candidate.family === 'ipg633')
    expect(family?.releases.map((release) => release.guidanceId)).toEqual(['IPG633', 'HTG492'])
    // Where the text was seen, from the output folder (the same from any working folder).
    expect(family?.releases[0]?.source.paths).toEqual([
      path.relative(out, path.join(repositoryRoot, 'input/releases/ipg633-2018-11-28.txt')),
    ])
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
    // The findings of the unchanged documents still count (from the index).
    expect(report.totals.findings).toEqual(findingCounts(out))
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
    // The record was edited (its size kept): the run would write it again from its input.
    expect(run.stderr).toBe(
      'guidex: --check: htg775/htg775-2026-03-25/document.json: differs from what the run would write\n',
    )
    const missing = guidex(
      'extract',
      'input',
      '--out',
      mkdtempSync(path.join(tmpdir(), 'guidex-empty-')),
      '--check',
    )
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain(
      'guidex: --check: htg775/htg775-2026-03-25/document.json: missing: the run would write it\n',
    )
    expect(missing.stderr).toContain(
      'guidex: --check: index.json: missing: the run would write it\n',
    )
  })

  it('validates what it wrote', () => {
    const run = guidex('validate', out)
    expect(run.status).toBe(0)
    const written = listFiles(out).filter((file) => file.endsWith('.json'))
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    // Listed: each release's files and each diff's.
    const listed = index.families.flatMap((family) => [
      ...family.releases.flatMap((release) => release.files),
      ...family.diffs.flatMap((diff) => diff.files),
    ])
    expect(run.stdout).toContain(
      `${written.length} files checked, ${listed.length} listed in index.json, 0 invalid`,
    )
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

describe('findings in run.json', () => {
  it('totals every document of the batch, copies and unchanged texts included', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-copies-'))
    const out = path.join(folder, 'out')
    for (const name of ['a.txt', 'b.txt', 'c.txt'])
      copyFileSync(
        path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
        path.join(folder, name),
      )
    const totals = () =>
      (
        JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as {
          totals: { findings: Record<string, number> }
        }
      ).totals.findings
    expect(guidex('extract', folder, '--out', out, '--concurrency', '2').status).toBe(0)
    // One release, its findings counted once per copy, whichever copy was written.
    const record = JSON.parse(
      readFileSync(path.join(out, 'ipg10404/ipg10404-undated/document.json'), 'utf8'),
    ) as { findings: { severity: 'error' | 'warning' | 'info' }[] }
    const once = { error: 0, warning: 0, info: 0 }
    for (const finding of record.findings) once[finding.severity]++
    const thrice = { error: once.error * 3, warning: once.warning * 3, info: once.info * 3 }
    expect(totals()).toEqual(thrice)
    // A re-run skips every text by its hash, and totals the same.
    expect(guidex('extract', folder, '--out', out).status).toBe(0)
    expect(totals()).toEqual(thrice)
  })
})

describe('records independent of the run', () => {
  it('writes the same document.json for the same text under another name, from another folder', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-paths-'))
    const text = readFileSync(path.join(repositoryRoot, 'input/004_31ea673aef284142.txt'))
    mkdirSync(path.join(folder, 'elsewhere'))
    writeFileSync(path.join(folder, 'first.txt'), text)
    writeFileSync(path.join(folder, 'elsewhere', 'renamed.txt'), text)
    const one = guidex('extract', path.join(folder, 'first.txt'), '--out', path.join(folder, 'a'))
    const two = spawnSync(process.execPath, [cli, 'extract', 'renamed.txt', '--out', '../b'], {
      cwd: path.join(folder, 'elsewhere'),
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    })
    expect([one.status, two.status]).toEqual([0, 0])
    const release = `${vaEcmo}/2025-12-18/document.json`
    const first = readFileSync(path.join(folder, 'a', release), 'utf8')
    expect(readFileSync(path.join(folder, 'b', release), 'utf8')).toBe(first)
    const record = JSON.parse(first) as { schemaVersion: string; source: object }
    expect(record.schemaVersion).toBe('2.0.0')
    // The size, hash and format of the bytes: no path.
    expect(Object.keys(record.source).sort()).toEqual(['bytes', 'format', 'sha256'])
    expect(record.source).toMatchObject({ bytes: text.length })
    // The paths go to index.json, from the output folder.
    const index = JSON.parse(
      readFileSync(path.join(folder, 'b', 'index.json'), 'utf8'),
    ) as OutputIndex
    expect(index.families[0]?.releases[0]?.source.paths).toEqual(['../elsewhere/renamed.txt'])
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
    // With its section (the subheading above it in the input) and line.
    const line = original.split('\n').findIndex((text) => text.startsWith('3.12 There is')) + 1
    expect(diff).toContain(
      `- reworded 3.12 (Equality considerations, line ${line}): There is ~~a lack of~~ **little** evidence in women.`,
    )
    // The header names both releases: folders and input files.
    expect(diff).toContain(
      `| release | \`htg775/htg775-2026-03-25\` | \`htg775/${releases[1]?.release}\` |`,
    )
    expect(diff).toMatch(/\| input file \| `[^`]*first\.txt` \| `[^`]*second\.txt` \|/)
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
  const overview = readFileSync(path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'), 'utf8')

  /** Line and column of the first occurrence of a text in the overview. */
  function placeOf(text: string): string {
    const offset = overview.indexOf(text)
    const before = overview.slice(0, offset).split('\n')
    return `${before.length}:${(before.at(-1) as string).length + 1}`
  }

  it('prints the findings grouped by file, each for a reviewer, and exits 1 on errors', () => {
    const run = guidex('check', 'input')
    expect(run.status).toBe(1)
    const lines = run.stdout.split('\n')
    // Each file once, in input order, with its counts.
    const headings = lines.filter((line) => line.startsWith('input/'))
    expect(headings.map((line) => line.replace(/[: ].*/, ''))).toEqual([
      'input/000_ae64daafe6017921.txt',
      'input/001_28967b82888de774.txt',
      'input/002_72932ba4be983c8d.txt',
      'input/003_40de2706bbf25dc3.txt',
      'input/004_31ea673aef284142.txt',
      'input/releases/ipg633-2018-11-28.txt',
    ])
    // Each file's counts are its record's, and its lines list exactly the
    // record's findings (place, severity, check).
    for (const [index, file] of inputFiles.entries()) {
      const { findings } = extractRepositoryFile(file).record
      const counts = severityCounts(findings)
      const none = counts.error + counts.warning + counts.info === 0
      expect(headings[index]).toMatch(
        none
          ? /: no findings$/
          : new RegExp(
              `: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info$`,
            ),
      )
      const start = lines.indexOf(headings[index] as string)
      const end =
        index + 1 < headings.length ? lines.indexOf(headings[index + 1] as string) : lines.length
      const listed = lines.slice(start + 1, end).flatMap((line) => {
        const match = /^ {2}(\d+:\d+) {2}(error|warning|info) {2}.* {2}([a-z-]+)$/.exec(line)
        return match ? [`${match[1]} ${match[2]} ${match[3]}`] : []
      })
      expect(listed.sort(), file).toEqual(
        findings
          .map(
            (finding) =>
              `${finding.source.line}:${finding.source.column} ${finding.severity} ${finding.check}`,
          )
          .sort(),
      )
    }
    // Padberg's 35/776 written as 11.9% in table 3, row 9 (read in the document).
    const at = placeOf('11.9% (35/776)')
    const first = lines.findIndex((line) => line.startsWith(`  ${at}  error`))
    expect(lines[first]).toBe(
      `  ${at}  error  11.9% is not 35 of 776 (${((35 / 776) * 100).toFixed(1)}%)  percent-vs-fraction`,
    )
    expect(lines[first + 1]).toContain('study: Padberg J-S, 2024')
    expect(lines[first + 1]).toContain('group: Microaxial flow pump group')
    expect(lines[first + 2]).toBe(
      '      in table 3 (Study outcomes), row 9 (Padberg J-S, 2024), column Efficacy outcomes',
    )
    // The source's words, the figures marked beneath them.
    const excerpt = lines[first + 3] as string
    const marks = lines[first + 4] as string
    expect(excerpt).toContain('Microaxial flow pump group=11.9% (35/776)')
    expect(marks.indexOf('^')).toBe(excerpt.indexOf('11.9% (35/776)'))
    expect(marks.trim().replace(/^\|\s*/, '')).toBe('^'.repeat('11.9% (35/776)'.length))
    const total = severityCounts(
      inputFiles.flatMap((file) => extractRepositoryFile(file).record.findings),
    )
    // Across documents: the registry study counted 4 times in the guidance and
    // 3 times in its overview (see the next tests).
    expect(lines.at(-2)).toBe(
      `guidex check: ${inputFiles.length} documents: ${plural(total.error, 'error')}, ${plural(total.warning, 'warning')}, ${total.info} info; across documents: 0 errors, 1 warning, 0 info`,
    )
  })

  it('gives the other place of a disagreement, with its table, row and column', () => {
    const run = guidex('check', 'input/003_40de2706bbf25dc3.txt')
    // Bogerd's age range: 55 to 80.6 years in the text, 55 to 70.6 in table 2.
    const lines = run.stdout.split('\n')
    const at = lines.findIndex((line) => line.includes('text-vs-table'))
    expect(lines[at]).toContain(`${placeOf('ranged from 55 to 80.6 years')}  error`)
    const see = lines.slice(at).find((line) => line.trim().startsWith('see '))
    expect(see).toBe(
      `      see ${placeOf('ranged from 55 to 70.6 years')}, table 2 (Study details), row 5 (Bogerd M, 2025), column Characteristics of people in the study (as reported by the study)`,
    )
  })

  it('compares a guidance with its overview', () => {
    const run = guidex('check', 'input/002_72932ba4be983c8d.txt', 'input/003_40de2706bbf25dc3.txt')
    expect(run.stdout).toContain('Across documents (a guidance against its overview):')
    expect(run.stdout).toContain(
      'registry study: 4 in the guidance, 3 in the overview  evidence-vs-overview',
    )
    expect(run.stdout).toContain('      see input/003_40de2706bbf25dc3.txt:89:1')
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
    // vfile-reporter's shape: the file, then `line:column severity reason rule source`.
    const errors = run.stderr.trim().split('\n')
    expect(errors[0]).toMatch(/b-empty\.txt$/)
    expect(errors[1]).toMatch(/^1:1 +error +Unexpected empty file, expected text +empty +guidex$/)
    expect(errors[3]).toMatch(/c-binary\.txt$/)
    expect(errors[4]).toMatch(
      /^2:1 +error +Unexpected byte `0xff` at byte 2, expected UTF-8 +invalid-utf8 +guidex$/,
    )
    expect(errors.at(-1)).toBe('✖ 2 errors')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(listFiles(out)).toEqual(['index.json', 'run.json', `${vaEcmo}/2025-12-18/document.json`])
  })

  it('exits 2 on a usage error', () => {
    expect(guidex('extract').status).toBe(2)
    expect(guidex('frobnicate').status).toBe(2)
    expect(guidex('extract', 'input', '--concurrency', '0').stderr).toContain(
      'Expected `--concurrency` to be a number from 1 and up',
    )
    // An empty output folder is no folder (it would be the working folder).
    const empty = guidex('extract', 'input', '--out=')
    expect(empty.status).toBe(2)
    expect(empty.stderr).toContain('guidex: Expected a value (dir) for `--out`, not an empty value')
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
