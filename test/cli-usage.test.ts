/**
 * The command line as a new user meets it, through the real CLI in a
 * subprocess: help and version, wrong and misplaced options, globs, quiet and
 * machine-readable runs, `--fail-on`, diffs of raw inputs, the tables' CSVs
 * and `export` read back by a strict CSV parser.
 */

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
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { commandSpecs } from '../pipeline/cli/command-specs.js'
import { globToRegExp } from '../pipeline/lib/globs.js'
import type { DocumentRecord, Table } from '../pipeline/types.js'
import { cli, guidex, repositoryRoot } from './helpers.js'

const version = (
  JSON.parse(readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as {
    version: string
  }
).version

/** A strict RFC 4180 parse: a stray quote or a short row throws. */
function parseCsv(text: string): Record<string, string>[] {
  return parse(text, {
    bom: true,
    columns: true,
    relax_quotes: false,
    relax_column_count: false,
    record_delimiter: '\r\n',
  }) as Record<string, string>[]
}

/** Every record of an output folder, by its release folder. */
function records(out: string): { family: string; release: string; record: DocumentRecord }[] {
  const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as {
    families: { family: string; releases: { release: string }[] }[]
  }
  return index.families.flatMap((family) =>
    family.releases.map(({ release }) => ({
      family: family.family,
      release,
      record: JSON.parse(
        readFileSync(path.join(out, family.family, release, 'document.json'), 'utf8'),
      ) as DocumentRecord,
    })),
  )
}

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('Run `npm run build` first (npm test does)')
})

describe('help and version', () => {
  it('prints the version with -v and --version', () => {
    for (const flag of ['-v', '--version']) {
      const run = guidex(flag)
      expect([run.status, run.stdout]).toEqual([0, `${version}\n`])
    }
  })

  it('prints its help with -h, --help and help, listing every command', () => {
    for (const argv of [['-h'], ['--help'], ['help']]) {
      const run = guidex(...argv)
      expect(run.status).toBe(0)
      for (const spec of commandSpecs)
        expect(run.stdout).toContain(`  ${spec.name} ${spec.arguments}`)
    }
  })

  it.each(commandSpecs.map((spec) => spec.name))(
    'prints the help of %s: every option, its default, exit status, an example',
    (name) => {
      const spec = commandSpecs.find((candidate) => candidate.name === name)
      const run = guidex(name, '--help')
      expect(run.status).toBe(0)
      expect(run.stdout.split('\n')[0]).toBe(`Usage: guidex ${name} ${spec?.arguments} [options]`)
      for (const option of spec?.options ?? []) {
        expect(run.stdout).toContain(`--${option.name}`)
        if (option.default)
          expect(run.stdout.replace(/\s+/g, ' ')).toContain(`(default: ${option.default})`)
      }
      expect(run.stdout).toContain('Exit status:')
      expect(run.stdout).toContain(`Examples:\n  guidex ${name}`)
      // -h and `help <command>` say the same.
      expect(guidex(name, '-h').stdout).toBe(run.stdout)
      expect(guidex('help', name).stdout).toBe(run.stdout)
    },
  )

  it('prints the usage to stderr and exits 2 when run bare', () => {
    const run = guidex()
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^Usage: guidex <command>/)
  })
})

