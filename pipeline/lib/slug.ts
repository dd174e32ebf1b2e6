/**
 * Names made from content (guidance ids, titles, captions) that are safe as
 * one path segment, so they can never leave the output folder.
 */

/** Lower case `a-z`, `0-9` and single `-` between, nothing at the ends. */
function segment(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * A name safe as one path segment: lower case `a-z`, `0-9` and `-`.
 *
 * @param text
 *   Any text.
 * @returns
 *   Slug (never empty, never `.` or `..`).
 */
export function slug(text: string): string {
  const value = segment(text).slice(0, 60).replace(/-+$/, '')
  return value === '' ? 'untitled' : value
}

/**
 * A slug of whole words: cut at a word's end, not inside a word
 * (`additional-studies-identified-case-reports-of-adverse`).
 *
 * @param text
 *   Any text.
 * @param length
 *   Most characters (default: 60).
 * @returns
 *   Slug (never empty).
 */
export function wordSlug(text: string, length = 60): string {
  const value = segment(text)
  if (value.length <= length) return value === '' ? 'untitled' : value
  const cut = value.lastIndexOf('-', length)
  return cut > 0 ? value.slice(0, cut) : value.slice(0, length)
}
