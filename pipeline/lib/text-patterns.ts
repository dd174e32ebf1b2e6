/**
 * Small patterns about the shape of lines, shared by normalize and parse.
 * All are anchored and free of nested quantifiers, so they run in linear time.
 */

/**
 * A bullet marker at the start of a line: `- `, `• `, `* `, `– `, `○ ` and
 * other list glyphs; `－` (a full-width hyphen) is how NICE's PDFs draw a
 * nested bullet.
 */
export const bulletMarker = /^([ \t]*)([-•*–▪◦○●■□‣⁃－·])[ \t]+(?=\S)/

/** An ordered-list marker: `1. ` (but not `1.1 `). */
export const orderedMarker = /^([ \t]*)(\d{1,3})\.[ \t]+(?=\S)/

/**
 * A numbered paragraph at any depth: `3.14 The …`, `1.12.25 Offer …` (after
 * any bullet marker was removed); NICE paragraphs open with a capital.
 */
export const numberedParagraph = /^(\d{1,2}(?:\.\d{1,3}){1,3})[ \t]+(?=[A-Z"“‘'([])/

/** A paragraph number alone on its line (`1.1.1`): the converter put its text on a later line. */
export const bareParagraphNumber = /^[ \t]*\d{1,2}(?:\.\d{1,3}){1,3}[ \t]*$/

/** A section number alone on its line (`2`), as `pdftotext` writes `2 The procedure`. */
export const bareSectionNumber = /^[ \t]*\d{1,2}[ \t]*$/

/** A recommendation's year tag at the end of a text, with the space before it (group 1: the tag). */
export const yearTagAtEnd =
  /\s*(\[(?:19|20)\d{2}(?:,[ a-z]+(?:19|20)\d{2}(?:,? and (?:19|20)\d{2})*)?\])\.?$/

/** A recommendation's year tag at its end: `[2019]`, `[2008, amended 2021]`, `[2017, amended 2024]`. */
export const yearTag = /\[(?:19|20)\d{2}(?:,[ a-z]+(?:19|20)\d{2}(?:,? and (?:19|20)\d{2})*)?\]\.?$/

/** A markdown ATX heading: `## …`. */
export const markdownHeading = /^(#{1,6})[ \t]+(?=\S)/

/** Characters at the end of a text enough to see a sentence end behind closing quotes and brackets. */
const sentenceEndLookback = 12

/** Characters a year tag takes at most beside that (`[2008, amended 2021 and 2024]`). */
const yearTagLength = 30

/** Characters at the end of a text enough to hold its last word (`between`, `versus`) and the space before. */
const continuingWordLookback = 16

/** Characters that end a sentence (a block ending in one is complete). */
export const sentenceEnd = /[.!?:]["'’”)\]]*$/

/** Words that cannot end a sentence: a block ending in one goes on. */
export const continuingWord =
  /(?:^|\s)(?:a|an|the|of|and|or|in|to|for|with|by|from|at|on|as|than|that|which|who|whom|whose|were|was|is|are|be|been|into|onto|between|versus|per|see|than|this|these|those|its|their|his|her|our|your)$/i

/**
 * Whether a text ends a sentence (checked on its tail only, so it stays linear).
 *
 * @param text
 *   The text.
 * @returns
 *   Whether it ends with `.`, `!`, `?` or `:` (before closing quotes or
 *   brackets), or with a recommendation's year tag.
 */
export function endsSentence(text: string): boolean {
  const tail = text.slice(-sentenceEndLookback - yearTagLength).trimEnd()
  return sentenceEnd.test(tail.slice(-sentenceEndLookback)) || yearTag.test(tail)
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
export const tableCaption = /^Table\s+([A-Z]?\d{1,3}[a-z]?)\b[\s.:–-]*(.*)$/is

/** The heading of a contents list. */
export const contentsHeading = /^(?:contents|table of contents)$/i