describe('wrong and misplaced options', () => {
  it.each([
    [
      ['check', 'input', '-o', 'out2'],
      'Unexpected option `-o` for `check`, expected one of `--concurrency`',
    ],
    [['check', 'input', '--out', 'x'], 'Unexpected option `--out` for `check`'],
    [['check', 'input', '--check'], 'Unexpected option `--check` for `check`'],
    [
      ['validate', 'output', '--concurrency', '2'],
      'Unexpected option `--concurrency` for `validate`',
    ],
    [['extract', 'input', '--out='], 'Expected a value (dir) for `--out`, not an empty value'],
    [['extract', 'input', '-o'], 'Expected a value (dir) after `-o`'],
    [
      ['extract', 'input', '--out', '--quiet'],
      'Expected a value (dir) after `--out`, not `--quiet`',
    ],
    [['extract', 'input', '--check=yes'], 'Unexpected value for `--check`, it is a switch'],
    [
      ['check', 'input', '--fail-on', 'sometimes'],
      'Unexpected `sometimes` for `--fail-on`, expected one of `error`, `warning`',
    ],
    [
      ['check', 'input', '--reporter', 'xml'],
      'Unexpected `xml` for `--reporter`, expected one of `text`, `json`',
    ],
    [
      ['extract', 'input', '--concurrency', '0'],
      'Expected `--concurrency` to be a number from 1 and up, not `0`',
    ],
    [['frobnicate'], 'Unknown command `frobnicate`, expected one of `extract`'],
    [['-o', 'x'], 'Unexpected option `-o` before a command'],
    [['diff', 'a'], 'Expected two releases, `diff <old> <new>`, not 1'],
    [['export', 'output'], 'Expected an output folder and what to export'],
  ])('refuses %j', (argv, message) => {
    const run = guidex(...argv)
    expect(run.status).toBe(2)
    expect(run.stderr.split('\n')[0]).toContain(`guidex: ${message}`)
    // Nothing written, no stack trace.
    expect(run.stdout).toBe('')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('does not take `-o out2` as input files', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-short-'))
    const out = path.join(folder, 'out2')
    const run = guidex('extract', 'input/004_31ea673aef284142.txt', '-o', out, '-q')
    expect(run.status).toBe(0)
    expect(readdirSync(out)).toContain('index.json')
  })
})

describe('inputs', () => {
  it('expands a quoted glob to the files it matches', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'guidex-glob-'))
    const run = guidex('extract', 'input/*.txt', '--out', out)
    expect(run.status).toBe(0)
    // `input/*.txt` is the top folder's five texts, not `input/releases/`.
    const texts = readdirSync(path.join(repositoryRoot, 'input')).filter((name) =>
      name.endsWith('.txt'),
    )
    expect(run.stdout).toContain(`guidex: ${texts.length} documents: ${texts.length} written`)
    const report = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8')) as {
      documents: { path: string }[]
    }
    expect(report.documents.map((document) => document.path)).toEqual(
      texts.sort().map((name) => `input/${name}`),
    )
  })

  it('matches globs as a shell does', () => {
    expect(globToRegExp('input/*.txt').test('input/a.txt')).toBe(true)
    expect(globToRegExp('input/*.txt').test('input/releases/a.txt')).toBe(false)
    expect(globToRegExp('input/**/*.txt').test('input/a.txt')).toBe(true)
    expect(globToRegExp('input/**/*.txt').test('input/releases/a.txt')).toBe(true)
    expect(globToRegExp('*.{txt,md}').test('a.md')).toBe(true)
    expect(globToRegExp('*.{txt,md}').test('a.pdf')).toBe(false)
    expect(globToRegExp('ng[0-9]?.txt').test('ng23.txt')).toBe(true)
    expect(globToRegExp('a.txt').test('abtxt')).toBe(false)
  })

  it('exits 1 with a message when the inputs hold no document', () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'guidex-none-'))
    writeFileSync(path.join(empty, 'notes.json'), '{}')
    for (const command of ['extract', 'check']) {
      const run = guidex(
        command,
        empty,
        ...(command === 'extract' ? ['-o', path.join(empty, 'out')] : []),
      )
      expect(run.status).toBe(1)
      expect(run.stderr).toContain(`guidex: No documents in \`${empty}\``)
    }
  })
})

