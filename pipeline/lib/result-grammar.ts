/**
 * The result language of guidance documents, as composable token patterns.
 *
 * A text is scanned once with one pattern made of the token patterns below
 * (numbers, intervals, effect measures, p-values, I², proportions, sample
 * sizes, summaries); a second, linear pass over the tokens attaches each
 * interval to the estimate it belongs to (also where a group name stands
 * between them), and p and I² to the same result where written together.
 *
 * Every pattern is free of nested quantifiers, so the scan is linear.
 */

import {
  abbreviationAlternation,
  adjustableAlternation,
  spellingAlternation,
  spellingStartAlternation,
} from '../vocabulary/measures.js'

/** A number as written: `1,059`, `0.81`, `-6.55`, `−0.5`. */
const number = String.raw`[-−]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?`
/** Between two bounds. */
const between = String.raw`\s?(?:to|-|–|—)\s?`

/** The token patterns, by name. Order matters where two match at one place. */
const tokenPatterns: [TokenKind, string][] = [
  // 95% CI 1.15 to 3.66 / 95% CI 43 to 47% / 95% confidence interval 1 to 2
  [
    'ci',
    String.raw`(?<ciLevel>\d{2}(?:\.\d+)?)\s?%\s?(?:CI|confidence interval)[:,]?\s?(?<ciLower>${number})\s?%?${between}(?<ciUpper>${number})\s?%?`,
  ],
  // CI 0.71 to 0.75 (level lost, for instance to a page break)
  [
    'ci',
    String.raw`\bCI[:,]?\s(?<ciLowerBare>${number})\s?%?${between}(?<ciUpperBare>${number})\s?%?`,
  ],
  // p=0.10, p<0.001, p value not reported
  [
    'p',
    String.raw`\bp(?:\s?-?value)?\s?(?<pRelation>=|<|>|≤|≥|<=|>=)\s?(?<pValue>0?\.\d+|[01](?:\.\d+)?)`,
  ],
  ['p', String.raw`\bp[\s-]?values?\s(?:was\s|were\s)?not\s(?<pNotReported>reported|stated|given)`],
  // I²=89.8%, I ² =73%, I2=90%
  ['i2', String.raw`\bI\s?[²2]\s?(?:=|:|of)\s?(?<i2>${number})\s?%`],
  // RR 2.06, OR=1.28, HR of 0.74, adjusted OR 1.98, aOR 1.2, MD=-5.31, mean
  // between-group difference=8, incidence rate ratio 1.2: the measures of
  // `vocabulary/measures.ts`.
  [
    'effect',
    String.raw`(?<adjusted>\badjusted\s|\ba(?=(?:${adjustableAlternation})\b))?(?<measure>(?<=\ba)(?:${adjustableAlternation})\b|\b(?:${abbreviationAlternation})\b|\b(?:${spellingAlternation})\b)(?:\s(?:with|for|in)\s[\w-]+(?:\s[\w-]+)?(?=\s?[:=]))?(?:\s?(?:of|=|:|was|is|were))?\s?(?<effectValue>${number})`,
  ],
  // 15.6% (28/179), 46% [82 out of 179], 28% (143 out of 506)
  [
    'proportion',
    String.raw`(?<propPercent>${number})\s?%\s?[([]\s?(?<propNumerator>${number})\s?(?:/|out of|of)\s?(?<propDenominator>${number})\s?[)\]]`,
  ],
  // 28/179 (15.6%), 82 of 179 (46%)
  [
    'proportion',
    String.raw`(?<propNumerator2>${number})\s?(?:/|out of|of)\s?(?<propDenominator2>${number})\s?[([]\s?(?<propPercent2>${number})\s?%\s?[)\]]`,
  ],
  // 170 (95.0%), 1,807 (32%)
  [
    'proportion',
    String.raw`(?<![\d.,])(?<countNumerator>\d{1,3}(?:,\d{3})+|\d+)\s?\((?<countPercent>${number})\s?%\)(?:\s(?:of|out of)\s(?<countDenominator>\d{1,3}(?:,\d{3})+(?!\d)|\d+))?`,
  ],
  // n=355, n=1,059
  ['n', String.raw`\bn\s?=\s?(?<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+)`],
  // median … =4.3 (IQR 2.1 to 9.5), Mean=45% (range 28 to 67%)
  [
    'spread',
    String.raw`[([]\s?(?<spreadKind>range|IQR|interquartile range|SD)[:,]?\s?(?<spreadLower>${number})\s?%?${between}(?<spreadUpper>${number})\s?%?\s?[)\]]`,
  ],
  // (mean or median age) ranged from 55 to 80.6 years: the subject is read
  // back from the text, not scanned, which would try it at every word.
  [
    'rangeFrom',
    String.raw`\b(?:ranged?|varied) from (?<rangeLower>${number})\s?%?\sto\s(?<rangeUpper>${number})\s?(?<rangeUnit>%|years|days|months|weeks|mmol per litre|mmol\/litre)?`,
  ],
  // (46.7 to 56.3): an interval with no label
  [
    'interval',
    String.raw`[([]\s?(?<bareLower>${number})\s?%?\sto\s(?<bareUpper>${number})\s?%?\s?[)\],;]`,
  ],
  // 10 studies, 42 papers (beside an I²)
  ['studies', String.raw`\b(?<studies>\d+)\s(?<studyUnit>studies|papers|trials|RCTs)\b`],
  ['percent', String.raw`(?<percent>${number})\s?%`],
  ['number', number],
]

