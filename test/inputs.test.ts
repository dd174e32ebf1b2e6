/**
 * Inputs: only regular files are read (a FIFO, a device or a socket is an
 * error for that entry, and never a hang), the size is checked before
 * reading, an unreadable folder is an error for that folder, the output
 * folder and other guidex outputs are never inputs, a text that is not a
 * guidance document fails with its own rule, and `--ignore` and
 * `.guidexignore` leave files out.
 */

import { spawnSync } from 'node:child_process'
import {
  copyFileSync,
  type Dirent,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { readdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ignoreMatcher, parseIgnoreFile } from '../pipeline/lib/ignore-patterns.js'
import { collectInputs, readInput } from '../pipeline/lib/input-files.js'
import { maximumInputBytes } from '../pipeline/readers/read-text.js'
import type { OutputIndex } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'
import { reportedMessages } from './reported.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')
const good = path.join(repositoryRoot, 'input/004_31ea673aef284142.txt')

function guidex(...argv: string[]) {
  return spawnSync(process.execPath, [cli, ...argv], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

const notGuidance =
  'error: Unexpected text that is not a guidance document: no guidance id, programme, date, ISBN, NICE address, NICE page footer or numbered paragraph [not-guidance]'

describe.skipIf(process.platform === 'win32')('entries that are not regular files', () => {
  it('reports a FIFO, a socket and a device, named or found, and goes on', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-special-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    copyFileSync(good, path.join(inputs, 'good.txt'))
    expect(spawnSync('mkfifo', [path.join(inputs, 'pipe.txt')]).status).toBe(0)
    symlinkSync('/dev/zero', path.join(inputs, 'zero.txt'))
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(path.join(inputs, 'socket.md'), resolve))
    const namedFifo = path.join(folder, 'named.txt')
    expect(spawnSync('mkfifo', [namedFifo]).status).toBe(0)
    try {
      const run = guidex(
        'extract',
        inputs,
        namedFifo,
        '/dev/zero',
        '--out',
        path.join(folder, 'out'),
        '--reporter',
        'json',
      )
      expect(run.status).toBe(1)
      expect(reportedMessages(run.stderr).sort()).toEqual(
        [
          `${inputs}/pipe.txt:1:1: error: Cannot read input: a FIFO, expected a regular file [not-a-file]`,
          `${inputs}/socket.md:1:1: error: Cannot read input: a socket, expected a regular file [not-a-file]`,
          `${inputs}/zero.txt:1:1: error: Cannot read input: a device, expected a regular file [not-a-file]`,
          `${namedFifo}:1:1: error: Cannot read input: a FIFO, expected a regular file [not-a-file]`,
          '/dev/zero:1:1: error: Cannot read input: a device, expected a regular file [not-a-file]',
        ].sort(),
      )
      expect(run.stdout).toContain('1 written, 0 unchanged, 5 failed')
    } finally {
      server.close()
    }
  })

  it('refuses a file over the maximum from its size, before reading it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-huge-'))
    const huge = path.join(folder, 'huge.txt')
    writeFileSync(huge, '')
    // 1.9 GB, sparse: reading it whole would take seconds and the memory.
    truncateSync(huge, 1_900_000_000)
    expect(readInput(huge)).toEqual({
      problem: {
        ruleId: 'too-large',
        reason: `Unexpected file of 1900000000 bytes, expected at most ${maximumInputBytes}`,
      },
    })
    expect(readInput(good)).toEqual({ bytes: new Uint8Array(readFileSync(good)) })
  })
})

describe('folders', () => {
  it('reports a folder that cannot be read, and reads the others', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-folders-'))
    for (const name of ['a', 'b', 'c']) {
      mkdirSync(path.join(folder, name))
      writeFileSync(path.join(folder, name, `${name}.txt`), 'text')
    }
    // Permissions do not stop root, so the listing fails on purpose.
    const listFolder = async (at: string): Promise<Dirent[]> => {
      if (at === path.join(folder, 'b')) {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' })
      }
      return readdir(at, { withFileTypes: true })
    }
    expect(await collectInputs([folder], { listFolder })).toEqual({
      files: [path.join(folder, 'a', 'a.txt'), path.join(folder, 'c', 'c.txt')],
      problems: [
        {
          path: path.join(folder, 'b'),
          ruleId: 'unreadable',
          reason: 'Cannot read folder: EACCES',
        },
      ],
    })
  })

  it('never reads the output folder, nor another guidex output, inside an input folder', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-inside-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    const ipg633 = readFileSync(path.join(repositoryRoot, 'input/releases/ipg633-2018-11-28.txt'))
    writeFileSync(path.join(inputs, 'a.txt'), ipg633)
    copyFileSync(
      path.join(repositoryRoot, 'input/001_28967b82888de774.txt'),
      path.join(inputs, 'b.txt'),
    )
    // An earlier run wrote into another folder inside the inputs: its diffs are `.md`.
    expect(guidex('extract', inputs, '--out', path.join(inputs, 'earlier')).status).toBe(0)
    expect(listFiles(path.join(inputs, 'earlier'))).toContain(
      'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.md',
    )
    const out = path.join(inputs, 'out')
    for (const expected of ['2 written, 0 unchanged', '0 written, 2 unchanged']) {
      const run = guidex('extract', inputs, '--out', out)
      expect(run.status).toBe(0)
      expect(run.stdout).toContain(`guidex: 2 documents: ${expected}, 0 failed`)
    }
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    expect(index.families.map((family) => family.family)).toEqual(['ipg633'])
    // A file of the output named as input is refused.
    const named = guidex(
      'extract',
      path.join(out, 'ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.md'),
      '--out',
      out,
      '--reporter',
      'json',
    )
    expect(named.status).toBe(1)
    expect(reportedMessages(named.stderr)).toEqual([
      `${out}/ipg633/diffs/ipg633-2018-11-28__htg492-2026-01.md:1:1: error: Cannot read input: it is the output folder or inside it [inside-output]`,
    ])
  })
})

