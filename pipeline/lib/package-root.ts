/**
 * Where the package is installed, found from this module's own place, so the
 * same code finds `package.json` and `schemas/` whether it runs from the
 * TypeScript sources (tests) or from `dist/` (the CLI).
 */

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (existsSync(path.join(folder, 'package.json')) && existsSync(path.join(folder, 'schemas'))) {
      return folder
    }
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('Cannot find the guidex package root')
    folder = parent
  }
}

/** Absolute path of the package root. */
export const packageRoot = findRoot()

/** The package's version, written into every record as the generator version. */
export const packageVersion: string = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version

/**
 * Read and parse a JSON schema of the package.
 *
 * @param name
 *   File name in `schemas/`.
 * @returns
 *   The parsed schema.
 */
export function readSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(packageRoot, 'schemas', name), 'utf8')) as Record<
    string,
    unknown
  >
}
