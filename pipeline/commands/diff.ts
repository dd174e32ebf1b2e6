/**
 * `guidex diff <old> <new> [--out <dir>]`: the diff report between two
 * releases, each given as a `document.json`, a release folder holding one,
 * or an input (text or PDF), extracted on the fly through the same path as
 * `extract`. Without `--out` the Markdown goes to stdout; with it,
 * `<old>__<new>.json` and `.md` are written there.
 */

import { existsSync, readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Output } from '../cli.js'
import { diffRecords, type ReleaseNames } from '../diff/diff-records.js'
import { renderDiffMarkdown } from '../diff/render-markdown.js'
import { extractDocument, hasFailed } from '../extract-document.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { messageData } from '../lib/format-message.js'
import { packageVersion } from '../lib/package-root.js'
import { report, reportedFile } from '../lib/report-messages.js'
import { documentValidator } from '../lib/schemas.js'
import { slug } from '../lib/slug.js'
import type { DocumentRecord } from '../types.js'
import { displayPath } from './extract.js'

/** A release read for the diff. */
export interface ReadRelease {
  record: DocumentRecord
  /** A name for the report's file (`htg492-2026-01`). */
  name: string
  /** Its folder in an output and its input file, where known. */
  names: ReleaseNames['old']
}

/** A release that cannot be read: the reason is for people, no stack trace. */
export class ReleaseError extends Error {
  /** Messages of an input that failed to extract (printed by the reporter). */
  readonly messages: ReturnType<typeof messageData>[]
  /** The input's path. */
  readonly input: string

  /**
   * @param message
   *   What is wrong.
   * @param input
   *   The argument.
   * @param messages
   *   The extraction's messages, if it failed (optional).
   */
  constructor(message: string, input: string, messages: ReturnType<typeof messageData>[] = []) {
    super(message)
    this.input = input
    this.messages = messages
  }
}

/**
 * Run `diff`.
 *
 * @param oldPath
 *   Older release.
 * @param newPath
 *   Newer release.
 * @param out
 *   Folder to write to (optional; default: print Markdown).
 * @param output
 *   Where to print.
 * @returns
 *   Exit status.
 */
export async function runDiff(
  oldPath: string,
  newPath: string,
  out: string | undefined,
  output: Output,
): Promise<number> {
  let before: ReadRelease
  let after: ReadRelease
  try {
    before = await readRelease(oldPath)
    after = await readRelease(newPath)
  } catch (error) {
    if (!(error instanceof ReleaseError)) throw error
    if (error.messages.length > 0) {
      output.err(report([reportedFile(error.input, error.messages)], 'text').trimEnd())
      output.err(`guidex: ${error.message}`)
      return 1
    }
    output.err(`guidex: ${error.message}`)
    return 2
  }
  const diffReport = diffRecords(before.record, after.record, packageVersion, {
    old: before.names,
    new: after.names,
  })
  const markdown = renderDiffMarkdown(diffReport)
  if (!out) {
    output.out(markdown.trimEnd())
    return 0
  }
  const base = path.join(out, `${before.name}__${after.name}`)
  await writeFileAtomic(`${base}.json`, `${JSON.stringify(diffReport, null, 2)}\n`)
  await writeFileAtomic(`${base}.md`, markdown)
  output.out(`guidex: diff written to ${base}.json and ${base}.md`)
  return 0
}

/**
 * Read a release: a `document.json`, a folder holding one, or an input to
 * extract (any other file: text or PDF).
 *
 * @param input
 *   Path.
 * @returns
 *   The record, a name for it, and its folder and input file where known.
 * @throws {ReleaseError}
 *   When it cannot be read, saying why.
 */
export async function readRelease(input: string): Promise<ReadRelease> {
  let isFolder: boolean
  try {
    isFolder = (await stat(input)).isDirectory()
  } catch {
    throw new ReleaseError(`Cannot read \`${input}\`: no such file or folder`, input)
  }
  const file = isFolder ? path.join(input, 'document.json') : input
  if (isFolder && !existsSync(file)) {
    throw new ReleaseError(
      `\`${input}\` is a folder without a document.json: expected a release folder of an output (\`output/<family>/<release>\`), a document.json or an input file`,
      input,
    )
  }
  const bytes = await readFile(file)
  if (!looksLikeJson(bytes)) return extractRelease(input, bytes)
  let record: unknown
  try {
    record = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ReleaseError(
      `Cannot read \`${file}\` as a document.json: it is not valid JSON (${(error as Error).message})`,
      input,
    )
  }
  if (!documentValidator(record)) {
    const first = documentValidator.errors?.[0]
    throw new ReleaseError(
      `\`${file}\` is JSON but not a guidex document.json: \`${first?.instancePath || '/'}\` ${first?.message ?? ''}`,
      input,
    )
  }
  const folder = path.dirname(path.resolve(file))
  const inRelease = path.basename(file) === 'document.json'
  return {
    record: record as DocumentRecord,
    name: inRelease ? slug(path.basename(folder)) : slug(path.basename(file, '.json')),
    names: inRelease ? releaseNames(folder) : { release: null, path: null },
  }
}

/** Whether bytes start (after a byte order mark and white space) with `{`. */
function looksLikeJson(bytes: Uint8Array): boolean {
  let index = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  while (index < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[index] as number)) index++
  return bytes[index] === 0x7b
}

/** Extract an input for the diff, as `extract` would (nothing is written). */
async function extractRelease(input: string, bytes: Uint8Array): Promise<ReadRelease> {
  const { createPipeline } = await import('../create-pipeline.js')
  const shown = displayPath(input)
  const file = await extractDocument(bytes, shown, createPipeline())
  if (hasFailed(file)) {
    throw new ReleaseError(
      `Cannot extract \`${shown}\` for the diff`,
      shown,
      file.messages.map(messageData),
    )
  }
  return {
    record: file.data.record as DocumentRecord,
    name: slug(path.basename(input).replace(/\.[^.]+$/, '')),
    names: { release: null, path: shown },
  }
}

/**
 * A release folder's name in its output (`ipg633/htg492-2026-01`), and the
 * input it was read from, as the output's index lists it.
 */
function releaseNames(folder: string): ReleaseNames['old'] {
  const release = path.basename(folder)
  const family = path.basename(path.dirname(folder))
  const indexFile = path.join(path.dirname(path.dirname(folder)), 'index.json')
  let inputPath: string | null = null
  try {
    const index = JSON.parse(readFileSync(indexFile, 'utf8')) as {
      families?: {
        family: string
        releases: {
          release: string
          source?: { path?: string; paths?: string[] }
          paths?: string[]
        }[]
      }[]
    }
    const found = index.families
      ?.find((candidate) => candidate.family === family)
      ?.releases.find((candidate) => candidate.release === release)
    inputPath = found?.source?.path ?? found?.source?.paths?.[0] ?? found?.paths?.[0] ?? null
  } catch {
    // Not in an output folder: the release is named by its folder alone.
  }
  return { release: `${family}/${release}`, path: inputPath }
}
