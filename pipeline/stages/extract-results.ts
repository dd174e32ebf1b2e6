/**
 * Stage `extractResults`: every numeric result in prose and table cells,
 * typed (estimate, CI, p, I², n/N, percent, sample size, mean or median with
 * range or IQR), in context (study, group, outcome, timepoint) and traceable
 * to the raw characters it was read from.
 *
 * The grammar is in `lib/result-grammar.ts`; this stage walks the texts,
 * attaches tokens into results, and finds their context.
 */

import type { VFile } from 'vfile'
import type { CellBlock } from '../lib/cell-markup.js'
import type { LineIndex } from '../lib/line-index.js'
import { type MappedText, rawRange } from '../lib/mapped-text.js'
import { parseNumber, scanTokens, type Token } from '../lib/result-grammar.js'
import {
  abbreviationAlternation,
  adjustableAlternation,
  type MeasureAbbreviation,
  normaliseMeasure,
  spellingAlternation,
} from '../vocabulary/measures.js'
import { monthAlternation } from '../vocabulary/months.js'
import type { GuidanceRoot, Result, ResultContext } from '../types.js'
import type { ExtractedTable } from './extract-tables.js'

declare module 'vfile' {
  interface DataMap {
    /** Every numeric result of prose and table cells, in document order. */
    results: Result[]
  }
}

/** A text to scan, with what is known of its context. */
interface Unit {
  text: MappedText
  /** Start index in `text` of each block (table cells) with its text. */
  blocks: { start: number; end: number; type: CellBlock['type'] | 'paragraph'; value: string }[]
  study: string | null
  outcome: string | null
  location: ResultContext['location']
}

/** A result as it is being built, with its span in the unit's text. */
interface Building {
  result: Result
  start: number
  end: number
}

/**
 * Distances, in characters of a text, within which the parts of one result
 * belong together, and the windows read around a result for its context.
 * They follow the result language of evidence summaries: a CI follows its
 * estimate within a clause (`HR of 0.74 in the pooled analysis [95% CI …`), a
 * bare interval at once (`51.4% (46.7 to 56.3)`).
 */
const distance = {
  /** A labelled CI after its estimate: `HR=0.74 for the intention-to-treat population, 95% CI …`. */
  labelledInterval: 90,
  /** A bare interval after its estimate: `51.4% (46.7 to 56.3)`. */
  bareInterval: 12,
  /** A bare number before the CI that makes it an estimate: `0.81 (95% CI …`. */
  numberBeforeInterval: 4,
  /** A p-value after its estimate and CI: `(HR 0.74, 95% CI 0.55 to 0.99, p=0.04)`. */
  pValue: 60,
  /** An I² after its estimate and CI: `(95% CI 43 to 47; I²=89.8%)`. */
  heterogeneity: 60,
  /** The studies pooled after an I²: `I²=88%, 11 studies`. */
  studiesAfterHeterogeneity: 30,
  /** The studies pooled after a CI: `(95% CI 16 to 34, 11 studies`. */
  studiesAfterInterval: 20,
  /** A range, IQR or SD after its summary: `69 years (IQR 58 to 77)`. */
  spread: 12,
  /** Words before `ranged from` read for its subject: `The mean or median age ranged from`. */
  subjectLookback: 60,
  /** Text before a summary read for `mean` or `median`. */
  statisticLookback: 60,
  /** Text before a result read for its label: `Microaxial flow pump group=`. */
  labelLookback: 200,
  /** Text after a result read for its group: `in people who had Impella support`. */
  groupLookahead: 90,
  /** Text before a result read for its group: `lower in those who had X (`. */
  groupLookback: 90,
  /** Text of the sentence around a result read for its timepoint and measure. */
  sentenceWindow: 300,
  /** Text of the sentence around a result read for a study described by its size. */
  studyDescriptionWindow: 400,
} as const