describe('texts that are not guidance', () => {
  it('fails a README with its own rule, and makes no family of it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-readme-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    copyFileSync(good, path.join(inputs, 'good.txt'))
    writeFileSync(
      path.join(inputs, 'README.md'),
      '# notes\n\nThese are the texts we extract each month.\n\n- run `npm start`\n',
    )
    const out = path.join(folder, 'out')
    const run = guidex('extract', inputs, '--out', out, '--reporter', 'json')
    expect(run.status).toBe(1)
    expect(reportedMessages(run.stderr)).toEqual([`${inputs}/README.md:1:1: ${notGuidance}`])
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex
    expect(index.families).toHaveLength(1)
  })
})

describe('--ignore and .guidexignore', () => {
  it('leaves out what the patterns name, and reads the rest', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-ignore-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(path.join(inputs, 'drafts'), { recursive: true })
    mkdirSync(path.join(inputs, 'notes'))
    copyFileSync(good, path.join(inputs, 'good.txt'))
    // Each of these would fail the batch if read.
    writeFileSync(path.join(inputs, 'README.md'), '# notes\n')
    writeFileSync(path.join(inputs, 'drafts', 'draft.txt'), '')
    writeFileSync(path.join(inputs, 'notes', 'skip-me.txt'), '')
    writeFileSync(path.join(inputs, '.guidexignore'), '# people\nREADME.md\ndrafts/\n')
    const run = guidex(
      'extract',
      inputs,
      '--ignore',
      'skip-*.txt',
      '--out',
      path.join(folder, 'out'),
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('guidex: 1 document: 1 written')
  })

  it('reads patterns as .gitignore does', () => {
    const matches = (patterns: string[], file: string, isFolder = false) =>
      ignoreMatcher(patterns)(file, isFolder)
    expect(parseIgnoreFile('# a comment\n\nREADME.md  \r\n!keep.md\n')).toEqual([
      'README.md',
      '!keep.md',
    ])
    // No slash: a name at any depth.
    expect(matches(['README.md'], 'README.md')).toBe(true)
    expect(matches(['README.md'], 'a/b/README.md')).toBe(true)
    expect(matches(['README.md'], 'a/README.md.txt')).toBe(false)
    // A slash: from the top.
    expect(matches(['notes/a.md'], 'notes/a.md')).toBe(true)
    expect(matches(['notes/a.md'], 'x/notes/a.md')).toBe(false)
    expect(matches(['/a.md'], 'a.md')).toBe(true)
    expect(matches(['/a.md'], 'b/a.md')).toBe(false)
    // `*` within a segment, `?` one character, `**` any depth.
    expect(matches(['*.md'], 'deep/x.md')).toBe(true)
    expect(matches(['notes/*.md'], 'notes/deep/x.md')).toBe(false)
    expect(matches(['notes/**/*.md'], 'notes/deep/er/x.md')).toBe(true)
    expect(matches(['notes/**/*.md'], 'notes/x.md')).toBe(true)
    expect(matches(['draft-?.txt'], 'draft-1.txt')).toBe(true)
    expect(matches(['draft-?.txt'], 'draft-10.txt')).toBe(false)
    // A trailing slash: folders only.
    expect(matches(['archive/'], 'archive', true)).toBe(true)
    expect(matches(['archive/'], 'archive', false)).toBe(false)
    // The last pattern that matches decides; `.` is literal.
    expect(matches(['*.md', '!keep.md'], 'keep.md')).toBe(false)
    expect(matches(['*.md', '!keep.md'], 'drop.md')).toBe(true)
    expect(matches(['a.md'], 'aXmd')).toBe(false)
  })
})

describe('file names printed', () => {
  it('escapes control characters, so that a name cannot forge a line or colour the terminal', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-names-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    // Empty files: each is reported by its name.
    writeFileSync(path.join(inputs, 'a\nz.txt:1:1: error: forged [x]\n.txt'), '')
    writeFileSync(path.join(inputs, 'b\u001b[31mred\u001b[0m.txt'), '')
    const run = guidex('extract', inputs, '--out', path.join(folder, 'out'))
    expect(run.status).toBe(1)
    // vfile-reporter's shape: each file's name on a line of its own, its messages under it.
    expect(run.stderr.trim().split('\n')).toEqual([
      `${inputs}/a\\nz.txt:1:1: error: forged [x]\\n.txt`,
      expect.stringMatching(/^1:1 +error +Unexpected empty file, expected text +empty +guidex$/),
      '',
      `${inputs}/b\\x1b[31mred\\x1b[0m.txt`,
      expect.stringMatching(/^1:1 +error +Unexpected empty file, expected text +empty +guidex$/),
      '',
      '✖ 2 errors',
    ])
  })
})
