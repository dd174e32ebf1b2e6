/**
 * Bad and awkward inputs beside good ones, through the real CLI: the batch
 * finishes with exit status 1, each bad file is named with its place, no
 * stack trace, good files are written and valid, CRLF, BOM and UTF-16
 * copies read like the original, and no temporary file is left, not even
 * after a kill. Then property-based tests: any input gives a valid record or
 * a clean error, never a throw.
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
import { describe, expect, it } from 'vitest'
import { maximumInputBytes } from '../pipeline/readers/read-text.js'
import { extractText, repositoryRoot } from './helpers.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

/** The reason of the `not-guidance` rule. */
const notGuidance =
  'Unexpected text that is not a guidance document: no guidance id, programme, date, ISBN, NICE address or numbered paragraph'
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(
  JSON.parse(readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8')),
)

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

  const started = Date.now()
  const run = guidex('extract', inputs, '--out', out, '--reporter', 'json')
  const seconds = (Date.now() - started) / 1000

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
    expect(seconds).toBeLessThan(60)
  })

  it('writes the good files, valid', () => {
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
    const child = spawn(
      process.execPath,
      [cli, 'extract', inputs, '--out', out, '--concurrency', '1'],
      {
        cwd: repositoryRoot,
      },
    )
    // Stop it once it has written its first release, well before its fortieth.
    const records = () =>
      existsSync(out) ? allFiles(out).filter((file) => file.endsWith('document.json')) : []
    for (let waited = 0; waited < 20_000 && records().length === 0; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    child.kill('SIGTERM')
    const code = await new Promise((resolve) =>
      child.on('exit', (exitCode, signal) => resolve(exitCode ?? signal)),
    )
    expect(code).not.toBe(0)
    expect(allFiles(out).filter((file) => file.includes('.guidex-tmp-'))).toEqual([])
    const written = records()
    expect(written.length).toBeGreaterThan(0)
    expect(written.length).toBeLessThan(40)
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
  const texts = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc
      .array(
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
      .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n', '\r'), 1)[0] ?? '\n')),
  )

  it('gives a schema-valid record or a clean error, and never throws', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const { file, record } = extractText(text)
        if (file.messages.some((message) => message.fatal)) {
          expect(file.messages.every((message) => typeof message.reason === 'string')).toBe(true)
          return
        }
        expect(validate(record), JSON.stringify(validate.errors)).toBe(true)
        for (const result of record.results)
          expect(
            text.slice(result.source.offset, result.source.offset + result.source.text.length),
          ).toBe(result.source.text)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(() => extractText(bytes)).not.toThrow()
      }),
      { numRuns: 300 },
    )
  })
})
