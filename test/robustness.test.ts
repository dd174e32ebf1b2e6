/**
 * Bad and awkward inputs beside good ones, through the real CLI: the batch
 * finishes with exit status 1, each bad file is named with its place, no
 * stack trace, good files are written and valid, CRLF, BOM and UTF-16
 * copies read like the original, and no temporary file is left, not even
 * after a kill. Then property-based tests: any input gives a valid record or
 * a failure its bytes explain, never an internal error.
 */

import { spawn, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { extractRule, hasFailed } from '../pipeline/extract-document.js'
import { maximumInputBytes } from '../pipeline/readers/read-text.js'
import { extractText, repositoryRoot } from './helpers.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

/** The reason of the `not-guidance` rule. */
const notGuidance =
  'Unexpected text that is not a guidance document: no guidance id, programme, date, ISBN, NICE address, NICE page footer or numbered paragraph'
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
  JSON.parse(readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8')),
)

/** The rules of the failures an input's bytes explain (the decode stage's). */
const inputProblems = new Set(['empty', 'binary', 'invalid-utf8', 'too-large', 'not-guidance'])

function guidex(...argv: string[]) {
  return spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
}

function allFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

/** UTF-16 with a byte order mark. */
function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const body = Buffer.from(text, 'utf16le')
  if (endian === 'be') body.swap16()
  return Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body])
}

