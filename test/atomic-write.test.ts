/**
 * Atomic writes: whole files or none, and a folder removed after this
 * process made it is made again (each folder is made once per process).
 */

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from '../pipeline/lib/atomic-write.js'

describe('writeFileAtomic', () => {
  it('makes the folders, writes the file and leaves no temporary file', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-atomic-'))
    const file = path.join(folder, 'a', 'b', 'c.txt')
    await writeFileAtomic(file, 'first')
    await writeFileAtomic(file, new TextEncoder().encode('second'))
    expect(readFileSync(file, 'utf8')).toBe('second')
    expect(readdirSync(path.dirname(file))).toEqual(['c.txt'])
  })

  it('makes a folder again when it was removed after its first write', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-atomic-'))
    const file = path.join(folder, 'release', 'tables', 'x.csv')
    await writeFileAtomic(file, 'one')
    rmSync(path.join(folder, 'release'), { recursive: true })
    await writeFileAtomic(file, 'two')
    expect(readFileSync(file, 'utf8')).toBe('two')
    expect(readdirSync(path.dirname(file))).toEqual(['x.csv'])
  })

  it('fails with the error of the file system, leaving nothing behind', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-atomic-'))
    const blocker = path.join(folder, 'file')
    await writeFileAtomic(blocker, 'a file, not a folder')
    // The folder to make is a file: mkdir says it exists (and is not a folder).
    await expect(writeFileAtomic(path.join(blocker, 'inside.txt'), 'x')).rejects.toMatchObject({
      code: 'EEXIST',
    })
    expect(readdirSync(folder)).toEqual(['file'])
  })
})
