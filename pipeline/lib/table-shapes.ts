/**
 * The table shapes guidex knows, recognised by what their columns hold (a
 * column's role, read from the words of its header, in any of the ways
 * evidence tables name it), and the typed rows read from them. A table of any
 * other shape stays generic, with its own header names.
 */

import type { TableShape, TypedRow } from '../types.js'

export type { TableShape } from '../types.js'

/** How a row of a table is keyed: what starts a new record. */
export type RowKey = 'study-number' | 'citation' | 'author-year' | 'any'

/**
 * What a column holds, by the words of its header. Each serves the evidence
 * tables of NICE overviews and of the reviews they draw on: `Study no.`,
 * `First author, date country`, `Study design`, `Efficacy outcomes`, and the
 * names other tables give the same columns (`Trial`, `Type of study`,
 * `Outcomes`, `Adverse events`, `Source`, `Acronym`).
 */
const columnRole = {
  /** `Study no.`, `No.`, `#`, `Study number`. */
  studyNumber: /\bstudy no\b|\bstudy number\b|^no\.?$|^#$|^number$/i,
  /** `First author, date`, `Authors`, `Study`, `Trial`, `Reference`: who and when (not `Study design`). */
  study: /\bauthors?\b|^(?:study|studies|trial|trials|reference|citation|source study)(?:\s*\(|$)/i,
  /** `Study design`, `Type of study`, `Study type`. */
  design: /\bdesign\b|\btype of study\b|\bstudy type\b/i,
  /** `Efficacy outcomes`, `Effectiveness`, `Outcomes`, `Results`, `Benefits`. */
  efficacy:
    /\befficacy\b|\beffectiveness\b|^(?:main |primary )?outcomes?\b|^results$|\bbenefits?\b/i,
  /** `Safety outcomes`, `Adverse events`, `Complications`, `Harms`. */
  safety: /\bsafety\b|\badverse events?\b|\bcomplications\b|\bharms?\b/i,
  /** `Database`, `Databases`, `Source`, `Resource` (of a literature search). */
  database: /^(?:databases?|sources?|resources?)$/i,
  /** `Date searched`, `Date of search`, `Search date`. */
  searchDate: /\bdate searched\b|\bdate of search\b|\bsearch date\b|^searched$/i,
  /** `Reason study was not included …`, `Why excluded`, `Reason for exclusion`. */
  reason: /\breasons?\b|\bwhy (?:not )?(?:included|excluded)\b|\bexclusion\b/i,
  /** `Abbreviation`, `Abbreviations used`, `Acronym`, `Term`. */
  abbreviation: /^(?:abbreviations?|acronyms?|terms?)\b/i,
  /** `Definition`, `Meaning`, `In full`, `Description`. */
  definition: /^(?:definitions?|meanings?|in full|full (?:term|name)|descriptions?)\b/i,
} as const

/**
 * Recognise a table's shape from what its columns hold:
 * - `glossary`: an abbreviation and its definition (`Abbreviation | Definition`);
 * - `study-details`: a study (by number or author) and its design
 *   (`Study no. | First author, date country | … | Study design | …`);
 * - `search-results`: a database and the date it was searched
 *   (`Database | Date searched | …`);
 * - `additional-studies`: a study and why it was left out of the main summary
 *   (`Study | … | Reason study was not included in main evidence summary`);
 * - `study-outcomes`: a study with its efficacy and its safety outcomes
 *   (`First author, date | Efficacy outcomes | Safety outcomes`).
 *
 * @param columns
 *   Header names.
 * @returns
 *   Shape.
 */
export function tableShape(columns: readonly string[]): TableShape {
  const has = (role: keyof typeof columnRole) =>
    columns.some((column) => columnRole[role].test(column.trim()))
  if (has('abbreviation') && has('definition')) return 'glossary'
  if ((has('studyNumber') || has('study')) && has('design')) return 'study-details'
  if (has('database') && has('searchDate')) return 'search-results'
  if (has('study') && has('reason')) return 'additional-studies'
  if (has('study') && has('efficacy') && has('safety')) return 'study-outcomes'
  return 'generic'
}

/**
 * What keys the rows of a table, from its header and first record.
 *
 * @param columns
 *   Header names.
 * @param firstKey
 *   First cell of the first record, markup removed.
 * @returns
 *   Row key.
 */
export function rowKey(columns: readonly string[], firstKey: string): RowKey {
  const first = (columns[0] ?? '').trim()
  if (columnRole.studyNumber.test(first) || /^\d{1,3}$/.test(firstKey)) return 'study-number'
  if (/^(?:study|studies|trial|reference|citation)$/i.test(first)) return 'citation'
  if (/author/i.test(first)) return 'author-year'
  return 'any'
}

/**
 * Authors at the start of a citation: `Asemota D, …`, `Padberg J-S, …`,
 * `Ouazani Chahdi H, …`, `O'Neill BP, …`, `Higuchi, 2024`; initials are
 * needed (`Heart, Lung and Circulation` is a journal, not an author).
 */
const authorStart =
  /^(?:[a-z]{1,3} )?\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+)?(?: \p{Lu}{1,3}(?:-\p{Lu})?(?: Jr)?(?:,| et al| and |$)|,? \(?\d{4}\)?)/u