describe('quiet and machine-readable runs', () => {
  it('prints nothing with --quiet when nothing is wrong', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'guidex-quiet-'))
    const run = guidex('extract', 'input', '--out', out, '--quiet')
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', ''])
  })

  it('prints one line for the diffs unless --verbose', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-diffs-'))
    const original = readFileSync(
      path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'),
      'utf8',
    )
    // Three releases of HTG775: two diffs.
    writeFileSync(path.join(folder, 'a.txt'), original)
    writeFileSync(
      path.join(folder, 'b.txt'),
      original.replace('3.12 There is a lack', '3.12 There is little'),
    )
    writeFileSync(
      path.join(folder, 'c.txt'),
      original.replace('3.12 There is a lack', '3.12 There is no'),
    )
    const run = guidex('extract', folder, '--out', path.join(folder, 'out'))
    const lines = run.stdout.split('\n').filter((line) => / diffs? /.test(line))
    expect(lines).toEqual([
      `guidex: 2 diffs written to ${path.join(folder, 'out', '<family>/diffs/')} (--verbose lists them)`,
    ])
  })

  it('gives check a JSON report in vfile-reporter-json’s shape', () => {
    const run = guidex(
      'check',
      'input/003_40de2706bbf25dc3.txt',
      'input/001_28967b82888de774.txt',
      '--reporter',
      'json',
    )
    expect(run.status).toBe(1)
    const files = JSON.parse(run.stdout) as {
      path: string
      messages: {
        line: number
        column: number
        fatal: boolean | undefined
        ruleId: string
        reason: string
        actual: string
        note: string
      }[]
    }[]
    expect(files.map((file) => file.path)).toEqual([
      'input/003_40de2706bbf25dc3.txt',
      'input/001_28967b82888de774.txt',
    ])
    const overview = readFileSync(
      path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
      'utf8',
    )
    // Every finding's words are the input's, at its line and column.
    const lines = overview.split('\n')
    for (const message of files[0]?.messages ?? []) {
      const line = lines[message.line - 1] as string
      expect(
        line.slice(message.column - 1).startsWith(message.actual.split('\n')[0] as string),
        message.reason,
      ).toBe(true)
    }
    const padberg = files[0]?.messages.find((message) => message.actual === '11.9% (35/776)')
    expect(padberg).toMatchObject({
      fatal: true,
      ruleId: 'percent-vs-fraction',
      reason: '11.9% is not 35 of 776 (4.5%)',
    })
    expect(padberg?.note).toContain('in table 3 (Study outcomes), row 9 (Padberg J-S, 2024)')
    expect(files[1]?.messages).toEqual([])
  })

  it('fails on warnings with --fail-on warning, and not at all with none', () => {
    // HTG775 against its overview: one warning across documents, no error.
    const pair = ['input/002_72932ba4be983c8d.txt', 'input/003_40de2706bbf25dc3.txt']
    expect(guidex('check', pair[0] as string, '--fail-on', 'warning').status).toBe(0)
    expect(guidex('check', ...pair, '--fail-on', 'none').status).toBe(0)
    expect(guidex('check', ...pair).status).toBe(1)
    const out = mkdtempSync(path.join(tmpdir(), 'guidex-fail-'))
    expect(
      guidex('extract', 'input/002_72932ba4be983c8d.txt', '-o', out, '--fail-on', 'warning').status,
    ).toBe(0)
    expect(guidex('extract', 'input', '-o', out, '--fail-on', 'error').status).toBe(1)
    // The same on a re-run that skips every text.
    expect(guidex('extract', 'input', '-o', out, '--fail-on', 'error').status).toBe(1)
    expect(guidex('extract', 'input', '-o', out).status).toBe(0)
  })
})