/** `Møller (2024)`, `(Møller 2024)`, `Møller et al. (2024)`, `Møller J, 2024`. */
const citation =
  /\b(\p{Lu}[\p{L}'’-]+(?: [A-Z]{1,2}(?:-[A-Z])?)?)(?: et al\.?)?,? \(?((?:19|20)\d{2})\b\)?/gu

/** Capitalised words before a year that are not an author (`November 2018`, `Table 2024`). */
const notAnAuthor = new RegExp(
  `^(?:${monthAlternation}|Table|Figure|Issue|Appendix|Version|Since|In|From|Between|Until|Before|After|During|Of|And)$`,
)

/** A timepoint: `30-day`, `6-month`, `at 180 days`, `in-hospital`, `1 year`. */
const timepoint =
  /\b(?:\d+[- ](?:day|week|month|year)s?(?:-old)?|in-hospital|inpatient|at discharge|(?:at|after|within) \d+ (?:days|weeks|months|years))\b/i

/**
 * Attach the results stage.
 *
 * @returns
 *   Transformer.
 */
export function extractResults() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const lineIndex = file.data.lineIndex as LineIndex
    const results: Result[] = []
    const descriptors = studyDescriptors(file.data.tables ?? [])
    for (const unit of [...proseUnits(tree), ...tableUnits(file.data.tables ?? [])]) {
      for (const building of readUnit(unit, descriptors)) {
        const { start, end } = rawRange(unit.text, building.start, building.end)
        building.result.source = lineIndex.source(start, end)
        results.push(building.result)
      }
    }
    results.sort(
      (a, b) => a.source.offset - b.source.offset || a.source.text.length - b.source.text.length,
    )
    file.data.results = results
  }
}

/**
 * Prose: every paragraph and item, with the heading it stands under as its
 * outcome.
 */
function proseUnits(tree: GuidanceRoot): Unit[] {
  const units: Unit[] = []
  let heading: string | null = null
  for (const block of tree.children) {
    if (block.type !== 'textBlock' || !block.plain) continue
    if (block.role === 'heading' || block.role === 'numbered-heading') {
      heading = block.plain.value
      continue
    }
    if (block.role !== 'paragraph' && block.role !== 'item' && block.role !== 'numbered-paragraph')
      continue
    if (!/\d/.test(block.plain.value)) continue
    units.push({
      text: block.plain,
      blocks: [
        { start: 0, end: block.plain.value.length, type: 'paragraph', value: block.plain.value },
      ],
      study: null,
      outcome: heading,
      location: { type: 'prose', table: null, row: null, column: null },
    })
  }
  return units
}

/**
 * Table cells: each cell with its row's study and its blocks (the heading
 * block before a list names the outcome).
 */
function tableUnits(tables: readonly ExtractedTable[]): Unit[] {
  const units: Unit[] = []
  for (const table of tables) {
    if (table.shape === 'glossary' || table.shape === 'search-results') continue
    for (const [rowIndex, row] of table.rows.entries()) {
      const study = rowStudy(table, rowIndex)
      for (const [cellIndex, cell] of row.cells.entries()) {
        if (!/\d/.test(cell.text.value)) continue
        let at = 0
        const blocks = cell.blocks.map((block) => {
          const start = at
          at += block.text.value.length + 1
          return {
            start,
            end: start + block.text.value.length,
            type: block.type,
            value: block.text.value,
          }
        })
        units.push({
          text: cell.text,
          blocks,
          study,
          outcome: null,
          location: {
            type: 'table',
            table: table.id,
            row: rowIndex + 1,
            column: table.columns[cellIndex] ?? null,
          },
        })
      }
    }
  }
  return units
}

/** The study a table row is about: `Møller J, 2024`, or authors and year. */
function rowStudy(table: ExtractedTable, rowIndex: number): string | null {
  const row = table.rows[rowIndex]
  const typed = row?.typed
  if (typed && 'firstAuthor' in typed && typeof typed.firstAuthor === 'string') {
    return typed.year ? `${typed.firstAuthor}, ${typed.year}` : typed.firstAuthor
  }
  if (typed && 'authors' in typed && typeof typed.authors === 'string') {
    return typed.year ? `${typed.authors} (${typed.year})` : typed.authors
  }
  return null
}

/**
 * Read the results of one text: tokens, then a linear pass that attaches
 * intervals, p-values, I² and study counts to the estimate before them.
 */
