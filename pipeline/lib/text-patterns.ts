/**
 * Small patterns about the shape of lines, shared by normalize and parse.
 * All are anchored and free of nested quantifiers, so they run in linear time.
 */

/** A bullet marker at the start of a line: `- `, `• `, `* `, `– `, `○ ` and other list glyphs. */
export const bulletMarker = /^([ \t]*)([-•*–▪◦○●■□‣⁃])[ \t]+(?=\S)/

/** An ordered-list marker: `1. ` (but not `1.1 `). */
export const orderedMarker = /^([ \t]*)(\d{1,3})\.[ \t]+(?=\S)/

/** A numbered paragraph: `3.14 The …` (after any bullet marker was removed); NICE paragraphs open with a capital. */
export const numberedParagraph = /^(\d{1,2}\.\d{1,3})[ \t]+(?=[A-Z"“‘'([])/

/** A markdown ATX heading: `## …`. */
export const markdownHeading = /^(#{1,6})[ \t]+(?=\S)/

/** Characters at the end of a text enough to see a sentence end behind closing quotes and brackets. */
const sentenceEndLookback = 12

/** Characters at the end of a text enough to hold its last word (`between`, `versus`) and the space before. */
const continuingWordLookback = 16

/** Characters that end a sentence (a block ending in one is complete). */
export const sentenceEnd = /[.!?:]["'’”)\]]*$/

/** Words that cannot end a sentence: a block ending in one goes on. */
export const continuingWord =
  /(?:^|\s)(?:a|an|the|of|and|or|in|to|for|with|by|from|at|on|as|than|that|which|who|whom|whose|were|was|is|are|be|been|into|onto|between|versus|per|see|than|this|these|those|its|their|his|her|our|your)$/i

/**
 * Read a line of a contents list: a title, dot leaders, a tab, a page number.
 *
 * @param line
 *   The line.
 * @returns
 *   Title and page, or `undefined` when the line is not a contents entry.
 */
export function parseContentsEntry(line: string): { title: string; page: number } | undefined {
  const tab = line.lastIndexOf('\t')
  if (tab <= 0) return undefined
  const pageText = line.slice(tab + 1).trim()
  if (!/^\d{1,4}$/.test(pageText)) return undefined
  let end = tab
  while (end > 0 && (line[end - 1] === '.' || line[end - 1] === ' ' || line[end - 1] === '\t'))
    end--
  const title = line.slice(0, end).trim()
  if (title === '' || title.includes('\t')) return undefined
  return { title, page: Number(pageText) }
}

/**
 * Whether a text ends a sentence (checked on its tail only, so it stays linear).
 *
 * @param text
 *   The text.
 * @returns
 *   Whether it ends with `.`, `!`, `?` or `:` (before closing quotes or brackets).
 */
export function endsSentence(text: string): boolean {
  return sentenceEnd.test(text.slice(-sentenceEndLookback).trimEnd())
}

/**
 * Whether a text ends with a word that cannot end a sentence.
 *
 * @param text
 *   The text.
 * @returns
 *   Whether the last word is a determiner, preposition, conjunction or auxiliary.
 */
export function endsWithContinuingWord(text: string): boolean {
  return continuingWord.test(text.slice(-continuingWordLookback).trimEnd())
}

/** A table's caption: `Table 2 Study details` → id `2`, caption `Study details`. */
export const tableCaption = /^Table\s+(\d{1,3}[a-z]?)\b[\s.:–-]*(.*)$/is

/** The heading of a contents list. */
export const contentsHeading = /^(?:contents|table of contents)$/i
