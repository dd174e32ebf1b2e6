/**
 * The effect measures of guidance documents, in one place: each with the
 * abbreviation guidex records (`measure` of a result), the other ways it is
 * written, and its scale. The result grammar's pattern and its lookahead
 * (`lib/result-grammar.ts`), the normaliser and the measure inference of
 * `extractResults`, and the consistency rules (null value, log scale) are
 * all derived from this list.
 *
 * Decisions:
 * - `rate ratio` and `incidence rate ratio` are one measure, `IRR`: a rate
 *   ratio is the ratio of two incidence rates (events per person-time), and
 *   one abbreviation lets a text that writes `rate ratio` and a table that
 *   writes `IRR` be compared. `RR` stays the risk ratio (`relative risk`).
 * - `NNT` and `NNH` are the reciprocal of a risk difference: no null value
 *   (it would be infinite), so no check recomputes a p from their CI.
 */

import type { Result } from '../types.js'

/** The abbreviation of a measure, as recorded (the schema's enum of `result.measure`). */
export type MeasureAbbreviation = NonNullable<Result['measure']>

/** How a measure compares two groups, which decides its null value and CI scale. */
export type MeasureScale = 'ratio' | 'difference' | 'reciprocal-difference'

/** One effect measure. */
export interface Measure {
  /** What guidex records (`RR`); also written as such, in capitals. */
  abbreviation: MeasureAbbreviation
  /** Other abbreviations written for it (capitals only: `or above` is not an odds ratio). */
  abbreviations: readonly string[]
  /** Spellings, lower case (a capital first letter is also read): `risk ratio`. */
  spellings: readonly string[]
  scale: MeasureScale
  /** Whether `a` before the abbreviation means adjusted (`aOR 1.2`). */
  adjustedPrefix: boolean
}

/** The measures guidex reads. */
export const measures: readonly Measure[] = [
  {
    abbreviation: 'RR',
    abbreviations: [],
    spellings: ['risk ratio', 'relative risk'],
    scale: 'ratio',
    adjustedPrefix: true,
  },
  {
    abbreviation: 'OR',
    abbreviations: [],
    spellings: ['odds ratio'],
    scale: 'ratio',
    adjustedPrefix: true,
  },
  {
    abbreviation: 'HR',
    abbreviations: [],
    spellings: ['hazard ratio'],
    scale: 'ratio',
    adjustedPrefix: true,
  },
  {
    abbreviation: 'IRR',
    abbreviations: [],
    spellings: ['incidence rate ratio', 'rate ratio'],
    scale: 'ratio',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'RoM',
    abbreviations: [],
    spellings: ['ratio of means'],
    scale: 'ratio',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'MD',
    abbreviations: [],
    spellings: ['mean difference', 'mean between-group difference', 'difference in means'],
    scale: 'difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'WMD',
    abbreviations: [],
    spellings: ['weighted mean difference'],
    scale: 'difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'SMD',
    abbreviations: [],
    spellings: ['standardised mean difference', 'standardized mean difference'],
    scale: 'difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'RD',
    abbreviations: [],
    spellings: ['risk difference'],
    scale: 'difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'ARR',
    abbreviations: [],
    spellings: ['absolute risk reduction'],
    scale: 'difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'NNT',
    abbreviations: [],
    spellings: ['number needed to treat'],
    scale: 'reciprocal-difference',
    adjustedPrefix: false,
  },
  {
    abbreviation: 'NNH',
    abbreviations: [],
    spellings: ['number needed to harm'],
    scale: 'reciprocal-difference',
    adjustedPrefix: false,
  },
]

/** Every abbreviation recorded, in the order of `measures`. */
export const measureAbbreviations: readonly MeasureAbbreviation[] = measures.map(
  (measure) => measure.abbreviation,
)

/** The measures whose null is 1 and whose CI is symmetric on the log scale. */
export const ratioMeasures: ReadonlySet<string> = abbreviationsOf('ratio')

/** The measures whose null is 0. */
export const differenceMeasures: ReadonlySet<string> = abbreviationsOf('difference')

/**
 * The value of no effect on a measure's scale.
 *
 * @param abbreviation
 *   A recorded abbreviation (`OR`).
 * @returns
 *   `1` for ratios, `0` for differences, `undefined` otherwise.
 */
export function nullValueOf(abbreviation: string): 1 | 0 | undefined {
  if (ratioMeasures.has(abbreviation)) return 1
  if (differenceMeasures.has(abbreviation)) return 0
  return undefined
}

/** Written form (abbreviation as written, spelling in lower case) → recorded abbreviation. */
const byWrittenForm = new Map<string, MeasureAbbreviation>()
for (const measure of measures) {
  for (const abbreviation of [measure.abbreviation, ...measure.abbreviations])
    byWrittenForm.set(abbreviation, measure.abbreviation)
  for (const spelling of measure.spellings) byWrittenForm.set(spelling, measure.abbreviation)
}

/**
 * The recorded abbreviation of a measure as written.
 *
 * @param written
 *   `Risk ratio`, `rate ratio`, `OR`.
 * @returns
 *   `RR`, `IRR`, `OR`; `undefined` for anything else.
 */
export function normaliseMeasure(written: string): MeasureAbbreviation | undefined {
  return byWrittenForm.get(written) ?? byWrittenForm.get(written.toLowerCase())
}

// ---------------------------------------------------------------------------
// Patterns (regular expression sources), longest alternative first so that
// `incidence rate ratio` wins over `rate ratio` and `SMD` over `MD`.

/** Escape a literal for a pattern. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** `[Rr]isk ratio`: a spelling with its first letter in either case. */
function spellingPattern(spelling: string): string {
  const first = spelling[0] as string
  return `[${first.toUpperCase()}${first}]${escape(spelling.slice(1))}`
}

const byLength = (a: string, b: string) => b.length - a.length || a.localeCompare(b)

/** Every abbreviation written, as one alternation (`SMD|IRR|…|RR|OR`). */
export const abbreviationAlternation = measures
  .flatMap((measure) => [measure.abbreviation, ...measure.abbreviations])
  .sort(byLength)
  .map(escape)
  .join('|')

/** The abbreviations `a` may stand before to mean adjusted (`OR|HR|RR`). */
export const adjustableAlternation = measures
  .filter((measure) => measure.adjustedPrefix)
  .map((measure) => measure.abbreviation)
  .sort(byLength)
  .map(escape)
  .join('|')

/** Every spelling, as one alternation (`[Ss]tandardised mean difference|…`). */
export const spellingAlternation = measures
  .flatMap((measure) => measure.spellings)
  .sort(byLength)
  .map(spellingPattern)
  .join('|')

/**
 * The first words of the spellings, for a scanner's lookahead (`[Rr]isk`,
 * `[Oo]dds`): where a spelled measure can start.
 */
export const spellingStartAlternation = [
  ...new Set(
    measures.flatMap((measure) => measure.spellings.map((s) => s.split(' ')[0] as string)),
  ),
]
  .sort(byLength)
  .map(spellingPattern)
  .join('|')

/** The recorded abbreviations of the measures of one scale. */
function abbreviationsOf(scale: MeasureScale): ReadonlySet<string> {
  return new Set(
    measures.filter((measure) => measure.scale === scale).map((measure) => measure.abbreviation),
  )
}
