/**
 * Fixture folders in the remark style (`test/fixtures/<case>/`, see its
 * README): each case's input extracted, what the case is about compared with
 * `output.json` and the messages with `messages.txt`. `UPDATE=1` rewrites
 * both, for a reviewer to read in the diff.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractRepositoryFile, repositoryRoot } from './helpers.js'

const fixtures = path.join(repositoryRoot, 'test/fixtures')
const update = Boolean(process.env.UPDATE) && process.env.UPDATE !== '0'

/** Every folder with an `input.txt`, by name. */
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && existsSync(path.join(fixtures, entry.name, 'input.txt')),
  )
  .map((entry) => entry.name)
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

it('finds the cases', () => {
  expect(cases.length).toBeGreaterThan(0)
})

describe.each(cases)('%s', (name) => {
  const folder = path.join(fixtures, name)
  const { file } = extractRepositoryFile(`test/fixtures/${name}/input.txt`)

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
