/**
 * `guidex extract`: every input file through the processor, p-limit at the
 * file loop, results committed to the output folder in input order (so the
 * same batch always names its releases the same way).
 */

import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import pLimit from 'p-limit'
import type { VFile } from 'vfile'
import type { Output } from '../cli.js'
import { createPipeline } from '../create-pipeline.js'
import { extractDocument, hasFailed } from '../extract-document.js'
import { formatMessage } from '../lib/format-message.js'
import type { DocumentRecord } from '../types.js'
import { OutputStore } from '../write-output.js'

/** Options of `extract`. */
export interface ExtractOptions {
  /** Files and folders to read (folders recursively, `*.txt` and `*.md`). */
  inputs: readonly string[]
  /** Output folder. */
  out: string
  /** Documents processed at once. */
  concurrency: number
}

/**
 * Run `extract`.
 *
 * @param options
 *   Options.
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runExtract(options: ExtractOptions, output: Output): Promise<number> {
  let store: OutputStore
  try {
    store = await OutputStore.open(options.out)
  } catch (error) {
    output.err(`guidex: cannot use output folder \`${options.out}\`: ${(error as Error).message}`)
    return 2
  }

  const { files, missing } = await collectInputs(options.inputs)
  for (const input of missing)
    output.err(`${input}:1:1: error: Cannot read input: no such file or folder`)

  const processor = createPipeline()
  const limit = pLimit(options.concurrency)
  const tasks = files.map((file) =>
    limit(async (): Promise<VFile> =>
      extractDocument(await readFile(file), displayPath(file), processor),
    ),
  )

  let failed = missing.length
  let written = 0
  let unchanged = 0
  const findings = { error: 0, warning: 0, info: 0 }
  for (const task of tasks) {
    const file = await task
    for (const message of file.messages) output.err(formatMessage(message, file))
    if (hasFailed(file) || typeof file.value !== 'string') {
      failed++
      continue
    }
    const record = file.data.record as DocumentRecord
    for (const finding of record.findings) findings[finding.severity]++
    const outcome = await store.commit(record, file.value)
    if (outcome.status === 'written') written++
    else unchanged++
  }
  const diffs = await store.writeDiffs()
  await store.saveIndex()
  const total = files.length + missing.length
  output.out(
    `guidex: ${total} document${total === 1 ? '' : 's'}: ${written} written, ${unchanged} unchanged, ${failed} failed → ${options.out}`,
  )
  for (const diff of diffs) output.out(`guidex: diff ${path.join(options.out, diff)}`)
  if (findings.error + findings.warning > 0) {
    output.out(
      `guidex: consistency findings: ${findings.error} errors, ${findings.warning} warnings, ${findings.info} info (see \`guidex check\`)`,
    )
  }
  return failed > 0 ? 1 : 0
}

/**
 * Expand inputs: folders recursively for `*.txt` and `*.md`, in sorted order.
 *
 * @param inputs
 *   Files and folders.
 * @returns
 *   Files to read, and inputs that do not exist.
 */
export async function collectInputs(
  inputs: readonly string[],
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = []
  const missing: string[] = []
  for (const input of inputs) {
    let stats: Awaited<ReturnType<typeof stat>>
    try {
      stats = await stat(input)
    } catch {
      missing.push(input)
      continue
    }
    if (!stats.isDirectory()) {
      files.push(input)
      continue
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true })
    const found = entries
      .filter((entry) => entry.isFile() && /\.(?:txt|md)$/i.test(entry.name))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort()
    files.push(...found)
  }
  return { files, missing }
}

/**
 * A path as recorded: relative to the working folder when inside it, with `/`.
 *
 * @param file
 *   Path.
 * @returns
 *   Path to show and record.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file)
  const shown = relative.startsWith('..') || path.isAbsolute(relative) ? file : relative
  return shown.split(path.sep).join('/')
}
