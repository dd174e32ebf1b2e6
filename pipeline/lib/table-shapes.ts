/**
 * The table shapes guidex knows, recognised by their header names, and the
 * typed rows read from them. A table of any other shape stays generic, with
 * its own header names.
 */

/** The shapes of table guidex types. */
export type TableShape =
  | 'study-details'
  | 'study-outcomes'
  | 'search-results'
  | 'additional-studies'
  | 'glossary'
  | 'generic'

/** How a row of a table is keyed: what starts a new record. */
export type RowKey = 'study-number' | 'citation' | 'author-year' | 'any'

/**
 * Recognise a table's shape from its header names.
 *
 * @param columns
 *   Header names.
 * @returns
 *   Shape.
 */
export function tableShape(columns: readonly string[]): TableShape {
  const has = (pattern: RegExp) => columns.some((column) => pattern.test(column))
  if (has(/^abbreviation/i) && has(/^definition/i)) return 'glossary'
  if (has(/study no/i) && has(/design/i)) return 'study-details'
  if (has(/author/i) && has(/efficacy/i) && has(/safety/i)) return 'study-outcomes'
  if (has(/^database$/i) && has(/date searched/i)) return 'search-results'
  if (has(/^study$/i) && has(/reason/i)) return 'additional-studies'
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
  const first = columns[0] ?? ''
  if (/study no|^no\.?$|^#$|^number$/i.test(first) || /^\d{1,3}$/.test(firstKey))
    return 'study-number'
  if (/^(?:study|reference|citation)$/i.test(first)) return 'citation'
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
): Record<string, string | number | null> | undefined {
  const cell = (pattern: RegExp) => {
    const index = columns.findIndex((column) => pattern.test(column))
    return index === -1 ? '' : (cells[index] ?? '').trim()
  }
  const orNull = (text: string) => (text === '' ? null : text)
  switch (shape) {
    case 'study-details': {
      const author = authorYear.exec(cell(/author/i))
      const number = Number.parseInt(cell(/study no/i), 10)
      const people = sampleSize.exec(cell(/characteristics|people/i))
      return {
        studyNumber: Number.isNaN(number) ? null : number,
        firstAuthor: author ? (author[1] as string) : orNull(cell(/author/i)),
        year: author ? Number(author[2]) : null,
        countries: author ? orNull(author[3] ?? '') : null,
        n: people ? Number((people[1] as string).replaceAll(',', '')) : null,
        design: orNull(cell(/design/i)),
        inclusionCriteria: orNull(cell(/inclusion/i)),
        intervention: orNull(cell(/intervention/i)),
        followUp: orNull(cell(/follow/i)),
      }
    }
    case 'study-outcomes': {
      const study = cell(/author/i)
      const author = authorYear.exec(study)
      return {
        study: orNull(study),
        firstAuthor: author ? (author[1] as string) : null,
        year: author ? Number(author[2]) : null,
        efficacy: orNull(cell(/efficacy/i)),
        safety: orNull(cell(/safety/i)),
      }
    }
    case 'search-results': {
      const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell(/date/i))
      const results = cell(/results|number/i).replaceAll(',', '')
      return {
        database: orNull(cell(/^database$/i)),
        date: date
          ? `${date[3]}-${(date[2] as string).padStart(2, '0')}-${(date[1] as string).padStart(2, '0')}`
          : orNull(cell(/date/i)),
        platform: orNull(cell(/platform/i)),
        version: orNull(cell(/segment|version/i)),
        results: /^\d+$/.test(results) ? Number(results) : null,
      }
    }
    case 'additional-studies': {
      const study = citation.exec(cell(/^study$/i))
      const rest = study ? (study[3] as string) : ''
      const titleEnd = rest.search(/[.?!] (?=\p{Lu}|\d)/u)
      return {
        authors: study ? (study[1] as string) : orNull(cell(/^study$/i)),
        year: study ? Number(study[2]) : null,
        title: study ? orNull(titleEnd === -1 ? rest : rest.slice(0, titleEnd + 1)) : null,
        journal: study && titleEnd !== -1 ? orNull(rest.slice(titleEnd + 2)) : null,
        peopleAndFollowUp: orNull(cell(/number of people|follow/i)),
        conclusion: orNull(cell(/conclusion/i)),
        adverseEvent: orNull(cell(/adverse event/i)),
        reasonNotIncluded: orNull(cell(/reason/i)),
      }
    }
    case 'glossary':
      return { abbreviation: orNull(cells[0] ?? ''), definition: orNull(cells[1] ?? '') }
    default:
      return undefined
  }
}
