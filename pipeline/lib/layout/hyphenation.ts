/**
 * Words hyphenated at a line end, kept as the document has them.
 *
 * A PDF breaks `guid-` / `ance` and `evidence-` / `based` alike; which hyphen
 * is the word's own is decided by the words of the same document: a
 * compound written elsewhere (`evidence-based`) keeps its hyphen, a word
 * written whole elsewhere (`guidance`) loses it, and otherwise the hyphen
 * stays (NICE's typesetting breaks lines at hyphens, it does not add them).
 *
 * `pdftotext` without `-layout` has already taken every such hyphen out,
 * and joined the two lines into one longer than the others (`… have
 * menopauseassociated symptoms. See, …`). Where the document writes the
 * compound elsewhere (`menopause-associated`) and never the word run
 * together, the hyphen is put back in the word that spans the join, so that
 * the three renderings of one PDF read alike.
 */

/** Letters of a word, any script. */
const letters = /^\p{L}+$/u

/** A line this much longer than the wrap width holds two lines a converter joined at a hyphen. */
const joinedLineShare = 1.08

/** Two lines joined are at most twice the wrap width: a longer line is a paragraph unwrapped. */
const joinedLineMaximumShare = 2

/** A word of a line, where it stands. */
interface Token {
  word: string
  start: number
  end: number
}

/** The words of a line, each with its place, punctuation around it trimmed. */
function tokensOf(line: string): Token[] {
  const tokens: Token[] = []
  for (const match of line.matchAll(/\S+/g)) {
    const lead = /^[^\p{L}\d]*/u.exec(match[0])?.[0].length ?? 0
    const word = match[0].replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '')
    if (word !== '')
      tokens.push({ word, start: match.index + lead, end: match.index + lead + word.length })
  }
  return tokens
}

/** The words and hyphenated compounds a document writes inside its lines. */
export class Lexicon {
  private readonly lines: readonly string[]
  private readonly wrapWidth: number | undefined
  /** Read from the lines when first asked (most lines never ask). */
  private read: { words: Set<string>; compounds: Set<string> } | undefined

  /**
   * @param lines
   *   The lines of text of the document.
   * @param wrapWidth
   *   The width its lines wrap at, where they are hard-wrapped (optional).
   */
  constructor(lines: readonly string[], wrapWidth?: number) {
    this.lines = lines
    this.wrapWidth = wrapWidth
  }

  /** The words and compounds, read once. */
  private get known(): { words: Set<string>; compounds: Set<string> } {
    if (this.read) return this.read
    const words = new Set<string>()
    const compounds = new Set<string>()
    let afterHyphen = false
    for (const line of this.lines) {
      const tokens = tokensOf(line)
      const joined = new Set(this.joinedWords(line, tokens))
      // The last word of a line may be cut, and so the first after a cut one.
      const inner = tokens.slice(afterHyphen ? 1 : 0, -1)
      for (const token of inner) {
        if (joined.has(token)) continue
        const word = token.word.toLowerCase()
        if (letters.test(word)) words.add(word)
        else if (/^\p{L}+(?:-\p{L}+)+$/u.test(word)) {
          compounds.add(word)
          for (const part of word.split('-')) words.add(part)
        }
      }
      afterHyphen = /\p{L}-$/u.test(line.trimEnd())
    }
    this.read = { words, compounds }
    return this.read
  }

  /**
   * The words of a line that may span a join a converter made at a
   * hyphen: in a line longer than the others, those that start before the
   * wrap width and end after most of it.
   */
  private joinedWords(line: string, tokens: readonly Token[]): Token[] {
    if (!this.mayBeJoined(line)) return []
    const width = this.wrapWidth as number
    return tokens.filter(
      (token) => token.start < width && token.end > width * 0.5 && /-/.test(token.word) === false,
    )
  }

  /** Whether a line is long enough to hold two a converter joined, and no longer. */
  private mayBeJoined(line: string): boolean {
    const width = this.wrapWidth
    if (width === undefined) return false
    const length = line.trimEnd().length
    return length > width * joinedLineShare && length <= width * joinedLineMaximumShare
  }

  /**
   * Where hyphens go back into a line a converter joined at them: each word
   * spanning the join that the document writes as a compound elsewhere
   * (`menopause-associated`) and never run together.
   *
   * @param line
   *   A line of the raw text.
   * @returns
   *   Indexes in `line` where a hyphen goes, in order.
   */
  hyphensIn(line: string): number[] {
    if (!this.mayBeJoined(line)) return []
    const places: number[] = []
    for (const token of this.joinedWords(line, tokensOf(line))) {
      const at = this.hyphenIn(token.word)
      if (at !== undefined) places.push(token.start + at)
    }
    return places
  }

  /**
   * Whether `stem-` at a line end and `rest` on the next line are one word
   * with its own hyphen (`evidence-based`), rather than a word the line end
   * cut (`guid-ance`).
   *
   * @param stem
   *   The letters before the hyphen.
   * @param rest
   *   The word after the line break.
   * @returns
   *   Whether to keep the hyphen.
   */
  keepsHyphen(stem: string, rest: string): boolean {
    const before = stem.toLowerCase()
    const after = rest.toLowerCase()
    // `3-` / `month`: a number's hyphen is its own.
    if (/^\d+$/.test(before)) return true
    const { words, compounds } = this.known
    if (compounds.has(`${before}-${after}`)) return true
    // NICE's PDFs are not hyphenated by the typesetter: a hyphen at a line end
    // is the word's own unless the document writes the word whole elsewhere.
    return !words.has(before + after)
  }

  /**
   * Where a hyphen goes back into a word a converter joined at a line end:
   * the document writes the compound (`non-randomised`) and never the word
   * run together (`nonrandomised`).
   *
   * @param word
   *   The last word of a line, as the converter wrote it.
   * @returns
   *   The index of the hyphen in `word`, or `undefined` to leave it.
   */
  hyphenIn(word: string): number | undefined {
    const lower = word.toLowerCase()
    const { words, compounds } = this.known
    if (words.has(lower) || !letters.test(lower)) return undefined
    for (let index = 1; index < lower.length; index++) {
      if (compounds.has(`${lower.slice(0, index)}-${lower.slice(index)}`)) return index
    }
    return undefined
  }
}
