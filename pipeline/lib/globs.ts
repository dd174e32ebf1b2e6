/**
 * Glob patterns for inputs: a quoted `'input/*.txt'` (a shell that does not
 * expand it, Windows, npm scripts) names the files it matches, as it would in
 * a shell. Node 20 has no `fs.glob` (it came in 22), so a small matcher:
 * `*` and `?` within a path segment, `**` across segments, `[abc]` and
 * `{a,b}`.
 */

import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Characters that make an argument a pattern. */
const magic = /[*?[\]{}]/

/**
 * Whether an argument is a glob pattern (and not a plain path).
 *
 * @param argument
 *   A command-line argument.
 * @returns
 *   Whether it holds `*`, `?`, `[…]` or `{…}`.
 */
export function isGlob(argument: string): boolean {
  return magic.test(argument)
}

/**
 * A regular expression for one glob pattern over `/`-separated paths.
 *
 * @param pattern
 *   Glob (`input/**\/*.txt`, `*.{txt,md}`).
 * @returns
 *   Expression matching whole paths.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = ''
  let braces = 0
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string
    if (character === '*') {
      if (pattern[index + 1] === '*') {
        // `**/` matches no segment or any number of them; a trailing `**` anything.
        const slash = pattern[index + 2] === '/'
        source += slash ? '(?:[^/]*(?:/|$))*' : '.*'
        index += slash ? 2 : 1
      } else source += '[^/]*'
    } else if (character === '?') source += '[^/]'
    else if (character === '[') {
      const end = pattern.indexOf(']', index + 1)
      if (end === -1) source += '\\['
      else {
        const body = pattern
          .slice(index + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')
        source += `[${body}]`
        index = end
      }
    } else if (character === '{') {
      braces++
      source += '(?:'
    } else if (character === '}' && braces > 0) {
      braces--
      source += ')'
    } else if (character === ',' && braces > 0) source += '|'
    else source += character.replace(/[.+^$()|\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/**
 * Expand the glob patterns among inputs into the files they match, in sorted
 * order; plain paths are kept as they are. A pattern that matches nothing is
 * kept as written, so that it is reported as a missing input.
 *
 * @param inputs
 *   Files, folders and patterns.
 * @returns
 *   Files and folders.
 */
export function expandGlobs(inputs: readonly string[]): string[] {
  const expanded: string[] = []
  for (const input of inputs) {
    if (!isGlob(input)) {
      expanded.push(input)
      continue
    }
    const pattern = input.split(path.sep).join('/')
    // Walk from the folder before the first segment with a pattern in it.
    const segments = pattern.split('/')
    const first = segments.findIndex((segment) => isGlob(segment))
    const base = segments.slice(0, first).join('/')
    const matcher = globToRegExp(pattern.startsWith('./') ? pattern.slice(2) : pattern)
    const matches = walk(base === '' ? '.' : base)
      .map((file) => (base === '' ? file.replace(/^\.\//, '') : file))
      .filter((file) => matcher.test(file))
      .sort()
    expanded.push(...(matches.length > 0 ? matches : [input]))
  }
  return expanded
}

/** Every file under a folder, as `/`-separated paths that start with the folder. */
function walk(folder: string): string[] {
  try {
    if (!statSync(folder).isDirectory()) return []
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name).split(path.sep).join('/'))
  } catch {
    return []
  }
}