/**
 * Whether a cell starts a citation with its authors.
 *
 * @param text
 *   Cell text, markup removed.
 * @returns
 *   Whether it does.
 */
export function startsWithAuthors(text: string): boolean {
  return authorStart.test(text)
}

/** `Møller J, 2024 Denmark, Germany, UK` → author, year, the rest. */
const authorYear = /^(.+?),? \(?(\d{4})\)?(?:\s+(.*))?$/s

/** `n=1,059` → 1059. */
const sampleSize = /\bn\s?=\s?(\d{1,3}(?:,\d{3})+|\d+)/i

/** A citation: authors, `(year)`, title, journal. */
const citation = /^(.+?)\s*\((\d{4})\)\s*(.*)$/s

/**
 * Read a typed row from the plain text of its cells.
 *
 * @param shape
 *   Table shape.
 * @param columns
 *   Header names.
 * @param cells
 *   Plain text of each cell.
 * @returns
 *   Typed fields, or `undefined` for a generic table.
 */
export function typedRow(
  shape: TableShape,
  columns: readonly string[],
  cells: readonly string[],
): TypedRow | undefined {
  const cell = (pattern: RegExp) => {
    const index = columns.findIndex((column) => pattern.test(column.trim()))
    return index === -1 ? '' : (cells[index] ?? '').trim()
  }
  const orNull = (text: string) => (text === '' ? null : text)
  switch (shape) {
    case 'study-details': {
      const author = authorYear.exec(cell(columnRole.study))
      const number = Number.parseInt(cell(columnRole.studyNumber), 10)
      const people = sampleSize.exec(
        cell(/characteristics|people|participants|patients|population/i),
      )
      return {
        studyNumber: Number.isNaN(number) ? null : number,
        firstAuthor: author ? (author[1] as string) : orNull(cell(columnRole.study)),
        year: author ? Number(author[2]) : null,
        countries: author ? orNull(author[3] ?? '') : null,
        n: people ? Number((people[1] as string).replaceAll(',', '')) : null,
        design: orNull(cell(columnRole.design)),
        inclusionCriteria: orNull(cell(/inclusion|eligibility/i)),
        intervention: orNull(cell(/intervention|treatment/i)),
        followUp: orNull(cell(/follow|duration/i)),
      }
    }
    case 'study-outcomes': {
      const study = cell(columnRole.study)
      const author = authorYear.exec(study)
      return {
        study: orNull(study),
        firstAuthor: author ? (author[1] as string) : null,
        year: author ? Number(author[2]) : null,
        efficacy: orNull(cell(columnRole.efficacy)),
        safety: orNull(cell(columnRole.safety)),
      }
    }
    case 'search-results': {
      const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell(/date/i))
      const results = cell(/results|number|records|hits/i).replaceAll(',', '')
      return {
        database: orNull(cell(columnRole.database)),
        date: date
          ? `${date[3]}-${(date[2] as string).padStart(2, '0')}-${(date[1] as string).padStart(2, '0')}`
          : orNull(cell(/date/i)),
        platform: orNull(cell(/platform|interface|host/i)),
        version: orNull(cell(/segment|version|coverage/i)),
        results: /^\d+$/.test(results) ? Number(results) : null,
      }
    }
    case 'additional-studies': {
      const study = citation.exec(cell(columnRole.study))
      const rest = study ? (study[3] as string) : ''
      const titleEnd = rest.search(/[.?!] (?=\p{Lu}|\d)/u)
      return {
        authors: study ? (study[1] as string) : orNull(cell(columnRole.study)),
        year: study ? Number(study[2]) : null,
        title: study ? orNull(titleEnd === -1 ? rest : rest.slice(0, titleEnd + 1)) : null,
        journal: study && titleEnd !== -1 ? orNull(rest.slice(titleEnd + 2)) : null,
        peopleAndFollowUp: orNull(cell(/number of people|participants|follow/i)),
        conclusion: orNull(cell(/conclusion|findings/i)),
        adverseEvent: orNull(cell(columnRole.safety)),
        reasonNotIncluded: orNull(cell(columnRole.reason)),
      }
    }
    case 'glossary':
      return { abbreviation: orNull(cells[0] ?? ''), definition: orNull(cells[1] ?? '') }
    default:
      return undefined
  }
}