describe('a batch of bad and awkward inputs', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'guidex-batch-'))
  const inputs = path.join(folder, 'in')
  const out = path.join(folder, 'out')
  mkdirSync(inputs)
  const original = readFileSync(path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'), 'utf8')
  copyFileSync(
    path.join(repositoryRoot, 'input/004_31ea673aef284142.txt'),
    path.join(inputs, 'good.txt'),
  )
  writeFileSync(path.join(inputs, 'a-crlf.txt'), original.replaceAll('\n', '\r\n'))
  writeFileSync(
    path.join(inputs, 'b-bom.txt'),
    `\uFEFF${original.replace('HTG775', 'HTG901').replace('htg775', 'htg901')}`,
  )
  writeFileSync(
    path.join(inputs, 'c-utf16le.txt'),
    utf16(original.replace(/htg775/gi, 'HTG902'), 'le'),
  )
  writeFileSync(
    path.join(inputs, 'd-utf16be.txt'),
    utf16(original.replace(/htg775/gi, 'HTG903'), 'be'),
  )
  writeFileSync(
    path.join(inputs, 'e-cr.txt'),
    original.replace(/htg775/gi, 'HTG904').replaceAll('\n', '\r'),
  )
  writeFileSync(path.join(inputs, 'f-empty.txt'), '')
  writeFileSync(path.join(inputs, 'g-blank.txt'), ' \n\t\n \r\n')
  writeFileSync(
    path.join(inputs, 'h-binary.txt'),
    Buffer.from([0x25, 0x50, 0x44, 0x46, 0x0a, 0x00, 0x01, 0x02]),
  )
  writeFileSync(
    path.join(inputs, 'i-latin1.txt'),
    Buffer.from('Line one\nCaf\xe9 au lait\n', 'latin1'),
  )
  writeFileSync(path.join(inputs, 'j-huge.txt'), 'x'.repeat(maximumInputBytes + 1))
  writeFileSync(path.join(inputs, 'k-tabs.txt'), '\t'.repeat(100_000))
  writeFileSync(path.join(inputs, 'l-long-line.md'), `# Title\n\n${'word '.repeat(200_000)}\n`)
  writeFileSync(
    path.join(inputs, 'm-deep-list.txt'),
    Array.from({ length: 5000 }, (_, index) => `${' '.repeat(index % 60)}- item ${index}`).join(
      '\n',
    ),
  )
  writeFileSync(path.join(inputs, 'n-brackets.txt'), `${'['.repeat(50_000)}\n`)
  // Named `.pdf`, text in its bytes: read as the text it is.
  writeFileSync(path.join(inputs, 'o-text-named.pdf'), 'A title\n\nA paragraph of text.\n')

  let run: ReturnType<typeof guidex>
  beforeAll(() => {
    run = guidex('extract', inputs, '--out', out, '--reporter', 'json')
  }, 60_000)

  it('finishes with exit status 1, naming each bad file and its place, without a stack trace', () => {
    expect(run.status).toBe(1)
    // vfile-reporter-json's shape: every input with its messages.
    const files = JSON.parse(run.stderr) as {
      path: string
      messages: { line: number; column: number; fatal: boolean; reason: string; ruleId: string }[]
    }[]
    const errors = files.flatMap((file) =>
      file.messages
        .filter((message) => message.fatal)
        .map(
          (message) =>
            `${path.basename(file.path)}:${message.line}:${message.column}: error: ${message.reason} [${message.ruleId}]`,
        ),
    )
    expect(errors).toEqual([
      'f-empty.txt:1:1: error: Unexpected empty file, expected text [empty]',
      'g-blank.txt:1:1: error: Unexpected blank file, expected text [empty]',
      'h-binary.txt:2:1: error: Unexpected NUL character, expected text (is this a binary file?) [binary]',
      'i-latin1.txt:2:4: error: Unexpected byte `0xe9` at byte 12, expected UTF-8 [invalid-utf8]',
      `j-huge.txt:1:1: error: Unexpected file of ${maximumInputBytes + 1} bytes, expected at most ${maximumInputBytes} [too-large]`,
      'k-tabs.txt:1:1: error: Unexpected blank file, expected text [empty]',
      // Texts that show nothing of a guidance document (no id, date, programme or numbered paragraph).
      `l-long-line.md:1:1: error: ${notGuidance} [not-guidance]`,
      `m-deep-list.txt:1:1: error: ${notGuidance} [not-guidance]`,
      `n-brackets.txt:1:1: error: ${notGuidance} [not-guidance]`,
      // Read as the text it is (no PDF error), and that text is no guidance either.
      `o-text-named.pdf:1:1: error: ${notGuidance} [not-guidance]`,
    ])
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('writes the good files, valid', () => {
    // good, a-crlf, b-bom, c-utf16le, d-utf16be, e-cr, l-long-line, m-deep-list
    // and n-brackets: 9 texts, each its own (the copies of 002 renamed).
    const records = allFiles(out).filter((file) => file.endsWith('document.json'))
    // good.txt and the five copies of 002 (CRLF, BOM, UTF-16 LE and BE, CR).
    expect(records).toHaveLength(6)
    for (const file of records)
      expect(validate(JSON.parse(readFileSync(path.join(out, file), 'utf8'))), file).toBe(true)
    expect(guidex('validate', out).status).toBe(0)
  })

  it('reads CRLF, CR, BOM and UTF-16 copies like the original', () => {
    const sectionsOf = (file: string) =>
      JSON.stringify(
        JSON.parse(readFileSync(path.join(out, file), 'utf8')).sections,
        (key, value) => (key === 'source' || key === 'itemSources' ? undefined : value),
      )
    const reference = extractText(original).record
    const expected = JSON.stringify(reference.sections, (key, value) =>
      key === 'source' || key === 'itemSources' ? undefined : value,
    )
    const copies = allFiles(out).filter(
      (file) => file.endsWith('document.json') && /htg(?:775|90\d)/.test(file),
    )
    // a-crlf (HTG775 itself), b-bom, c-utf16le, d-utf16be and e-cr.
    expect(copies).toHaveLength(5)
    for (const file of copies) expect(sectionsOf(file), file).toBe(expected)
  })

  it('leaves no temporary file', () => {
    expect(allFiles(out).filter((file) => file.includes('.guidex-tmp-'))).toEqual([])
  })
})

describe('a run stopped half way', () => {
  it('leaves no temporary or partial file, and the next run completes it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-kill-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    const overview = readFileSync(
      path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
      'utf8',
    )
    for (let index = 0; index < 40; index++) {
      writeFileSync(
        path.join(inputs, `doc-${String(index).padStart(2, '0')}.txt`),
        overview.replaceAll('ipg10404', `ipg${20000 + index}`),
      )
    }
    const out = path.join(folder, 'out')
    // Stopped at a known point, not at a time: the CLI holds the third
    // record's write (its temporary file written, not yet renamed) until the
    // signal comes. Records are written in input order, each after its tables.
    const child = spawn(
      process.execPath,
      [cli, 'extract', inputs, '--out', out, '--concurrency', '1'],
      { cwd: repositoryRoot, env: { ...process.env, GUIDEX_TEST_HOLD_WRITE: 'document.json:3' } },
    )
    const exited = new Promise<number | string | null>((resolve) =>
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal)),
    )
    let stderr = ''
    const held = await new Promise<string>((resolve, reject) => {
      child.stderr.setEncoding('utf8')
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk
        const match = /test hook: holding write 3 at (.+)\n/.exec(stderr)
        if (match) resolve(match[1] as string)
      })
      void exited.then((code) => reject(new Error(`exited (${code}) before the hold: ${stderr}`)))
    })
    const records = () => allFiles(out).filter((file) => file.endsWith('document.json'))
    // The held record is a temporary file, the two before it are whole.
    expect(existsSync(held)).toBe(true)
    expect(records()).toEqual([
      'ipg20000/ipg20000-undated/document.json',
      'ipg20001/ipg20001-undated/document.json',
    ])
    child.kill('SIGTERM')
    // 143 = 128 + SIGTERM: the handler cleaned up and exited.
    expect(await exited).toBe(143)
    expect(allFiles(out).filter((file) => file.includes('.guidex-tmp-'))).toEqual([])
    expect(existsSync(held)).toBe(false)
    const written = records()
    expect(written).toHaveLength(2)
    // Every record on disk is whole.
    const before = new Map(
      written.map((file) => [file, readFileSync(path.join(out, file), 'utf8')]),
    )
    for (const [file, text] of before) expect(validate(JSON.parse(text)), file).toBe(true)
    // The next run finishes the batch and writes the same bytes where it writes again.
    expect(guidex('extract', inputs, '--out', out).status).toBe(0)
    expect(records()).toHaveLength(40)
    for (const [file, text] of before)
      expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(text)
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as {
      families: unknown[]
    }
    expect(index.families).toHaveLength(40)
  }, 60_000)
})

