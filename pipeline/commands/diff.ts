/**
 * `guidex diff <old> <new> [--out <dir>]`: the diff report between two
 * releases, each given as a `document.json` or a release folder. Without
 * `--out` the Markdown goes to stdout; with it, `<old>__<new>.json` and
 * `.md` are written there.
 */

import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Output } from '../cli.js'
import { diffRecords } from '../diff/diff-records.js'
import { renderDiffMarkdown } from '../diff/render-markdown.js'
import { writeFileAtomic } from '../lib/atomic-write.js'
import { packageVersion } from '../lib/package-root.js'
import { documentValidator } from '../lib/schemas.js'
import type { DocumentRecord } from '../types.js'
import { slug } from '../write-output.js'

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
  let before: { record: DocumentRecord; name: string }
  let after: { record: DocumentRecord; name: string }
  try {
    before = await readRelease(oldPath)
    after = await readRelease(newPath)
  } catch (error) {
    output.err(`guidex: ${(error as Error).message}`)
    return 2
  }
  const report = diffRecords(before.record, after.record, packageVersion, {
    old: oldPath,
    new: newPath,
  })
  const markdown = renderDiffMarkdown(report)
  if (!out) {
    output.out(markdown.trimEnd())
    return 0
  }
  const base = path.join(out, `${before.name}__${after.name}`)
  await writeFileAtomic(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`)
  await writeFileAtomic(`${base}.md`, markdown)
  output.out(`guidex: diff written to ${base}.json and ${base}.md`)
  return 0
}

/**
 * Read a release: a `document.json`, or a folder holding one.
 *
 * @param input
 *   Path.
 * @returns
 *   The record and a name for the release.
 */
export async function readRelease(
  input: string,
): Promise<{ record: DocumentRecord; name: string }> {
  let file = input
  try {
    if ((await stat(input)).isDirectory()) file = path.join(input, 'document.json')
  } catch {
    throw new Error(`cannot read release \`${input}\``)
  }
  let record: unknown
  try {
    record = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    throw new Error(`cannot read release \`${file}\`: ${(error as Error).message}`)
  }
  if (!documentValidator(record)) {
    throw new Error(
      `${file}: not a document.json: ${documentValidator.errors?.[0]?.instancePath} ${documentValidator.errors?.[0]?.message}`,
    )
  }
  const typed = record as DocumentRecord
  const folder = path.basename(path.dirname(path.resolve(file)))
  const name =
    path.basename(file) === 'document.json' ? slug(folder) : slug(path.basename(file, '.json'))
  return { record: typed, name }
}