function readUnit(unit: Unit, descriptors: StudyDescriptors): Building[] {
  const text = unit.text.value
  const tokens = scanTokens(text)
  const built: Building[] = []
  let current: Building | undefined
  let candidate: Token | undefined
  let labelledCi: { level: number; block: number } | undefined

  const emit = (building: Building) => {
    built.push(building)
    current = building
    candidate = undefined
  }
  // A bare number kept as a candidate, now known to be an estimate or a summary.
  const emitCandidate = (number: Token, kind: 'estimate' | 'summary') => {
    const written = text.slice(number.start, number.end)
    emit({
      result: base(unit, kind, { value: parseNumber(written), written }),
      start: number.start,
      end: number.end,
    })
  }
  const near = (building: Building | undefined, token: Token, distance: number) =>
    building !== undefined &&
    token.start - building.end <= distance &&
    !/[.;]\s\p{Lu}/u.test(text.slice(building.end, token.start))

  for (const token of tokens) {
    const g = token.groups
    switch (token.kind) {
      case 'effect': {
        const written = g.effectValue as string
        emit({
          result: base(unit, 'effect', {
            measure: normaliseMeasure(g.measure as string) ?? null,
            adjusted: g.adjusted !== undefined,
            value: parseNumber(written),
            written,
          }),
          start: token.start,
          end: token.end,
        })
        break
      }
      case 'proportion': {
        const percentWritten = (g.propPercent ?? g.propPercent2 ?? g.countPercent) as string
        const numerator = (g.propNumerator ?? g.propNumerator2 ?? g.countNumerator) as string
        const denominator = g.propDenominator ?? g.propDenominator2 ?? g.countDenominator
        emit({
          result: base(unit, 'proportion', {
            value: parseNumber(percentWritten),
            written: percentWritten,
            unit: '%',
            percent: parseNumber(percentWritten),
            numerator: parseNumber(numerator),
            denominator: denominator === undefined ? null : parseNumber(denominator),
          }),
          start: token.start,
          end: token.end,
        })
        break
      }
      case 'percent': {
        const written = g.percent as string
        emit({
          result: base(unit, 'percentage', {
            value: parseNumber(written),
            written,
            unit: '%',
            percent: parseNumber(written),
          }),
          start: token.start,
          end: token.end,
        })
        break
      }
      case 'number':
        // A bare number is a result only when an interval follows it.
        if (isEstimateCandidate(text, token)) candidate = token
        break
      case 'ci':
      case 'interval': {
        const labelled = token.kind === 'ci'
        const block = blockIndexAt(unit, token.start)
        let level: number | null = labelled && g.ciLevel ? Number(g.ciLevel) : null
        if (labelled) {
          if (g.ciLevel) labelledCi = { level: Number(g.ciLevel), block }
        } else {
          // A bare interval is a CI where its heading says so (`survival
          // estimates (95% CI)`), or beside a labelled CI in the same block
          // (`72.7% (95% CI 64.2 to 80.7) versus 51.4% (46.7 to 56.3)`); a
          // range where its heading says `(range)`.
          const heading = headingOf(unit, block, token.start)
          const headingCi = heading
            ? /(?:(\d{2})\s?%\s?)?\b(?:CI|confidence interval)\b/i.exec(heading)
            : null
          if (headingCi) level = headingCi[1] ? Number(headingCi[1]) : null
          else if (heading && /\brange\b|\bIQR\b/i.test(heading)) level = null
          else if (labelledCi && labelledCi.block === block) level = labelledCi.level
          if (!headingCi && level === null) {
            const kind =
              heading && /\bIQR\b/i.test(heading)
                ? 'IQR'
                : heading && /\brange\b/i.test(heading)
                  ? 'range'
                  : 'range-or-interval'
            attachSpread(current, token, text, kind)
            break
          }
        }
        const lower = (g.ciLower ?? g.ciLowerBare ?? g.bareLower) as string
        const upper = (g.ciUpper ?? g.ciUpperBare ?? g.bareUpper) as string
        const interval = {
          level,
          lower: parseNumber(lower),
          upper: parseNumber(upper),
          lowerWritten: lower,
          upperWritten: upper,
          labelled,
        }
        if (
          candidate &&
          token.start - candidate.end <= distance.numberBeforeInterval &&
          (!current || candidate.start > current.end)
        ) {
          emitCandidate(candidate, 'estimate')
        }
        if (
          current &&
          !current.result.ci &&
          near(current, token, labelled ? distance.labelledInterval : distance.bareInterval)
        ) {
          current.result.ci = interval
          if (current.result.kind === 'percentage') current.result.kind = 'estimate'
          if (!current.result.context.group)
            current.result.context.group = groupBetween(text, current.end, token.start)
          current.end = token.end
        } else if (labelled) {
          emit({
            result: base(unit, 'estimate', { ci: interval }),
            start: token.start,
            end: token.end,
          })
        }
        break
      }
      case 'spread':
        // `Median age=69 years (IQR 58 to 77)`: a number and its unit before the spread.
        if (
          candidate &&
          (!current || candidate.start > current.end) &&
          /^\s?[\p{L}/ ]{0,20}$/u.test(text.slice(candidate.end, token.start))
        ) {
          emitCandidate(candidate, 'summary')
        }
        attachSpread(
          current,
          token,
          text,
          (g.spreadKind as string).toUpperCase() === 'SD'
            ? 'SD'
            : (g.spreadKind as string).toLowerCase().startsWith('i')
              ? 'IQR'
              : 'range',
        )
        break
      case 'p': {
        const p = g.pNotReported
          ? {
              relation: 'not-reported' as const,
              value: null,
              written: text.slice(token.start, token.end),
            }
          : {
              relation: normaliseRelation(g.pRelation as string),
              value: Number(g.pValue),
              written: text.slice(token.start, token.end),
            }
        if (
          current &&
          !current.result.p &&
          // A p after a proportion in a list compares the groups: it stands alone.
          current.result.kind !== 'percentage' &&
          current.result.kind !== 'proportion' &&
          near(current, token, distance.pValue)
        ) {
          current.result.p = p
          current.end = Math.max(current.end, token.end)
        } else {
          built.push({ result: base(unit, 'p-value', { p }), start: token.start, end: token.end })
        }
        break
      }
      case 'i2': {
        const heterogeneity = {
          iSquared: parseNumber(g.i2 as string),
          written: text.slice(token.start, token.end),
          studies: null as number | null,
        }
        if (
          current &&
          !current.result.heterogeneity &&
          current.result.ci &&
          near(current, token, distance.heterogeneity)
        ) {
          // `(95% CI 16 to 34, 11 studies, I²=88%)`: the studies pooled for both.
          heterogeneity.studies = current.result.studies
          current.result.heterogeneity = heterogeneity
          current.end = Math.max(current.end, token.end)
        } else {
          const building = {
            result: base(unit, 'heterogeneity', { heterogeneity }),
            start: token.start,
            end: token.end,
          }
          built.push(building)
        }
        break
      }
      case 'studies': {
        // `(95% CI 43 to 47; I²=89.8%, 18 studies)`: the studies pooled.
        const target = built[built.length - 1]
        // Only inside the same bracket: `of 102 studies (Ardito 2023)` is not pooled.
        if (target && /[)\]]/.test(text.slice(target.end, token.start))) break
        if (
          target?.result.heterogeneity &&
          token.start - target.end <= distance.studiesAfterHeterogeneity &&
          target.result.heterogeneity.studies === null
        ) {
          target.result.heterogeneity.studies = Number(g.studies)
          target.end = Math.max(target.end, token.end)
        } else if (
          target?.result.ci &&
          token.start - target.end <= distance.studiesAfterInterval &&
          target.result.studies === null
        ) {
          target.result.studies = Number(g.studies)
          target.end = Math.max(target.end, token.end)
        }
        break
      }
      case 'rangeFrom': {
        // `The mean or median age ranged from 55 to 80.6 years`: a range with its subject.
        // Up to four words before the verb: `mean or median age`.
        const subject =
          /(?:[A-Za-z-]+ ){0,4}$/
            .exec(text.slice(Math.max(0, token.start - distance.subjectLookback), token.start))?.[0]
            .trim() ?? ''
        const building: Building = {
          result: base(unit, 'summary', {
            unit: g.rangeUnit === '%' ? '%' : null,
            statistic:
              /\bmedian\b/i.test(subject) && !/\bmean\b/i.test(subject)
                ? 'median'
                : /\bmean\b/i.test(subject) && !/\bmedian\b/i.test(subject)
                  ? 'mean'
                  : null,
            spread: {
              kind: 'range',
              lower: parseNumber(g.rangeLower as string),
              upper: parseNumber(g.rangeUpper as string),
            },
          }),
          start: token.start,
          end: token.end,
        }
        building.result.context.outcome = subject || null
        built.push(building)
        break
      }
      case 'n': {
        const written = g.n as string
        built.push({
          result: base(unit, 'sample-size', { value: parseNumber(written), written }),
          start: token.start,
          end: token.end,
        })
        break
      }
    }
  }

  for (const building of built) {
    const subject =
      building.result.spread?.kind === 'range' && building.result.value === null
        ? building.result.context.outcome
        : undefined
    fillContext(unit, building, descriptors)
    // A range keeps its own subject (`mean or median age`) as its outcome.
    if (subject) building.result.context.outcome = subject
  }
  return built
}