describe('any input', () => {
  const lines = fc.array(
    fc.oneof(
      fc.constantFrom(
        '',
        ' ',
        '1 Recommendations',
        '- 1.1 Text of a paragraph',
        ' - item',
        'Contents',
        'A\tB\tC',
        '\t\t<ul> • x',
        'Table 2 Study details',
        'RR 2.06, 95% CI 1.15 to 3.66, p=0.04',
        '15.6% (28/179)',
        '[link](#)',
        '**bold**',
        '$I^2=90\\%$',
        'Published: 1 January 2020',
        '3.14 People',
        'Interventional procedure overview: x',
      ),
      fc.string({ maxLength: 60 }),
    ),
    { maxLength: 40 },
  )
  const texts = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc
      .tuple(lines, fc.constantFrom('\n', '\r\n', '\r'))
      .map(([parts, lineEnd]) => parts.join(lineEnd)),
  )

  /**
   * What any input must give: never an internal error (a bug of guidex);
   * either a record that validates, with every result at its raw characters,
   * or a failure the bytes themselves explain (empty, binary, not UTF-8, too
   * large, nothing of a guidance document).
   */
  function expectSound(input: string | Uint8Array): void {
    const { file, record } = extractText(input)
    expect(
      file.messages
        .filter((message) => message.ruleId === extractRule.internalError)
        .map((message) => `${String(message)}\n${message.stack}`),
    ).toEqual([])
    if (hasFailed(file)) {
      expect(
        file.messages
          .filter((message) => message.fatal === true && !inputProblems.has(message.ruleId ?? ''))
          .map(String),
      ).toEqual([])
      return
    }
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true)
    const raw = typeof input === 'string' ? input : (file.value as string)
    for (const result of record.results)
      expect(
        raw.slice(result.source.offset, result.source.offset + result.source.text.length),
      ).toBe(result.source.text)
  }

  it('gives a schema-valid record or an input problem, never an internal error', () => {
    fc.assert(fc.property(texts, expectSound), { numRuns: 300 })
  })

  it('gives a schema-valid record or an input problem for arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), expectSound), { numRuns: 300 })
  })
})
