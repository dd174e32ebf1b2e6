/**
 * Counts of evidence as guidance and overviews state them: `The evidence
 * included 4 systematic reviews, 3 case series, 1 randomised controlled
 * trial and 2 case reports`.
 */

/** One stated count of one type of evidence. */
export interface EvidenceCount {
  /** Normalised type: `systematic review and meta-analysis`, `registry study`. */
  type: string
  count: number
  /** Index of the count in the text. */
  index: number
  length: number
}

/** Characters after a count enough to name the longest kind of evidence. */
const evidenceTypeLength = 80

/** Kinds of evidence, each with the pattern that names it. */
const evidenceTypes: [string, RegExp][] = [
  ['individual patient data meta-analysis', /^individual patient data meta-analys[ie]s/],
  ['network meta-analysis', /^network meta-analys[ie]s/],
  ['systematic review and meta-analysis', /^systematic reviews? and meta-analys[ie]s/],
  ['systematic review', /^systematic reviews?/],
  ['meta-analysis', /^meta-analys[ie]s/],
  ['randomised controlled trial', /^randomi[sz]ed controlled trials?/],
  ['registry study', /^(?:[a-z-]+ )?registry stud(?:y|ies)|^registries/],
  ['propensity score matched study', /^propensity score[- ]matched (?:[a-z]+ )?stud(?:y|ies)/],
  ['case series', /^case series/],
  ['case report', /^case reports?/],
  ['cohort study', /^(?:[a-z-]+ )?cohort stud(?:y|ies)/],
  ['non-randomised study', /^non-randomi[sz]ed (?:comparative )?stud(?:y|ies)/],
]

/**
 * The evidence counts of a sentence that lists them.
 *
 * @param text
 *   Plain text.
 * @returns
 *   Each count with its type, in order.
 */
export function evidenceCounts(text: string): EvidenceCount[] {
  const counts: EvidenceCount[] = []
  for (const match of text.matchAll(/\b(\d{1,3}) (?=[a-z])/g)) {
    const start = match.index + match[0].length
    const rest = text.slice(start, start + evidenceTypeLength)
    const type = evidenceTypes.find(([, pattern]) => pattern.test(rest))
    if (type)
      counts.push({
        type: type[0],
        count: Number(match[1]),
        index: match.index,
        length: match[0].length,
      })
  }
  return counts
}

/** A sentence that lists kinds of evidence, with its place in the text. */
export interface EvidenceList {
  /** Index of the sentence in the text. */
  start: number
  end: number
  counts: EvidenceCount[]
}

/**
 * The sentences of a text that list at least `minimumTypes` kinds of
 * evidence (`… included 4 systematic reviews, 3 case series, 1 randomised
 * controlled trial and 2 case reports.`): counted per sentence, so that a
 * later sentence about an appendix does not add to the list.
 *
 * @param text
 *   Plain text.
 * @param minimumTypes
 *   Kinds of evidence a sentence must name.
 * @returns
 *   The lists, in order; count indexes are in the whole text.
 */
export function evidenceLists(text: string, minimumTypes: number): EvidenceList[] {
  const lists: EvidenceList[] = []
  let start = 0
  for (const boundary of [
    ...text.matchAll(/(?<=[.;])\s+(?=\p{Lu})/gu),
    { index: text.length, 0: '' },
  ]) {
    const end = boundary.index ?? text.length
    const counts = evidenceCounts(text.slice(start, end)).map((count) => ({
      ...count,
      index: count.index + start,
    }))
    if (new Set(counts.map((count) => count.type)).size >= minimumTypes)
      lists.push({ start, end, counts })
    start = end + (boundary[0]?.length ?? 0)
  }
  return lists
}