/** Index of the block of a unit that holds a text index. */
function blockIndexAt(unit: Unit, index: number): number {
  return lastAtOrBefore(unit.blocks, index, (block) => block.start)
}

/**
 * The heading block a result stands under in a table cell: its own block
 * where the result stands inside a heading (`Male sex (p<0.001)`), else the
 * nearest heading above it in the cell, the list items and lines of data
 * between passed over; prose between ends the search. In `<p>Moderate or
 * severe bleeding</p> • Pump group=21.8% (39/179) • Standard care
 * group=11.9% (21/176) <p>RR 2.06, 95% CI 1.15 to 3.66, p value not
 * reported</p>`, both items and the RR stand under `Moderate or severe
 * bleeding`.
 *
 * @param unit
 *   The cell.
 * @param index
 *   Index of the result's block.
 * @param at
 *   Where the result starts in the cell's text.
 */
function headingOf(unit: Unit, index: number, at: number): string | null {
  if (unit.location.type !== 'table') return null
  const own = unit.blocks[index]
  if (
    own?.type === 'paragraph' &&
    /\p{L}/u.test(unit.text.value.slice(own.start, at)) &&
    cellBlockKind(own.value) === 'heading'
  ) {
    return own.value
  }
  for (let cursor = index - 1; cursor >= 0; cursor--) {
    const block = unit.blocks[cursor] as Unit['blocks'][number]
    if (block.type === 'item') continue
    // A paragraph the next goes on from in lower case is the start of a
    // sentence a page cut (`… the same for microaxial flow pump and VA-ECMO` +
    // `groups (10%), …`), not a heading.
    const continued = /^\p{Ll}\p{L}/u.test(unit.blocks[cursor + 1]?.value ?? '')
    const kind = continued ? 'prose' : cellBlockKind(block.value)
    if (kind === 'heading') return block.value
    if (kind === 'prose') return null
  }
  return null
}

