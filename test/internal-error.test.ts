/**
 * An exception inside a stage is a bug of guidex, never a problem of the
 * input: the document fails with one `internal-error` message (one line where
 * it is printed), the exception and its stack are kept on the message and
 * carried to `run.json`, and the rest of the batch goes on.
 */

import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Plugin } from 'unified'
import { describe, expect, it } from 'vitest'
import { createPipeline } from '../pipeline/create-pipeline.js'
import {
  extractTextDocument,
  extractRule,
  type GuidexProcessor,
  hasFailed,
  summarise,
} from '../pipeline/extract-document.js'
import { formatMessage } from '../pipeline/lib/format-message.js'
import { runValidator } from '../pipeline/lib/schemas.js'
import type { GuidanceRoot } from '../pipeline/types.js'
import { copyPackage, repositoryRoot } from './helpers.js'

/** A stage whose transformer throws. */
const plantedStage: Plugin<[], GuidanceRoot> = function () {
  return function plantedTransformer(): void {
    throw new RangeError('planted bug')
  }
}

/** The real pipeline with one more stage, which throws. */
function throwingPipeline(): GuidexProcessor {
  return createPipeline()().use(plantedStage).freeze() as unknown as GuidexProcessor
}

describe('an exception inside a stage', () => {
  // Guidance by its shape (a numbered paragraph), so that only the planted bug fails it.
  const bytes = new TextEncoder().encode('Heading\n\n1.1 It was 15.6% (28/179).\n')
  const file = extractTextDocument(bytes, 'doc.txt', throwingPipeline())

  it('fails the document with one internal-error message, not an input problem', () => {
    expect(hasFailed(file)).toBe(true)
    expect(file.messages.map((message) => [message.ruleId, message.fatal])).toEqual([
      [extractRule.internalError, true],
    ])
    expect(file.messages.map(String)).toEqual([
      'doc.txt:1:1: Unexpected internal error in guidex (a bug, not a problem of the input): planted bug',
    ])
  })

  it('keeps the exception and its stack on the message', () => {
    const [message] = file.messages
    expect(message?.cause).toBeInstanceOf(RangeError)
    expect(message?.stack).toContain('plantedTransformer')
  })

  it('carries the stack in the plain data for run.json, and prints one line', () => {
    const extracted = summarise(file)
    expect(extracted.document).toBeNull()
    const [data] = extracted.messages
    expect(data).toMatchObject({ severity: 'error', ruleId: 'internal-error' })
    expect(data?.stack).toContain('plantedTransformer')
    expect(formatMessage('doc.txt', data as NonNullable<typeof data>)).toBe(
      'doc.txt:1:1: error: Unexpected internal error in guidex (a bug, not a problem of the input): planted bug [internal-error]',
    )
  })

  it('gives no stack to a message about the input', () => {
    const empty = summarise(extractTextDocument(new Uint8Array(), 'empty.txt', createPipeline()))
    expect(empty.messages.map((message) => [message.ruleId, 'stack' in message])).toEqual([
      ['empty', false],
    ])
  })
})

/** A stage made to throw, as the text that rebinds it in a built module or the worker bundle. */
const planted =
  "checkConsistency = function () { return function plantedTransformer() { throw new Error('planted bug') } };"

describe('an internal error in a run', () => {
  // In this thread (one document at a time: the built modules) and in the
  // workers (the bundle, where the rebinding must come first, before the
  // worker builds its processor).
  it.each([
    [
      'in this thread',
      '1',
      (copy: string) => {
        plant(copy, 'dist/pipeline/stages/check-consistency.js', 'end')
        // Without the worker bundle, the command line extracts in its own thread.
        rmSync(path.join(copy, 'dist/pipeline/worker/extract-worker.bundle.cjs'))
      },
    ],
    [
      'in a worker',
      '2',
      (copy: string) => plant(copy, 'dist/pipeline/worker/extract-worker.bundle.cjs', 'start'),
    ],
  ])('%s: reported without a stack, the stack in run.json', (_name, concurrency, damage) => {
    const copy = copyPackage()
    damage(copy)
    const folder = mkdtempSync(path.join(tmpdir(), 'guidex-internal-'))
    const inputs = path.join(folder, 'in')
    mkdirSync(inputs)
    // Two files: a run uses at most one worker per file.
    for (const [name, file] of [
      ['a.txt', 'input/004_31ea673aef284142.txt'],
      ['b.txt', 'input/002_72932ba4be983c8d.txt'],
    ] as const)
      copyFileSync(path.join(repositoryRoot, file), path.join(inputs, name))
    const out = path.join(folder, 'out')
    const run = spawnSync(
      process.execPath,
      [
        path.join(copy, 'dist/pipeline/cli.js'),
        'extract',
        inputs,
        '--out',
        out,
        '--concurrency',
        concurrency,
      ],
      { cwd: repositoryRoot, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    )
    expect(run.status).toBe(1)
    expect(
      run.stderr.match(
        /1:1 +error +Unexpected internal error in guidex \(a bug, not a problem of the input\): planted bug +internal-error/g,
      ),
    ).toHaveLength(2)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    const report = JSON.parse(readFileSync(path.join(out, 'run.json'), 'utf8'))
    expect(runValidator(report), JSON.stringify(runValidator.errors)).toBe(true)
    for (const document of report.documents) {
      const [message] = document.messages
      expect(message).toMatchObject({ ruleId: 'internal-error', severity: 'error' })
      expect(message.stack).toContain('at plantedTransformer')
    }
    expect(report.documents).toHaveLength(2)
  })
})

/** Rebind `checkConsistency` in a built file of a package copy, at its start (after `'use strict'`) or end. */
function plant(copy: string, file: string, where: 'start' | 'end'): void {
  const target = path.join(copy, file)
  const text = readFileSync(target, 'utf8')
  const firstLineEnd = text.indexOf('\n') + 1
  writeFileSync(
    target,
    where === 'end'
      ? `${text}\n${planted}\n`
      : `${text.slice(0, firstLineEnd)}${planted}\n${text.slice(firstLineEnd)}`,
  )
}
