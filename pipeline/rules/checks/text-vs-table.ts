/**
 * Rule `text-vs-table`: the same study's same quantity stated in the prose
 * and in the tables with different numbers: the same measure and two of its
 * three figures (estimate, lower, upper) in common, the third different; the
 * same range with one bound different; or the same n/N with a different
 * percentage.
 */

import { parseNumber } from '../../lib/result-grammar.js'
import type { Finding, Result } from '../../types.js'
import { agree, count } from '../numbers.js'
import { checkId } from '../rule-ids.js'
import type { DocumentRule } from '../rule.js'
import { severities } from '../severities.js'

/** The rule. */
export const textVersusTable: DocumentRule = {
  id: checkId.textVersusTable,
  scope: 'document',
  check: ({ results }) => checkTextVersusTable(results),
}

/** Study keys already read (a document names a few studies, many times each). */
const studyKeys = new Map<string, string | null>()

/** Largest number of study keys kept: a long batch must not grow the map without end. */
const studyKeysKept = 10_000

/** A study's name for matching: its first author's surname and year. */
function studyKey(study: string | null): string | null {
  if (!study) return null
  let key = studyKeys.get(study)
  if (key === undefined) {
    const surname = /^\p{Lu}[\p{L}'’-]+/u.exec(study)?.[0]
    const year = /\b(?:19|20)\d{2}\b/.exec(study)?.[0]
    key = surname && year ? `${surname} ${year}` : null
    if (studyKeys.size > studyKeysKept) studyKeys.clear()
    studyKeys.set(study, key)
  }
  return key
}

/** The findings of a document's results. */
function checkTextVersusTable(results: readonly Result[]): Finding[] {
  const findings: Finding[] = []
  const inTables = results.filter(
    (result) =>
      result.context.location.type === 'table' &&
      hasComparableFigure(result) &&
      studyKey(result.context.study),
  )
  const byStudy = new Map<string, Result[]>()
  for (const result of inTables) {
    const key = studyKey(result.context.study) as string
    const list = byStudy.get(key)
    if (list) list.push(result)
    else byStudy.set(key, [result])
  }
  for (const prose of results) {
    if (prose.context.location.type !== 'prose' || !hasComparableFigure(prose)) continue
    const candidates = byStudy.get(studyKey(prose.context.study) ?? '') ?? []
    for (const table of candidates) {
      const difference = differingFigure(prose, table)
      if (!difference) continue
      findings.push({
        check: checkId.textVersusTable,
        // Two figures equal and the third different: both cannot be right.
        severity: severities[checkId.textVersusTable].differentFigure,
        message: `${prose.context.study}: the text has ${difference.text}, table ${table.context.location.table} has ${difference.table} (line ${table.source.line})`,
        source: prose.source,
        related: [table.source],
      })
    }
  }
  return findings
}

/**
 * Whether a result has what `differingFigure` compares: an estimate with
 * its CI, a range alone, or a fraction with its percentage.
 */
function hasComparableFigure(result: Result): boolean {
  return (
    (result.ci !== null && result.written !== null) ||
    (result.spread?.kind === 'range' && result.value === null) ||
    (result.numerator !== null && result.denominator !== null && result.written !== null)
  )
}

/**
 * Where two statements of one quantity differ, what each says (the text's and the table's words), or `undefined`.
 *
 * The same quantity: the same measure (or, for plain estimates, the same
 * group), two of the three figures exactly equal; it differs when the third
 * is off by more than the rounding of its last digit.
 */
function differingFigure(
  prose: Result,
  table: Result,
): { text: string; table: string } | undefined {
  if (prose.ci && table.ci && prose.written && table.written) {
    const sameQuantity = prose.measure
      ? prose.measure === table.measure
      : table.measure === null && sameGroup(prose.context.group, table.context.group)
    if (!sameQuantity) return undefined
    const figures: [string, string, string][] = [
      ['estimate', prose.written, table.written],
      ['lower bound', prose.ci.lowerWritten, table.ci.lowerWritten],
      ['upper bound', prose.ci.upperWritten, table.ci.upperWritten],
    ]
    const equal = figures.filter(([, a, b]) => parseNumber(a) === parseNumber(b))
    const differing = figures.filter(([, a, b]) => !agree(a, b))
    if (equal.length === 2 && differing.length === 1) {
      const [name, , b] = differing[0] as [string, string, string]
      return {
        text: `${prose.measure ?? 'an estimate'} ${prose.written} (CI ${prose.ci.lowerWritten} to ${prose.ci.upperWritten})`,
        table: `the ${name} ${b}`,
      }
    }
    return undefined
  }
  if (
    prose.spread?.kind === 'range' &&
    table.spread?.kind === 'range' &&
    prose.value === null &&
    table.value === null
  ) {
    // `age ranged from 55 to 80.6 years` in the text, `55 to 70.6 years` in the table.
    if (!sharesWord(prose.context.outcome, table.context.outcome)) return undefined
    const lowerEqual = prose.spread.lower === table.spread.lower
    const upperEqual = prose.spread.upper === table.spread.upper
    if (lowerEqual === upperEqual) return undefined
    return {
      text: `the range ${prose.spread.lower} to ${prose.spread.upper} (${prose.context.outcome})`,
      table: `${table.spread.lower} to ${table.spread.upper}`,
    }
  }
  if (
    prose.numerator !== null &&
    prose.denominator !== null &&
    prose.numerator === table.numerator &&
    prose.denominator === table.denominator &&
    prose.written &&
    table.written &&
    !agree(prose.written, table.written)
  ) {
    return {
      text: `${count(prose.numerator)} of ${count(prose.denominator)} as ${prose.written}%`,
      table: `${table.written}%`,
    }
  }
  return undefined
}

/** Whether two subjects share a word of three letters or more (`age`), leaving out `and`, `the`, `mean`, `median`. */
function sharesWord(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  const words = (text: string) =>
    new Set(
      text
        .toLowerCase()
        .split(/[^a-z]+/)
        .filter((word) => word.length >= 3 && !['and', 'the', 'mean', 'median'].includes(word)),
    )
  const left = words(a)
  return [...words(b)].some((word) => left.has(word))
}

/** Whether two group labels name the same group. */
function sameGroup(a: string | null, b: string | null): boolean {
  if (!a || !b) return false
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  return x.includes(y) || y.includes(x)
}
