/**
 * `guidex validate <dir>`: an output folder checked whole.
 *
 * - every JSON file against the schema its name calls for (`document.json`,
 *   `index.json`, `run.json`, `diffs/<old>__<new>.json`), each on the strict
 *   ajv compiled once;
 * - every file `index.json` lists is there, with the size and sha256 it
 *   lists;
 * - no file is there that the index does not list (a leftover temporary
 *   file of a stopped run included).
 */

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ValidateFunction } from 'ajv'
import type { Output } from '../cli.js'
import { temporaryPrefix } from '../lib/atomic-write.js'
import { counted } from '../lib/plural.js'
import { printable } from '../lib/printable.js'
import { diffValidator, documentValidator, indexValidator, runValidator } from '../lib/schemas.js'
import { checkFiles, listFiles, type OutputIndex } from '../write-output.js'

/** Schema validators by file name. */
const validators: Record<string, ValidateFunction> = {
  'document.json': documentValidator,
  'index.json': indexValidator,
  'run.json': runValidator,
}

/** Files of an output folder that its index does not list. */
const unlistedOwnFiles = new Set(['index.json', 'run.json', '.guidex-lock'])

/** Rule ids of the problems `validate` reports. */
export const validateRule = {
  schema: 'schema',
  json: 'json',
  missing: 'index-missing',
  damaged: 'index-hash',
  extra: 'index-extra',
  temporary: 'temporary',
} as const

/**
 * Run `validate`.
 *
 * @param folder
 *   Folder to check.
 * @param output
 *   Where to print.
 * @param options
 *   `quiet`: print problems only, no summary (optional).
 * @returns
 *   Exit status.
 */
export async function runValidate(
  folder: string,
  output: Output,
  options: { quiet?: boolean } = {},
): Promise<number> {
  let files: Set<string>
  try {
    files = await listFiles(folder, { mustExist: true })
  } catch {
    output.err(`guidex: cannot read folder \`${printable(folder)}\``)
    return 2
  }
  let invalid = 0
  let checked = 0
  const report = (file: string, reason: string, rule: string) =>
    output.err(`${printable(path.join(folder, file))}:1:1: error: ${reason} [${rule}]`)
  const bad = new Set<string>()
  let index: OutputIndex | undefined
  for (const file of [...files].sort()) {
    const name = path.posix.basename(file)
    // Diff reports are named `<old>__<new>.json` in a `diffs` folder.
    const validator =
      validators[name] ??
      (path.posix.basename(path.posix.dirname(file)) === 'diffs' &&
      name.includes('__') &&
      name.endsWith('.json')
        ? diffValidator
        : undefined)
    if (!validator) continue
    checked++
    let value: unknown
    try {
      value = JSON.parse(await readFile(path.join(folder, file), 'utf8'))
    } catch (error) {
      bad.add(file)
      report(file, `Cannot parse JSON: ${(error as Error).message}`, validateRule.json)
      continue
    }
    if (validator(value)) {
      if (file === 'index.json') index = value as OutputIndex
      continue
    }
    bad.add(file)
    for (const error of validator.errors ?? [])
      report(file, `\`${error.instancePath || '/'}\` ${error.message ?? ''}`, validateRule.schema)
  }
  invalid += bad.size

  // The files against the index: each listed one there and whole, no other.
  const listed = new Set<string>()
  if (index) {
    const entries = index.families.flatMap((family) => [
      ...family.releases.flatMap((release) => release.files),
      ...family.diffs.flatMap((diff) => diff.files),
    ])
    const damaged = new Set(await checkFiles(folder, entries))
    for (const entry of entries) {
      listed.add(entry.path)
      if (!damaged.has(entry.path)) continue
      invalid++
      if (files.has(entry.path))
        report(
          entry.path,
          'Unexpected size or sha256, expected the ones index.json lists',
          validateRule.damaged,
        )
      else report(entry.path, 'Missing file, listed in index.json', validateRule.missing)
    }
  }
  for (const file of [...files].sort()) {
    if (listed.has(file) || unlistedOwnFiles.has(file)) continue
    if (path.posix.basename(file).startsWith(temporaryPrefix)) {
      invalid++
      report(file, 'Unexpected temporary file, left by a stopped run', validateRule.temporary)
    } else if (index) {
      invalid++
      report(file, 'Unexpected file, not listed in index.json', validateRule.extra)
    }
  }
  if (!options.quiet)
    output.out(
      `guidex: ${counted(checked, 'file')} checked, ${listed.size} listed in index.json, ${invalid} invalid`,
    )
  return invalid > 0 ? 1 : 0
}