/** Kinds of token. */
export type TokenKind =
  | 'ci'
  | 'p'
  | 'i2'
  | 'effect'
  | 'proportion'
  | 'n'
  | 'spread'
  | 'rangeFrom'
  | 'interval'
  | 'studies'
  | 'percent'
  | 'number'

/** One scanned token. */
export interface Token {
  kind: TokenKind
  start: number
  end: number
  groups: Record<string, string | undefined>
}

/**
 * The names of a pattern's capturing groups, by their position (1-based
 * within the pattern), read from its source: named groups are written for
 * people, and numbered in the scanner, where a `groups` object of every name
 * for every match would cost more than the scan.
 */
function groupNames(pattern: string): (string | undefined)[] {
  const names: (string | undefined)[] = []
  let inClass = false
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index]
    if (character === '\\') {
      index++
      continue
    }
    if (inClass) {
      if (character === ']') inClass = false
      continue
    }
    if (character === '[') inClass = true
    else if (character === '(') {
      if (pattern[index + 1] !== '?') names.push(undefined)
      else {
        const named = /^\?<([A-Za-z]\w*)>/.exec(pattern.slice(index + 1, index + 40))
        if (named) names.push(named[1])
      }
    }
  }
  return names
}

/** Each alternative's kind, wrapping group and named groups (name → absolute index). */
const alternatives: { kind: TokenKind; group: number; names: [string, number][] }[] = []
{
  let group = 1
  for (const [kind, pattern] of tokenPatterns) {
    const names = groupNames(pattern)
    alternatives.push({
      kind,
      group,
      names: names.flatMap((name, index) =>
        name ? [[name, group + 1 + index] as [string, number]] : [],
      ),
    })
    group += 1 + names.length
  }
}

/**
 * Where a token can start: a digit, a bracket or a minus, or a word whose
 * first letters begin a pattern (every pattern that starts with a letter
 * starts with `\b`). Each word start is as long as it takes to tell it from
 * common words (`p` before a space, `-`, `v` or a relation, not `people`), so
 * that the engine passes over every other position at once instead of trying
 * every pattern there; the measures' abbreviations and the first words of
 * their spellings come from `vocabulary/measures.ts`. `test/results.test.ts`
 * checks it against the patterns.
 */
export const tokenStart = String.raw`[\d(\[−-]|\b(?:CI|I[\s²2]|p[\s\-v=<>≤≥]|a(?:djusted|${adjustableAlternation})|${abbreviationAlternation}|${spellingStartAlternation}|range|n[\s=]|varied)`

/**
 * The token patterns as one alternation, each in a numbered group (group
 * names are dropped, see `groupNames`), behind a lookahead.
 *
 * @param lookahead
 *   Where a token can start.
 * @returns
 *   Global pattern.
 */
export function tokenScanner(lookahead: string): RegExp {
  return new RegExp(
    `(?=${lookahead})(?:${tokenPatterns
      .map(([, pattern]) => `(${pattern.replace(/\(\?<([A-Za-z]\w*)>/g, '(')})`)
      .join('|')})`,
    'g',
  )
}

const scanner = tokenScanner(tokenStart)

/**
 * Scan a text into result tokens.
 *
 * @param text
 *   Plain text.
 * @param pattern
 *   The scanner (tests pass one whose lookahead lets every position through).
 * @returns
 *   Tokens in order.
 */
export function scanTokens(text: string, pattern: RegExp = scanner): Token[] {
  const tokens: Token[] = []
  pattern.lastIndex = 0
  let match = pattern.exec(text)
  while (match) {
    // The first alternative that matched: each is wrapped in a numbered group.
    let alternative = alternatives[0] as (typeof alternatives)[number]
    for (const candidate of alternatives) {
      alternative = candidate
      if (match[candidate.group] !== undefined) break
    }
    const start = match.index
    // Do not start a number inside a word (`IPG633`, `NCT0664`).
    if (!(
      alternative.kind === 'number' &&
      start > 0 &&
      /[A-Za-z]/.test(text[start - 1] as string)
    )) {
      const groups: Record<string, string | undefined> = {}
      for (const [name, index] of alternative.names) groups[name] = match[index]
      tokens.push({ kind: alternative.kind, start, end: start + match[0].length, groups })
    }
    if (match[0].length === 0) pattern.lastIndex++
    match = pattern.exec(text)
  }
  return tokens
}

/**
 * Parse a number as written.
 *
 * @param written
 *   `1,059`, `−0.5`.
 * @returns
 *   The value.
 */
export function parseNumber(written: string): number {
  // Most numbers have neither thousands separators nor a minus sign: no copy.
  if (!written.includes(',') && !written.includes('−')) return Number(written)
  return Number(written.replaceAll(',', '').replace('−', '-'))
}
