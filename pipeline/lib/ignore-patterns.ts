/**
 * Ignore patterns, as `--ignore <glob>` and `.guidexignore` give them, read
 * the way `.gitignore` reads its lines:
 *
 * - `*` matches within one path segment, `?` one character, `**` any number
 *   of segments (`drafts/**`, `**` `/old/*.txt`);
 * - a pattern without `/` matches a name at any depth (`README.md`);
 * - a pattern with `/` matches from the top of the folder given (`notes/a.md`,
 *   `/a.md`);
 * - a trailing `/` matches folders only (`archive/`);
 * - `!pattern` takes a path back in (the last pattern that matches decides);
 * - blank lines and lines starting with `#` are skipped.
 */

/** Decides whether a path (relative to the folder given, with `/`) is ignored. */
export type IgnoreMatcher = (relativePath: string, isFolder: boolean) => boolean

/** One compiled pattern. */
interface Rule {
  pattern: RegExp
  negated: boolean
  foldersOnly: boolean
}

/**
 * The patterns of an ignore file.
 *
 * @param text
 *   The file's text.
 * @returns
 *   Its patterns (comments and blank lines dropped).
 */
export function parseIgnoreFile(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/(?<!\\)\s+$/, ''))
    .filter((line) => line !== '' && !line.startsWith('#'))
}

/**
 * Compile patterns into a matcher.
 *
 * @param patterns
 *   Glob patterns (see above).
 * @returns
 *   Matcher.
 */
export function ignoreMatcher(patterns: readonly string[]): IgnoreMatcher {
  const rules = patterns.map(compile)
  if (rules.length === 0) return () => false
  return (relativePath, isFolder) => {
    let ignored = false
    for (const rule of rules) {
      if (rule.foldersOnly && !isFolder) continue
      if (rule.pattern.test(relativePath)) ignored = !rule.negated
    }
    return ignored
  }
}

/** A pattern as a regular expression over the whole relative path. */
function compile(source: string): Rule {
  let text = source
  const negated = text.startsWith('!')
  if (negated) text = text.slice(1)
  const foldersOnly = text.endsWith('/')
  if (foldersOnly) text = text.slice(0, -1)
  // A pattern with a slash (other than a trailing one) is anchored at the top.
  const anchored = text.includes('/')
  if (text.startsWith('/')) text = text.slice(1)
  let expression = ''
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string
    if (character === '*' && text[index + 1] === '*') {
      const slashAfter = text[index + 2] === '/'
      // `**/` is any number of folders (none too); a final `**` anything.
      expression += slashAfter ? '(?:.*/)?' : '.*'
      index += slashAfter ? 2 : 1
    } else if (character === '*') expression += '[^/]*'
    else if (character === '?') expression += '[^/]'
    else if (character === '\\' && index + 1 < text.length) {
      expression += escape(text[index + 1] as string)
      index++
    } else expression += escape(character)
  }
  return {
    pattern: new RegExp(anchored ? `^${expression}$` : `(?:^|/)${expression}$`),
    negated,
    foldersOnly,
  }
}

/** A character taken literally in a regular expression. */
function escape(character: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(character) ? `\\${character}` : character
}
