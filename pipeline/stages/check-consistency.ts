/**
 * Stage `checkConsistency`: the document's own numbers checked against each
 * other, the way statcheck checks p-values, but for the forms of guidance
 * documents: percentages against their n/N, estimates against their CIs, p
 * against the CI, I² and event counts against their limits, the prose
 * against the tables, and stated sums against their parts.
 *
 * Severity `error` only where the numbers cannot all be right; what rounding
 * can explain is `info`; what is unusual but possible is `warning`.
 */

import type { VFile } from 'vfile'
import { evidenceLists } from '../lib/evidence-counts.js'
import { type MappedText, rawRange } from '../lib/mapped-text.js'
import { parseNumber } from '../lib/result-grammar.js'
import type { Finding, GuidanceRoot, Result } from '../types.js'

/** Check ids (the `check` of each finding). */
export const checkRule = {
  percentVersusFraction: 'percent-vs-fraction',
  eventsAboveTotal: 'events-above-total',
  boundsOrder: 'ci-bounds-order',
  estimateOutsideInterval: 'estimate-outside-ci',
  asymmetricInterval: 'ci-asymmetric',
  pVersusInterval: 'p-vs-ci',
  heterogeneityRange: 'i2-range',
  textVersusTable: 'text-vs-table',
  statedSum: 'stated-sum',
} as const

/** Ratio measures: their null is 1 and their CI is symmetric on the log scale. */
const ratioMeasures = new Set(['RR', 'OR', 'HR', 'IRR'])
/** Difference measures: their null is 0. */
const differenceMeasures = new Set(['MD', 'SMD', 'RD', 'WMD'])

/**
 * Attach the checks stage.
 *
 * @returns
 *   Transformer.
 */
export function checkConsistency() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const results = file.data.results ?? []
    const findings: Finding[] = [...(file.data.findings ?? [])]
    for (const result of results) {
      findings.push(...checkFraction(result), ...checkInterval(result), ...checkPValue(result))
      if (
        result.heterogeneity &&
        (result.heterogeneity.iSquared < 0 || result.heterogeneity.iSquared > 100)
      ) {
        findings.push({
          check: checkRule.heterogeneityRange,
          severity: 'error',
          message: `I² of ${result.heterogeneity.written.replace(/^.*?(\d)/, '$1')} is outside 0% to 100%`,
          source: result.source,
        })
      }
    }
    findings.push(...checkTextVersusTable(results), ...checkStatedSums(tree, file))
    findings.sort((a, b) => a.source.offset - b.source.offset || a.check.localeCompare(b.check))
    file.data.findings = findings
    // Findings are about the document's numbers, not about reading it: they
    // live in the record and in `guidex check`, not among the file's messages.
  }
}

/** A count as the documents write it: `5,451`. */
function count(value: number): string {
  return value.toLocaleString('en-GB')
}

/** Decimals written in a number: `15.6` → 1. */
function decimals(written: string): number {
  const dot = written.indexOf('.')
  return dot === -1 ? 0 : written.length - dot - 1
}

/**
 * A percentage against its numerator and denominator: exact to the written
 * decimals is right; off by the last digit's rounding or truncation is info;
 * anything else cannot be right.
 */
function checkFraction(result: Result): Finding[] {
  if (result.numerator === null || result.denominator === null || result.percent === null) return []
  if (result.numerator > result.denominator) {
    return [
      {
        check: checkRule.eventsAboveTotal,
        severity: 'error',
        message: `${count(result.numerator)} of ${count(result.denominator)} counts more events than people`,
        source: result.source,
      },
    ]
  }
  if (result.denominator === 0) return []
  const places = decimals(result.written ?? String(result.percent))
  const exact = (result.numerator / result.denominator) * 100
  const step = 10 ** -places
  const rounded = Math.round(exact / step) * step
  if (Math.abs(rounded - result.percent) < step / 100) return []
  const truncated = Math.floor(exact / step) * step
  const raised = Math.ceil(exact / step) * step
  const shown = exact.toFixed(places + 1)
  if (
    Math.abs(truncated - result.percent) < step / 100 ||
    Math.abs(raised - result.percent) < step / 100
  ) {
    return [
      {
        check: checkRule.percentVersusFraction,
        severity: 'info',
        message: `${result.written}% is ${count(result.numerator)} of ${count(result.denominator)} (${shown}%) rounded ${
          Math.abs(truncated - result.percent) < step / 100 ? 'down' : 'up'
        }`,
        source: result.source,
      },
    ]
  }
  return [
    {
      check: checkRule.percentVersusFraction,
      severity: 'error',
      message: `${result.written}% is not ${count(result.numerator)} of ${count(result.denominator)} (${rounded.toFixed(places)}%)`,
      source: result.source,
    },
  ]
}

/**
 * An estimate against its CI: bounds in order, the estimate inside, and a
 * ratio's CI roughly symmetric on the log scale.
 */
