/**
 * `guidex validate <dir>`: every JSON file under a folder against the schema
 * its name calls for (`document.json`, `index.json`, `diffs/<old>__<new>.json`),
 * each on the strict ajv
 * compiled once.
 */

import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ValidateFunction } from 'ajv'
import type { Output } from '../cli.js'
import { counted } from '../lib/plural.js'
import { diffValidator, documentValidator, indexValidator, runValidator } from '../lib/schemas.js'

/** Schema validators by file name. */
const validators: Record<string, ValidateFunction> = {
  'document.json': documentValidator,
  'index.json': indexValidator,
  'run.json': runValidator,
}

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
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error('not a folder')
  } catch {
    output.err(`guidex: cannot read folder \`${folder}\``)
    return 2
  }
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
  let invalid = 0
  let checked = 0
  for (const file of files) {
    // Diff reports are named `<old>__<new>.json` in a `diffs` folder.
    const validator =
      validators[path.basename(file)] ??
      (path.basename(path.dirname(file)) === 'diffs' && file.includes('__')
        ? diffValidator
        : undefined)
    if (!validator) continue
    checked++
    let value: unknown
    try {
      value = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      invalid++
      output.err(`${file}:1:1: error: Cannot parse JSON: ${(error as Error).message}`)
      continue
    }
    if (validator(value)) continue
    invalid++
    for (const error of validator.errors ?? []) {
      output.err(
        `${file}:1:1: error: \`${error.instancePath || '/'}\` ${error.message ?? ''} [schema]`,
      )
    }
  }
  if (!options.quiet) output.out(`guidex: ${counted(checked, 'file')} checked, ${invalid} invalid`)
  return invalid > 0 ? 1 : 0
}
