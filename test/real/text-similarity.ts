/**
 * How close a text layer is to poppler's `pdftotext` rendering of the same
 * PDF, page by page, in word tokens (white space aside):
 *
 * - page furniture lines (the running title, the © notice, "Page N of M"
 *   in its pieces) are left out of both, and a word hyphenated at a line's
 *   end is joined (pdftotext's plain mode joins them, the text layer keeps
 *   lines as drawn);
 * - `inOrder`: the share of the text layer's words outside tables that
 *   stand in pdftotext's page in the same order (longest common
 *   subsequence); tables are left out because the two read a table's cells
 *   in different orders (pdftotext column by column, the text layer row by
 *   row);
 * - `recall` / `precision`: the share of pdftotext's words found in the
 *   text layer's page and the other way round, as multisets (tables in).
 */

/** Furniture lines of NICE's PDFs, in the pieces either rendering writes them. */
const furniture = [
  /^© NICE \d{4}\. All rights reserved\./,
  /^conditions#notice-of-rights\)\.$/,
  /^Page \d+(?: of)?(?: \d+)?$/,
  /^of \d+$/,
  /^\d+$/,
]

/** The running title with the id, the first line of a page after the first. */
const runningTitle = /\((?:NG|CG|IPG|QS|HTG|TA|PH|MTG|DG)\d+\)$/

/**
 * The word tokens of one page, furniture left out.
 *
 * @param page
 *   A page's text (between form feeds).
 * @param isFront
 *   Whether it is the first page (which has no running title).
 * @returns
 *   Tokens in order.
 */
export function pageTokens(page: string, isFront: boolean): string[] {
  let lines = page
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (!isFront && lines[0] !== undefined && runningTitle.test(lines[0])) lines = lines.slice(1)
  lines = lines.filter((line) => !furniture.some((pattern) => pattern.test(line)))
  return lines
    .join('\n')
    .replace(/-\n(?=\S)/g, '')
    .split(/\s+/)
    .filter((token) => token !== '')
}

/**
 * Length of the longest common subsequence of two token lists.
 *
 * @param one
 *   Tokens.
 * @param other
 *   Tokens.
 * @returns
 *   Its length.
 */
export function commonSubsequence(one: readonly string[], other: readonly string[]): number {
  let previous = new Int32Array(other.length + 1)
  let current = new Int32Array(other.length + 1)
  for (let i = 1; i <= one.length; i++) {
    for (let j = 1; j <= other.length; j++) {
      current[j] =
        one[i - 1] === other[j - 1]
          ? (previous[j - 1] as number) + 1
          : Math.max(previous[j] as number, current[j - 1] as number)
    }
    ;[previous, current] = [current, previous]
  }
  return previous[other.length] as number
}

/**
 * Tokens two lists have in common, as multisets.
 *
 * @param one
 *   Tokens.
 * @param other
 *   Tokens.
 * @returns
 *   How many.
 */
export function commonTokens(one: readonly string[], other: readonly string[]): number {
  const counts = new Map<string, number>()
  for (const token of one) counts.set(token, (counts.get(token) ?? 0) + 1)
  let common = 0
  for (const token of other) {
    const count = counts.get(token) ?? 0
    if (count > 0) {
      common++
      counts.set(token, count - 1)
    }
  }
  return common
}

/** One page's figures. */
export interface PageSimilarity {
  page: number
  /** Text layer tokens outside tables, and how many stand in order in pdftotext's page. */
  flowTokens: number
  inOrder: number
  /** Tokens of each side, and in common as multisets. */
  ours: number
  theirs: number
  common: number
}

/** A document's figures and its worst pages. */
export interface Similarity {
  inOrder: number
  recall: number
  precision: number
  pages: PageSimilarity[]
}

/**
 * Compare a text layer with pdftotext's plain text of the same PDF.
 *
 * @param text
 *   The text layer.
 * @param flowText
 *   The text layer with its table lines blanked (same pages).
 * @param plain
 *   pdftotext's plain text.
 * @returns
 *   The figures, and each page's.
 */
export function similarity(text: string, flowText: string, plain: string): Similarity {
  const ours = text.split('\f')
  const flow = flowText.split('\f')
  const theirs = plain.split('\f')
  const pages: PageSimilarity[] = []
  for (let index = 0; index < Math.max(ours.length, theirs.length); index++) {
    const oursTokens = pageTokens(ours[index] ?? '', index === 0)
    const flowTokens = pageTokens(flow[index] ?? '', index === 0)
    const theirsTokens = pageTokens(theirs[index] ?? '', index === 0)
    pages.push({
      page: index + 1,
      flowTokens: flowTokens.length,
      inOrder: commonSubsequence(flowTokens, theirsTokens),
      ours: oursTokens.length,
      theirs: theirsTokens.length,
      common: commonTokens(oursTokens, theirsTokens),
    })
  }
  const sum = (key: keyof PageSimilarity) => pages.reduce((total, page) => total + page[key], 0)
  return {
    inOrder: sum('inOrder') / Math.max(1, sum('flowTokens')),
    recall: sum('common') / Math.max(1, sum('theirs')),
    precision: sum('common') / Math.max(1, sum('ours')),
    pages,
  }
}