/**
 * What a paragraph of a cell is: prose (a sentence, whole or begun: `The
 * number needed to treat to avoid 1 death was 8.`, `… (HR 0.76, 95% CI 0.59 to
 * 0.97). However, complications were more frequent`, or long), data (`label=
 * value` lines, result lines such as `RR 2.06, 95% CI …` or `p value not
 * reported`), or a heading (short, neither).
 */
function cellBlockKind(text: string): 'heading' | 'data' | 'prose' {
  if (
    text.length >= cellHeadingMaximumLength ||
    /[.!?]["'’”)\]]*$/.test(text) ||
    /[.!?]["'’”)\]]* \p{Lu}/u.test(text)
  )
    return 'prose'
  // `Return to theatre (p=0.41)` is a heading with its p; `Pump group=21.8%` data.
  if (text.replace(/\bp\s?=/g, '').includes('=')) return 'data'
  const first = scanTokens(text.slice(0, 80))[0]
  return first?.start === 0 && resultLineStart.has(first.kind) ? 'data' : 'heading'
}

/** A paragraph of a cell this long or longer is prose, not a heading. */
const cellHeadingMaximumLength = 160

/** Tokens that open a line of results, not a heading (`6-month mortality` opens with a number). */
const resultLineStart = new Set<Token['kind']>(['effect', 'ci', 'p', 'i2', 'proportion', 'percent'])

/** Attach a range, IQR or SD to the summary before it. */
function attachSpread(
  current: Building | undefined,
  token: Token,
  text: string,
  kind: 'range' | 'IQR' | 'SD' | 'range-or-interval',
): void {
  if (
    !current ||
    current.result.spread ||
    current.result.ci ||
    token.start - current.end > distance.spread
  )
    return
  const g = token.groups
  const lower = (g.spreadLower ?? g.bareLower) as string
  const upper = (g.spreadUpper ?? g.bareUpper) as string
  current.result.spread = { kind, lower: parseNumber(lower), upper: parseNumber(upper) }
  if (current.result.kind === 'percentage' || current.result.kind === 'estimate')
    current.result.kind = 'summary'
  const label = text.slice(Math.max(0, current.start - distance.statisticLookback), current.start)
  const statistic = /\b(mean|median)\b[^.;]*$/i.exec(label)
  current.result.statistic = statistic
    ? ((statistic[1] as string).toLowerCase() as 'mean' | 'median')
    : null
  current.end = token.end
}

/** Whether a bare number can be an estimate (not a year, not `30-day`). */
function isEstimateCandidate(text: string, token: Token): boolean {
  const after = text.slice(token.end, token.end + 2)
  if (/^-[a-z]/i.test(after)) return false
  const before = text.slice(Math.max(0, token.start - 1), token.start)
  if (before === '(' && /^(?:19|20)\d{2}$/.test(text.slice(token.start, token.end))) return false
  return true
}

/** The words between an estimate and its CI that name a group: `for microaxial flow pumps`. */
function groupBetween(text: string, end: number, start: number): string | null {
  const between = text.slice(end, start)
  const match =
    /^\s*(?:of (?:people|those|patients) )?(?:who had |for |in )(?:the |people (?:who had |with )?)?([^,;()[\]]{3,80}?)\s*[([,]?\s*$/.exec(
      between,
    )
  return match ? withoutArticle((match[1] as string).trim()) : null
}

/** `a microaxial flow pump` → `microaxial flow pump`. */
function withoutArticle(text: string): string {
  return text.replace(/^(?:a|an|the) /i, '')
}

/** Make a result with every field present. */
function base(unit: Unit, kind: Result['kind'], fields: Partial<Result>): Result {
  return {
    kind,
    measure: null,
    adjusted: false,
    value: null,
    written: null,
    unit: null,
    ci: null,
    p: null,
    heterogeneity: null,
    percent: null,
    numerator: null,
    denominator: null,
    statistic: null,
    spread: null,
    studies: null,
    ...fields,
    context: {
      study: unit.study,
      group: null,
      outcome: unit.outcome,
      timepoint: null,
      location: unit.location,
    },
    source: { line: 1, column: 1, offset: 0, text: '' },
  }
}

/** `<=` → `≤`. */
function normaliseRelation(relation: string): '=' | '<' | '>' | '≤' | '≥' {
  if (relation === '<=') return '≤'
  if (relation === '>=') return '≥'
  return relation as '=' | '<' | '>' | '≤' | '≥'
}

/**
 * Context: the group (label before `=`, or the words after the estimate),
 * the outcome (the heading block of a table cell), the study (a citation in
 * the sentence), the timepoint.
 */
function fillContext(unit: Unit, building: Building, descriptors: StudyDescriptors): void {
  const text = unit.text.value
  const context = building.result.context
  const block = unit.blocks[blockIndexAt(unit, building.start)]
  const blockStart = block?.start ?? 0

  // `Microaxial flow pump group=15.6% (28/179)`: the label before `=`.
  const before = text.slice(
    Math.max(blockStart, building.start - distance.labelLookback),
    building.start,
  )
  // The label may stand before the result itself, or before the value the
  // result qualifies (`Microaxial flow pump group=40.8% (OR 1.32, …`).
  const label = labelBefore(before)
  const labelText = label ? (label[1] as string).trim() : ''
  const measure = building.result.measure?.toLowerCase()
  if (/^(?:mean|median)$/i.test(labelText)) {
    building.result.statistic = labelText.toLowerCase() as 'mean' | 'median'
  } else if (/\b(?:mortality|survival|incidence|rate|events?)\b/i.test(labelText)) {
    // `30-day survival: 66% (…)`: the label names the outcome, not a group.
    if (unit.location.type === 'table' || !context.outcome) context.outcome = labelText
  } else if (
    !context.group &&
    labelText &&
    /\p{L}/u.test(labelText) &&
    !measureLabel.test(labelText) &&
    !(measure && labelText.toLowerCase().includes(measure))
  ) {
    context.group = labelText
  }
  if (!context.group) {
    const after = text.slice(building.end, building.end + distance.groupLookahead)
    const those =
      /^[)\]]?,?\s?(those (?:with|without) [\p{L}-]+(?: [\p{L}-]+){0,3}?)(?=[.,;)]|$)/u.exec(after)
    const phrase = groupNamed.exec(after) ?? peopleWhoHad.exec(after) ?? treatmentHad.exec(after)
    const forWhom = groupFor.exec(after)
    if (those) context.group = (those[1] as string).trim()
    else if (phrase) context.group = withoutArticle((phrase[1] as string).trim())
    else if (forWhom) context.group = (forWhom[1] as string).trim()
  }
  if (!context.group) {
    // `41% in people who had Impella support (OR 1.32, …)`, `lower in those who
    // had X (46% [82 out of 179])`: the group before the bracket; `mortality
    // for the X group was 47%`: the group before the verb.
    const lead = text.slice(Math.max(0, building.start - distance.groupLookback), building.start)
    const bracket =
      /(?:in|for) ((?:people|those|patients) (?:who had|with) [^(),;]{3,60}?)\s?[([]\s?$/.exec(lead)
    const subject =
      /(?:in|for) (?:the )?([^(),;]{3,60}? (?:group|arm|cohort)) (?:was|were|of) $/.exec(lead)
    if (bracket) context.group = (bracket[1] as string).trim()
    else if (subject) context.group = (subject[1] as string).trim()
  }
  if (!building.result.measure && building.result.ci && building.result.unit !== '%') {
    // `HRs for 6-month mortality … Age 70 years or above=0.81 (95% CI …)`:
    // a ratio named by its heading or earlier in its sentence.
    const { start: sentenceStart } = sentenceBounds(unit, building.start)
    const named = inferMeasure(
      `${headingOf(unit, blockIndexAt(unit, building.start), building.start) ?? ''} ${text.slice(Math.max(sentenceStart, building.start - distance.sentenceWindow), building.start)}`,
    )
    if (named) {
      building.result.measure = named
      building.result.kind = 'effect'
    }
  }

  if (unit.location.type === 'table') {
    // The outcome is the nearest heading-like block before the result's block.
    const heading = headingOf(unit, blockIndexAt(unit, building.start), building.start)
    if (heading) context.outcome = heading.replace(/:$/, '')
  } else {
    context.study = sentenceStudy(unit, building.start, building.end, descriptors)
  }
  const bounds = sentenceBounds(unit, building.start)
  const sentence = text.slice(
    Math.max(bounds.start, building.start - distance.sentenceWindow),
    Math.min(bounds.end, building.end + distance.sentenceWindow),
  )
  const time = timepoint.exec(context.outcome ?? '') ?? timepoint.exec(sentence)
  context.timepoint = time ? time[0] : null
}

/**
 * Where the words naming a group after a result end: a mark, a bracket, the
 * next figure (`for VA-ECMO and 75% for IABP`), a comparison or a place.
 */
const groupEnd = String.raw`(?=\s?(?:[,;.:()[\]]|$)|\s(?:and|or)\s[\d$(]|\s(?:versus|vs|compared)\b|\sin\s(?:the|a|an)\s)`

/** `in the robotic surgery group`, `for the control arm`: a phrase that ends in a group noun (not `in both groups`). */
const groupNamed =
  /^[)\]]?,?\s?(?:of (?:people|those|patients) )?(?:who had |in (?:the )?|for (?:the )?)(?!(?:both|all|each|either|the two) (?:groups?|arms?)\b)((?:[\p{L}-]+ ){0,7}(?:groups?|arms?|cohorts?))\b/u

/** `in people who had Impella support (OR …`, `in those who had surgery.`: the people, named by what they had. */
const peopleWhoHad = new RegExp(
  String.raw`^[)\]]?,?\s?(?:in|for|among) ((?:people|those|patients) who had [^,;.()[\]]{1,60}?)${groupEnd}`,
  'u',
)

/** `of people who had standard care (OR …`, `of people who had a knee brace and 4% of …`: what they had. */
const treatmentHad = new RegExp(
  String.raw`^[)\]]?,?\s?of (?:people|those|patients) who had ([^,;.()[\]]{1,60}?)${groupEnd}`,
  'u',
)

/** `for VA-ECMO and 53% for IABP`, `for placebo)`: a group of up to four words after `for`. */
const groupFor = new RegExp(
  String.raw`^[)\]]?,?\s?for ([\p{L}-]+(?: [\p{L}-]+){0,3}?)${groupEnd}`,
  'u',
)

/**
 * A label and its `=` or `:` at the end of a text. The mark is the text's
 * last `=` or `:` (neither can stand in the label or after the mark), and the
 * label starts at most 83 characters before it: the scan starts there, not
 * at every character of the text (`^` still means the text's start).
 */
const labelPattern =
  /(?:^|[;:•)\]]\s?|\.\s)([^;:=•.()[\]]{2,80}?)\s?[=:]\s?(?:[-−]?\d[\d.,]*\s?%?\s?[([]\s?)?$/g

/** The label before a result, if any (see `labelPattern`). */
function labelBefore(before: string): RegExpExecArray | null {
  const mark = Math.max(before.lastIndexOf('='), before.lastIndexOf(':'))
  if (mark === -1) return null
  labelPattern.lastIndex = Math.max(0, mark - 83)
  return labelPattern.exec(before)
}

/** The last ratio or difference a text names: `HRs for …` → `HR`. */
function inferMeasure(text: string): MeasureAbbreviation | null {
  let found: MeasureAbbreviation | null = null
  for (const match of text.matchAll(namedMeasure))
    found = normaliseMeasure(match[1] as string) ?? null
  return found
}

/**
 * A measure named in a heading or sentence (`HRs for 6-month mortality`,
 * `odds ratios`); abbreviations in capitals only: `or above` is not an odds ratio.
 */
const namedMeasure = new RegExp(
  String.raw`\b(${abbreviationAlternation}|${spellingAlternation})s?\b`,
  'g',
)

/** A label that names a measure, not a group: `HR`, `adjusted ORs`, `aHR`, `p`. */
const measureLabel = new RegExp(
  String.raw`^(?:adjusted\s)?(?:a?(?:${adjustableAlternation})s?|(?:${abbreviationAlternation})s?|p)\b`,
  'i',
)

/**
 * Sentence starts and citations of a unit's text, each found once (not once
 * per result), and only when asked for: table cells never need citations.
 */
interface UnitIndex {
  /** Index where each sentence starts, ascending. */
  sentences?: number[]
  /** Every citation (`Møller 2024`) with its index, ascending. */
  citations?: { index: number; study: string }[]
}

const unitIndexes = new WeakMap<Unit, UnitIndex>()

/** The found-once facts of a unit. */
function indexOfUnit(unit: Unit): UnitIndex {
  let index = unitIndexes.get(unit)
  if (!index) {
    index = {}
    unitIndexes.set(unit, index)
  }
  return index
}

/** The sentence starts of a unit. */
function sentencesOf(unit: Unit): number[] {
  const index = indexOfUnit(unit)
  if (!index.sentences) {
    const sentences = [0]
    for (const match of unit.text.value.matchAll(/\. /g)) sentences.push(match.index + 1)
    index.sentences = sentences
  }
  return index.sentences
}

/** The citations of a unit. */
function citationsOf(unit: Unit): { index: number; study: string }[] {
  const index = indexOfUnit(unit)
  if (!index.citations) {
    const citations: { index: number; study: string }[] = []
    for (const match of unit.text.value.matchAll(citation)) {
      const name = match[1] as string
      if (!notAnAuthor.test(name))
        citations.push({ index: match.index, study: `${name} ${match[2]}` })
    }
    index.citations = citations
  }
  return index.citations
}

/** The last item of a sorted list at or before a value (binary search). */
function lastAtOrBefore<T>(list: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0
  let high = list.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (key(list[middle] as T) <= value) {
      found = middle
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return found
}

/** Start and end of the sentence around an index. */
function sentenceBounds(unit: Unit, index: number): { start: number; end: number } {
  const sentences = sentencesOf(unit)
  const at = lastAtOrBefore(sentences, index, (start) => start)
  return { start: sentences[at] ?? 0, end: (sentences[at + 1] ?? unit.text.value.length + 1) - 1 }
}

/**
 * The study a result in prose belongs to: a citation in its sentence (the
 * last one before it, else the first after it), a study the sentence
 * describes by its size, else the last citation before it in the paragraph.
 */
function sentenceStudy(
  unit: Unit,
  start: number,
  end: number,
  descriptors: StudyDescriptors,
): string | null {
  const citations = citationsOf(unit)
  const bounds = sentenceBounds(unit, start)
  const beforeIndex = lastAtOrBefore(citations, start - 1, (entry) => entry.index)
  const before = citations[beforeIndex]
  if (before && before.index >= bounds.start) return before.study
  const after = citations[beforeIndex + 1]
  if (after && after.index >= end && after.index < bounds.end) return after.study
  const text = unit.text.value
  return (
    describedStudy(
      text.slice(
        Math.max(bounds.start, start - distance.studyDescriptionWindow),
        Math.min(bounds.end, end + distance.studyDescriptionWindow),
      ),
      descriptors,
    ) ??
    before?.study ??
    null
  )
}

/** Studies by the numbers that describe them: `355 people`, `33 studies`. */
type StudyDescriptors = Map<string, Set<string>>

/**
 * Index the key studies (the study-details table) by the sizes that
 * describe them in prose: `the randomised controlled trial of 355 people`,
 * `the systematic review of 33 studies` name a study without citing it.
 */
function studyDescriptors(tables: readonly ExtractedTable[]): StudyDescriptors {
  const index: StudyDescriptors = new Map()
  for (const table of tables) {
    if (table.shape !== 'study-details') continue
    for (const row of table.rows) {
      const typed = row.typed && 'design' in row.typed ? row.typed : undefined
      const author = typeof typed?.firstAuthor === 'string' ? typed.firstAuthor : null
      if (!author) continue
      const study = `${author.replace(/ [A-Z]{1,2}(?:-[A-Z])?$/, '')} ${typed?.year ?? ''}`.trim()
      const text = row.cells.map((cell) => cell.text.value).join(' ')
      const keys = [
        ...[...text.matchAll(/\bn=(\d{1,3}(?:,\d{3})*|\d+)/g)].map(
          (match) => `${parseNumber(match[1] as string)} people`,
        ),
        ...[
          ...text.matchAll(
            /\b(\d+) (?:[a-z-]+ )?(?:studies|randomised controlled trials|trials|papers)\b/g,
          ),
        ].map((match) => `${match[1]} studies`),
      ]
      for (const key of keys) {
        const studies = index.get(key) ?? new Set<string>()
        studies.add(study)
        index.set(key, studies)
      }
    }
  }
  return index
}

/** The one study a sentence describes by its size, if exactly one fits. */
function describedStudy(sentence: string, descriptors: StudyDescriptors): string | null {
  const match =
    /\b(?:trial|review|meta-analysis|study|registry)(?: [a-z-]+){0,3} of (\d{1,3}(?:,\d{3})*|\d+) (?:[a-z-]+ ){0,2}(people|patients|participants|studies|randomised controlled trials|trials|papers)\b/.exec(
      sentence,
    )
  if (!match) return null
  const unit = /people|patients|participants/.test(match[2] as string) ? 'people' : 'studies'
  const studies = descriptors.get(`${parseNumber(match[1] as string)} ${unit}`)
  return studies && studies.size === 1 ? ([...studies][0] as string) : null
}