function checkInterval(result: Result): Finding[] {
  const ci = result.ci
  if (!ci || result.value === null) return []
  const value = result.value
  const findings: Finding[] = []
  if (ci.lower > ci.upper) {
    return [
      {
        check: checkRule.boundsOrder,
        severity: 'error',
        message: `CI ${ci.lowerWritten} to ${ci.upperWritten} has its lower bound above its upper`,
        source: result.source,
      },
    ]
  }
  // Rounding of the last written digit may put a value on a bound, not past it.
  const slack = halfLastDigit(result)
  if (value < ci.lower - slack || value > ci.upper + slack) {
    const scaled = value * 100 >= ci.lower && value * 100 <= ci.upper
    findings.push({
      check: checkRule.estimateOutsideInterval,
      severity: 'error',
      message: `${result.measure ?? 'Estimate'} ${result.written} lies outside its CI ${ci.lowerWritten} to ${ci.upperWritten}${
        scaled ? `: the CI looks 100 times too large (${ci.lower / 100} to ${ci.upper / 100}?)` : ''
      }`,
      source: result.source,
    })
    return findings
  }
  if (result.measure && ratioMeasures.has(result.measure) && ci.lower > 0 && value > 0) {
    const low = Math.log(value) - Math.log(ci.lower)
    const high = Math.log(ci.upper) - Math.log(value)
    // Allow for rounding: each figure may be off by half its last digit.
    const tolerance = slack / Math.min(value, ci.lower) + slack / value
    if (Math.abs(low - high) > 0.5 * Math.max(low, high) + tolerance) {
      findings.push({
        check: checkRule.asymmetricInterval,
        severity: 'warning',
        message: `${result.measure} ${result.written} is far from the middle of its CI ${ci.lowerWritten} to ${ci.upperWritten} on the log scale`,
        source: result.source,
      })
    }
  }
  return findings
}

/** Half a unit of the last digit written in an estimate and its CI: what rounding can hide. */
function halfLastDigit(result: Result): number {
  const ci = result.ci
  const places = Math.max(
    decimals(result.written ?? ''),
    decimals(ci?.lowerWritten ?? ''),
    decimals(ci?.upperWritten ?? ''),
  )
  return 10 ** -places / 2
}

/** Standard normal distribution function (Abramowitz and Stegun 26.2.17). */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z))
  const density = Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)
  const tail =
    density *
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
  return z >= 0 ? 1 - tail : tail
}

/** The z of a two-sided level: 95 → 1.96. */
function zOfLevel(level: number): number {
  let low = 0
  let high = 10
  const target = 1 - (1 - level / 100) / 2
  for (let step = 0; step < 60; step++) {
    const middle = (low + high) / 2
    if (normalCdf(middle) < target) low = middle
    else high = middle
  }
  return (low + high) / 2
}

/**
 * The p-value recomputed from the CI (normal approximation, log scale for
 * ratios) against the reported p: a disagreement about significance is an
 * error unless a bound sits on the null; a p far from the recomputed one is
 * a warning.
 */
function checkPValue(result: Result): Finding[] {
  const { ci, p, measure, value } = result
  if (!ci || !p || p.value === null || value === null || !measure || ci.lower > ci.upper) return []
  const ratio = ratioMeasures.has(measure)
  if (!ratio && !differenceMeasures.has(measure)) return []
  if (ratio && (ci.lower <= 0 || value <= 0)) return []
  if (value < ci.lower || value > ci.upper) return []
  const nullValue = ratio ? 1 : 0
  const scale = (x: number) => (ratio ? Math.log(x) : x)
  const z = zOfLevel(ci.level ?? 95)
  const standardError = (scale(ci.upper) - scale(ci.lower)) / (2 * z)
  if (standardError <= 0) return []
  const recomputed = 2 * (1 - normalCdf(Math.abs(scale(value) - scale(nullValue)) / standardError))
  const alpha = 1 - (ci.level ?? 95) / 100
  const excludesNull = ci.lower > nullValue || ci.upper < nullValue
  const onNull = ci.lower === nullValue || ci.upper === nullValue
  // p exactly at alpha decides nothing.
  const reportedSignificant =
    ((p.relation === '<' || p.relation === '≤') && p.value <= alpha) ||
    (p.relation === '=' && p.value < alpha)
  const reportedNotSignificant =
    ((p.relation === '>' || p.relation === '≥') && p.value >= alpha) ||
    (p.relation === '=' && p.value > alpha)
  const shown = recomputed < 0.001 ? '<0.001' : recomputed.toFixed(3)
  if (
    !onNull &&
    ((excludesNull && reportedNotSignificant) || (!excludesNull && reportedSignificant))
  ) {
    return [
      {
        check: checkRule.pVersusInterval,
        severity: 'error',
        message: `${p.written.replace(/\s+/g, '')} cannot go with ${measure} ${result.written} (CI ${ci.lowerWritten} to ${ci.upperWritten}): the CI ${
          excludesNull ? 'excludes' : 'includes'
        } ${nullValue}, so p is ${excludesNull ? 'below' : 'above'} ${alpha} (recomputed p≈${shown})`,
        source: result.source,
      },
    ]
  }
  // Rounded figures make the recomputed p rough: take its range over every
  // rounding of the estimate and the bounds, and judge the reported p by it.
  const half = halfLastDigit(result)
  const ps: number[] = []
  for (const dv of [-half, half]) {
    for (const dl of [-half, half]) {
      for (const du of [-half, half]) {
        const v = value + dv
        const l = ci.lower + dl
        const u = ci.upper + du
        if (ratio && (v <= 0 || l <= 0)) continue
        const error = (scale(u) - scale(l)) / (2 * z)
        if (error > 0) ps.push(2 * (1 - normalCdf(Math.abs(scale(v) - scale(nullValue)) / error)))
      }
    }
  }
  if (ps.length === 0) return []
  // Below 0.001 a rounded CI says no more than `p<0.001`.
  if (p.value <= 0.001 && Math.max(...ps) <= 0.001) return []
  const lowest = Math.min(...ps)
  const highest = Math.max(...ps)
  const range = `${lowest < 0.001 ? '<0.001' : lowest.toFixed(3)} to ${highest < 0.001 ? '<0.001' : highest.toFixed(3)}`
  let severity: Finding['severity'] | undefined
  if (p.relation === '=') {
    // Reported p is itself rounded: allow half its last digit.
    const slack = 10 ** -decimals(String(p.value)) / 2
    if (p.value + slack < lowest / 2 || p.value - slack > highest * 2) severity = 'error'
    else if (p.value + slack < lowest / 1.25 || p.value - slack > highest * 1.25)
      severity = 'warning'
  } else if (p.relation === '<' || p.relation === '≤') {
    if (lowest > p.value * 2) severity = 'error'
    else if (lowest > p.value * 1.25) severity = 'warning'
  }
  if (!severity) return []
  return [
    {
      check: checkRule.pVersusInterval,
      severity,
      message: `${p.written.replace(/\s+/g, '')} does not fit ${measure} ${result.written} (CI ${ci.lowerWritten} to ${ci.upperWritten}), which gives p ${range}`,
      source: result.source,
    },
  ]
}