describe('check and extract agree', () => {
  it('count the same findings, reading warnings such as a numbering gap included', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-gap-'))
    // Paragraph 1.2 is missing: 1.3 follows 1.1 (line 7).
    const text = 'Guidance title\n\n1 Recommendations\n\n1.1 The first one.\n\n1.3 The third one.\n'
    writeFileSync(path.join(folder, 'gap.txt'), text)
    const line = text.split('\n').indexOf('1.3 The third one.') + 1
    const check = guidex('check', path.join(folder, 'gap.txt'))
    expect(check.stdout).toContain(
      `  ${line}:1  warning  Unexpected paragraph number \`1.3\`, expected \`1.2\`  numbering-gap`,
    )
    expect(check.stdout).toContain('guidex check: 1 document: 0 errors, 1 warning, 0 info')
    const extract = guidex('extract', path.join(folder, 'gap.txt'), '-o', path.join(folder, 'out'))
    expect(extract.stdout).toContain('guidex: findings: 0 errors, 1 warning, 0 info')
    expect(extract.stderr).toContain('numbering-gap')
    expect(guidex('check', path.join(folder, 'gap.txt'), '--fail-on', 'warning').status).toBe(1)
  })
})

describe('guidex diff of raw inputs', () => {
  it('extracts two texts on the fly and names both', () => {
    const run = guidex(
      'diff',
      'input/releases/ipg633-2018-11-28.txt',
      'input/001_28967b82888de774.txt',
    )
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      '| input file | `input/releases/ipg633-2018-11-28.txt` | `input/001_28967b82888de774.txt` |',
    )
    expect(run.stdout).toContain('- guidanceId: `IPG633` → `HTG492`')
  })

  it('says what is wrong with an argument, without a JSON.parse error', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-bad-diff-'))
    writeFileSync(path.join(folder, 'broken.json'), '{"schemaVersion": ')
    writeFileSync(path.join(folder, 'other.json'), '{"a": 1}')
    const cases: [string, RegExp][] = [
      [path.join(folder, 'missing.txt'), /Cannot read `.*missing\.txt`: no such file or folder/],
      [folder, /is a folder without a document\.json/],
      [
        path.join(folder, 'broken.json'),
        /Cannot read `.*broken\.json` as a document\.json: it is not valid JSON/,
      ],
      [path.join(folder, 'other.json'), /is JSON but not a guidex document\.json/],
    ]
    for (const [argument, message] of cases) {
      const run = guidex('diff', argument, 'input/001_28967b82888de774.txt')
      expect(run.status).toBe(2)
      expect(run.stderr).toMatch(message)
    }
  })
})

describe('CSVs a spreadsheet opens right', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-csv-'))
  const folder = path.join(out, 'ipg10404/ipg10404-undated/tables')
  let record: DocumentRecord

  beforeAll(() => {
    expect(guidex('extract', 'input/003_40de2706bbf25dc3.txt', '-o', out, '-q').status).toBe(0)
    record = records(out)[0]?.record as DocumentRecord
  })

  it('names each table by its id and caption', () => {
    const names = readdirSync(folder)
    expect(names).toHaveLength(record.tables.length)
    for (const table of record.tables)
      expect(names.filter((name) => name.startsWith(`table-${table.id}-`))).toHaveLength(1)
    // `Table 5b additional studies identified`, and 5a's long caption cut at a word.
    expect(names).toContain('table-5b-additional-studies-identified.csv')
    expect(names).toContain('table-5a-additional-studies-identified-case-reports-of-adverse.csv')
  })

  it('writes UTF-8 with a byte order mark, and keeps a cell’s lines and bullets', () => {
    const file = readFileSync(path.join(folder, 'table-3-study-outcomes.csv'))
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parseCsv(file.toString('utf8'))
    const table = record.tables.find((candidate) => candidate.id === '3') as Table
    expect(rows).toHaveLength(table.rows.length)
    expect(Object.keys(rows[0] ?? {})).toEqual(table.columns)
    // The first study's safety cell, block by block: a line each, items bulleted.
    const cell = table.rows[0]?.cells[2]
    const expected = (cell?.blocks ?? [])
      .map((block) => (block.type === 'item' ? `• ${block.text}` : block.text))
      .join('\n')
    expect(rows[0]?.[table.columns[2] as string]).toBe(expected)
    expect(rows[0]?.[table.columns[0] as string]).toBe('Møller J, 2024')
  })

  it('leaves the mark out with --csv-bom false', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'guidex-nobom-'))
    expect(
      guidex('extract', 'input/003_40de2706bbf25dc3.txt', '-o', plain, '-q', '--csv-bom', 'false')
        .status,
    ).toBe(0)
    const file = readFileSync(
      path.join(plain, 'ipg10404/ipg10404-undated/tables/table-3-study-outcomes.csv'),
    )
    expect(file.toString('utf8').startsWith('"First author')).toBe(true)
    expect(guidex('validate', plain).status).toBe(0)
  })
})

