/**
 * Fixture folders in the remark style, all run by this one loop: the cases
 * of `test/fixtures/<case>/` (see its README) and of a group of them,
 * `test/fixtures/layout/<case>/` (one case per layout rule of the text
 * reader for NICE's documents, in `pdftotext` plain, `-layout` and PDF).
 * Each case's input (`input.txt` or `input.pdf`) is extracted, what the case
 * is about compared with `output.json` (JSON pointers into the written
 * record) and the messages with `messages.txt`. `UPDATE=1` rewrites both,
 * for a reviewer to read in the diff.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { VFile } from 'vfile'
import { createPipeline } from '../pipeline/create-pipeline.js'
import { extractDocument } from '../pipeline/extract-document.js'
import { repositoryRoot } from './helpers.js'

const fixtures = path.join(repositoryRoot, 'test/fixtures')
const update = Boolean(process.env.UPDATE) && process.env.UPDATE !== '0'
const processor = createPipeline()

/** Folders of cases grouped by what they are about. */
const groups = ['layout']

/** The input of a case (`input.txt` or `input.pdf`), if it has one. */
function inputOf(name: string): string | undefined {
  return ['input.txt', 'input.pdf']
    .map((file) => path.join(fixtures, name, file))
    .find((file) => existsSync(file))
}

/** Every case, by its folder below `test/fixtures` (`numbering-gap`, `layout/year-tags`). */
const cases = ['', ...groups]
  .flatMap((group) =>
    readdirSync(path.join(fixtures, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.posix.join(group, entry.name)),
  )
  .filter((name) => inputOf(name) !== undefined)
  .sort()

/**
 * The value at a JSON pointer (RFC 6901; `""` is the whole value).
 *
 * @param value
 *   The value to look into.
 * @param pointer
 *   The pointer.
 * @returns
 *   The value there; `undefined` when there is none.
 */
function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value
  let node = value
  for (const token of pointer.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[token.replaceAll('~1', '/').replaceAll('~0', '~')]
  }
  return node
}

it('finds the cases, a layout case for each rule among them', () => {
  expect(cases.filter((name) => !name.startsWith('layout/')).length).toBeGreaterThanOrEqual(10)
  expect(cases.filter((name) => name.startsWith('layout/')).length).toBeGreaterThanOrEqual(20)
})

describe.each(cases)('%s', (name) => {
  const folder = path.join(fixtures, name)
  let file: VFile

  beforeAll(async () => {
    const input = inputOf(name) as string
    file = await extractDocument(
      readFileSync(input),
      path.relative(repositoryRoot, input).split(path.sep).join('/'),
      processor,
    )
  })

  it('says what it is about in the first line of its README', () => {
    const readme = path.join(folder, 'README.md')
    expect(existsSync(readme), `${name}/README.md`).toBe(true)
    expect(readFileSync(readme, 'utf8').split('\n')[0]).toMatch(/^# \S.{10,}/)
  })

  it('gives the expected output', () => {
    const outputFile = path.join(folder, 'output.json')
    expect(existsSync(outputFile), `${name}/output.json, with the pointers of the case`).toBe(true)
    const expected = JSON.parse(readFileSync(outputFile, 'utf8')) as Record<string, unknown>
    const pointers = Object.keys(expected)
    expect(pointers.length, 'pointers in output.json').toBeGreaterThan(0)
    // The record as written: the compiled `document.json`, not the object in memory.
    const written = JSON.parse(String(file.value)) as unknown
    const actual = Object.fromEntries(
      pointers.map((pointer) => [pointer, valueAt(written, pointer)]),
    )
    for (const pointer of pointers)
      expect(actual[pointer], `nothing in the record at \`${pointer}\``).not.toBeUndefined()
    if (update) writeFileSync(outputFile, `${JSON.stringify(actual, null, 2)}\n`)
    else expect(actual).toEqual(expected)
  })

  it('gives the expected messages', () => {
    const messagesFile = path.join(folder, 'messages.txt')
    const actual = file.messages.map(String)
    if (update) writeFileSync(messagesFile, actual.map((line) => `${line}\n`).join(''))
    expect(existsSync(messagesFile), `${name}/messages.txt`).toBe(true)
    const expected = readFileSync(messagesFile, 'utf8').split('\n').filter(Boolean)
    expect(actual).toEqual(expected)
  })
})
