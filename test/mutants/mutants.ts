/**
 * Deliberate bugs the test suite must catch (`npm run test:mutants`, see
 * `run-mutants.ts`). Each is one exact text of one source file and its
 * replacement; the text must occur exactly once in the file, so a mutant
 * that no longer applies (the code moved or changed) fails the run instead
 * of passing for nothing: re-anchor it on the code as it now is, keeping the
 * bug it describes. Every replacement must still build (it is the tests that
 * must fail, not the compiler).
 */

/** One deliberate bug. */
export interface Mutant {
  /** Short name, for the table and `--only`. */
  id: string
  /** The bug, as a reviewer would name it. */
  description: string
  /** The source file, from the repository root. */
  file: string
  /** Exact text to replace; it must occur exactly once in the file. */
  search: string
  /** What it becomes. */
  replace: string
}

/** The mutants, in the order they run. */
export const mutants: readonly Mutant[] = [
  {
    id: 'stage-throws',
    description: 'the consistency stage throws on every document with results',
    file: 'pipeline/stages/check-consistency.ts',
    search: `    const findings = documentRules.flatMap((rule) => rule.check(document))
`,
    replace: `    if (document.results.length > 0) throw new Error('mutant: the consistency stage throws')
    const findings = documentRules.flatMap((rule) => rule.check(document))
`,
  },
  {
    id: 'record-extra-key',
    description: 'every record gets a key the schema does not allow',
    file: 'pipeline/stages/assemble-record.ts',
    search: `    file.data.record = record
`,
    replace: `    file.data.record = { ...record, extra: true } as DocumentRecord
`,
  },
  {
    id: 'numbered-paragraph-dropped',
    description: 'numbered paragraphs ending in `.2` are left out of their section',
    file: 'pipeline/stages/sectionize.ts',
    search: `      container().push(paragraph)
`,
    replace: `      if (paragraph.number?.endsWith('.2') !== true) container().push(paragraph)
`,
  },
  {
    id: 'offset-off-by-one',
    description: 'every source offset is one character past its text',
    file: 'pipeline/lib/line-index.ts',
    search: `      column: point.column,
      offset: start,
`,
    replace: `      column: point.column,
      offset: start + 1,
`,
  },
  {
    id: 'column-off-by-one',
    description: 'every column is counted from 0',
    file: 'pipeline/lib/line-index.ts',
    search: `column: offset - line.offset + 1`,
    replace: `column: offset - line.offset`,
  },
  {
    id: 'severity-lowered',
    description: 'an estimate outside its CI is a warning, not an error',
    file: 'pipeline/rules/severities.ts',
    search: `'estimate-outside-ci': { outside: 'error' },`,
    replace: `'estimate-outside-ci': { outside: 'warning' },`,
  },
  {
    id: 'reworded-missed',
    description: 'the diff matches paragraphs by number: a reworded paragraph is unchanged',
    file: 'pipeline/diff/diff-records.ts',
    search: `  return (paragraph.text || paragraph.items.join(' '))`,
    replace: `  return (paragraph.number ?? (paragraph.text || paragraph.items.join(' ')))`,
  },
  {
    id: 'continuation-own-row',
    description: 'a table line with an empty first cell is a row of its own, not a continuation',
    file: 'pipeline/stages/extract-tables.ts',
    search: `  if (first === '') return 'empty first cell'`,
    replace: `  if (first === '') return undefined`,
  },
  {
    id: 'percentage-wrong-denominator',
    description: 'a count with a percentage (`809 (83%)`) is read as out of itself',
    file: 'pipeline/stages/extract-results.ts',
    search: `const denominator = g.propDenominator ?? g.propDenominator2 ?? g.countDenominator`,
    replace: `const denominator = g.propDenominator ?? g.propDenominator2 ?? g.countNumerator`,
  },
  {
    id: 'year-less-date',
    description: 'a date without a year (`28 November`) is accepted',
    file: 'pipeline/lib/dates.ts',
    search: '(${monthAlternation}) (\\d{4})\\b',
    replace: '(${monthAlternation})(?: (\\d{4}))?\\b',
  },
  {
    id: 'csv-quoting',
    description: 'a quote inside a CSV cell is escaped with a backslash, not doubled (RFC 4180)',
    file: 'pipeline/writable-document.ts',
    search: `{ newline: '\\r\\n', quotes: false }`,
    replace: `{ newline: '\\r\\n', quotes: false, escapeChar: '\\\\' }`,
  },
  {
    id: 'lineage-migration-ignored',
    description: 'an update note `X has been migrated to Y` gives no lineage link',
    file: 'pipeline/stages/extract-metadata.ts',
    search: `  for (const note of updates) {
    for (const match of note.text.matchAll(migratedSentence)) {`,
    replace: `  for (const note of updates.slice(updates.length)) {
    for (const match of note.text.matchAll(migratedSentence)) {`,
  },
  {
    id: 'validation-skipped',
    description: 'a record that breaks the schema is written all the same',
    file: 'pipeline/stages/validate-record.ts',
    search: `    if (documentValidator(record)) return
`,
    replace: `    if (documentValidator(record) || record) return
`,
  },
  {
    id: 'items-detached',
    description: 'the bullet items of a numbered paragraph become a list of their own',
    file: 'pipeline/stages/sectionize.ts',
    search: `      if (role === 'item' && paragraph) {`,
    replace: `      if (role === 'item' && paragraph && paragraph.number === null) {`,
  },
]