describe('guidex export', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-export-'))

  beforeAll(() => {
    expect(guidex('extract', 'input', '-o', out, '-q').status).toBe(0)
  })

  it('exports one row per result with its document and place, as strict CSV', () => {
    const run = guidex('export', out, 'results')
    expect(run.status).toBe(0)
    const rows = parseCsv(run.stdout)
    const all = records(out).flatMap(({ family, release, record }) =>
      record.results.map((result) => ({ family, release, record, result })),
    )
    expect(rows).toHaveLength(all.length)
    for (const [index, { family, release, record, result }] of all.entries()) {
      const row = rows[index] as Record<string, string>
      expect(row).toMatchObject({
        family,
        release,
        guidanceId: record.metadata.guidanceId ?? '',
        kind: result.kind,
        written: result.written ?? '',
        study: result.context.study ?? '',
        line: String(result.source.line),
        column: String(result.source.column),
        text: result.source.text,
      })
      if (result.context.location.type === 'table') {
        expect(row.table).toBe(result.context.location.table)
        expect(row.row).toBe(String(result.context.location.row))
        expect(row.tableColumn).toBe(result.context.location.column ?? '')
      }
    }
  })

  it('exports findings and paragraphs, as CSV and JSON lines alike', () => {
    for (const what of ['findings', 'paragraphs'] as const) {
      const csv = parseCsv(guidex('export', out, what).stdout)
      const jsonl = guidex('export', out, what, '--format', 'jsonl')
        .stdout.trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(jsonl).toHaveLength(csv.length)
      expect(Object.keys(jsonl[0] ?? {})).toEqual(Object.keys(csv[0] ?? {}))
      for (const [index, row] of csv.entries())
        for (const [column, value] of Object.entries(jsonl[index] ?? {}))
          expect(row[column], `${what} ${index} ${column}`).toBe(
            value === null ? '' : String(value),
          )
    }
    const findings = records(out).flatMap(({ record }) => record.findings)
    const csv = parseCsv(guidex('export', out, 'findings').stdout)
    expect(csv.map((row) => [row.check, row.severity, row.line])).toEqual(
      findings.map((finding) => [finding.check, finding.severity, String(finding.source.line)]),
    )
    const paragraphs = records(out).flatMap(({ record }) => [
      ...record.preamble,
      ...(function flat(sections: DocumentRecord['sections']): DocumentRecord['preamble'] {
        return sections.flatMap((section) => [...section.paragraphs, ...flat(section.sections)])
      })(record.sections),
    ])
    const paragraphRows = parseCsv(guidex('export', out, 'paragraphs').stdout)
    expect(paragraphRows.map((row) => row.text)).toEqual(
      paragraphs.map((paragraph) => paragraph.text),
    )
  })

  it('writes to a file with --out, and refuses a folder that is not an output', () => {
    const file = path.join(out, 'export', 'results.jsonl')
    mkdirSync(path.dirname(file), { recursive: true })
    expect(guidex('export', out, 'results', '-f', 'jsonl', '-o', file).status).toBe(0)
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).length).toBe(
      records(out).reduce((sum, { record }) => sum + record.results.length, 0),
    )
    const empty = mkdtempSync(path.join(tmpdir(), 'guidex-not-out-'))
    copyFileSync(path.join(repositoryRoot, 'package.json'), path.join(empty, 'package.json'))
    const run = guidex('export', empty, 'results')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('is not an output folder')
  })
})