/** Study keys already read (a document names a few studies, many times each). */
const studyKeys = new Map<string, string | null>()

/** A study's name for matching: its first author's surname and year. */
function studyKey(study: string | null): string | null {
  if (!study) return null
  let key = studyKeys.get(study)
  if (key === undefined) {
    const surname = /^\p{Lu}[\p{L}'’-]+/u.exec(study)?.[0]
    const year = /\b(?:19|20)\d{2}\b/.exec(study)?.[0]
    key = surname && year ? `${surname} ${year}` : null
    // Bounded: a long batch must not grow it without end.
    if (studyKeys.size > 10_000) studyKeys.clear()
    studyKeys.set(study, key)
  }
  return key
}

/**
 * Whether two written numbers agree: within one unit of the last digit of
 * the less precise (the text rounds or truncates what the table gives).
 */
function agree(a: string, b: string): boolean {
  const places = Math.min(decimals(a), decimals(b))
  return Math.abs(parseNumber(a) - parseNumber(b)) <= 10 ** -places + 1e-9
}

/**
 * The same study's same quantity stated in the prose and in the tables with
 * different numbers: the same measure and two of its three figures (estimate,
 * lower, upper) in common, the third different; or the same n/N with a
 * different percentage.
 */
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
        check: checkRule.textVersusTable,
        // Two figures equal and the third different: both cannot be right.
        severity: 'error',
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

/** Whether two subjects share a word of four letters or more (`age`: three, so any word but `or`, `and`). */
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

/**
 * `evidence from 10 sources … 4 systematic reviews, 3 case series, 1
 * randomised controlled trial and 2 case reports`: the parts of an
 * enumeration of evidence against the total stated beside it.
 */
function checkStatedSums(tree: GuidanceRoot, file: VFile): Finding[] {
  const findings: Finding[] = []
  const lineIndex = file.data.lineIndex
  if (!lineIndex) return findings
  for (const block of tree.children) {
    if (block.type !== 'textBlock' || !block.plain) continue
    const text = block.plain.value
    const total =
      /\b(?:from|of|on|presents|includes?|included) (\d{1,3}) (?:sources|studies|key studies|papers)\b/.exec(
        text,
      )
    if (!total) continue
    // The kinds of evidence listed, sentence by sentence (`lib/evidence-counts.ts`).
    const list = evidenceLists(text, 2)[0]
    if (!list) continue
    const parts = list.counts.map((count) => count.count)
    const sum = parts.reduce((a, b) => a + b, 0)
    const stated = Number(total[1])
    if (sum === stated) continue
    const place = (index: number, length: number) => {
      const { start, end } = rawRange(block.plain as MappedText, index, index + length)
      return lineIndex.source(start, end)
    }
    findings.push({
      check: checkRule.statedSum,
      severity: 'error',
      message: `${parts.join(' + ')} = ${sum} sources listed, not the ${stated} stated`,
      source: place(total.index, total[0].length),
      related: [place(list.start, list.end - list.start)],
    })
  }
  return findings
}
