/**
 * Generated from `schemas/document.schema.json` by `npm run types` (`pipeline/build-types.ts`): do not edit.
 */

/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "guidanceId".
 */
export type GuidanceId = string
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "isoDate".
 */
export type IsoDate = string

/**
 * The structured record of one release of a guidance text (document.json).
 */
export interface GuidexDocumentRecord {
  schemaVersion: string
  generator: {
    name: 'guidex'
    version: string
  }
  /**
   * The input's bytes and format: no path or other fact of the run (the paths a text was seen at are in index.json and run.json).
   */
  source: {
    sha256: string
    bytes: number
    format: 'text' | 'pdf'
  }
  metadata: Metadata
  contents: ContentsEntry[]
  preamble: Paragraph[]
  sections: Section[]
  glossary: GlossaryEntry[]
  statements: QualityStatement[]
  tables: Table[]
  results: Result[]
  findings: Finding[]
  /**
   * The page furniture taken out of the reading, in input order: running titles, copyright footers and page numbers, each piece where it stands (a footer broken over lines is a piece per line, a running header glued to a text line the part after the text).
   */
  furniture: Source[]
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "metadata".
 */
export interface Metadata {
  kind:
    | 'guidance'
    | 'guideline'
    | 'quality-standard'
    | 'information-for-the-public'
    | 'procedure-overview'
  title: string | null
  guidanceId: GuidanceId | null
  programme: string | null
  published: IsoDate | null
  lastUpdated: IsoDate | null
  replaces: GuidanceId[]
  lineage: Lineage[]
  isbn: string | null
  url: string | null
  updates: UpdateNote[]
  endorsingOrganisation: string | null
  committee: Person[]
  projectTeam: Person[]
  revised: IsoDate | null
  basisOf: GuidanceId[]
  /**
   * Where each metadata field was read from, for the fields read from the text.
   */
  sources: {
    title?: Source
    guidanceId?: Source
    programme?: Source
    published?: Source
    lastUpdated?: Source
    isbn?: Source
    url?: Source
  }
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "lineage".
 */
export interface Lineage {
  from: GuidanceId | null
  to: GuidanceId
  relation: 'replaces' | 'migrated' | 'partially-replaces' | 'updates-section'
  source: Source
  subject?: string
}
/**
 * A place in the raw input: 1-based line and column, 0-based offset in UTF-16 code units of the file decoded as UTF-8, and exactly the raw characters at that offset.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  line: number
  column: number
  offset: number
  text: string
  page?: number
  /**
   * @minItems 4
   * @maxItems 4
   */
  box?: number[]
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "updateNote".
 */
export interface UpdateNote {
  date: IsoDate | null
  text: string
  heading: string | null
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "person".
 */
export interface Person {
  name: string
  role: string
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "contentsEntry".
 */
export interface ContentsEntry {
  title: string
  page: number | null
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "paragraph".
 */
export interface Paragraph {
  number: string | null
  kind: 'numbered' | 'paragraph' | 'list'
  text: string
  items: string[]
  links: Link[]
  source: Source
  itemSources: Source[]
  content: ParagraphPart[]
  yearTag: null | YearTag
  recommendation: boolean
  references: CrossReference[]
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "link".
 */
export interface Link {
  text: string
  url: string
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "paragraphPart".
 */
export interface ParagraphPart {
  type: 'text' | 'item'
  depth: number
  text: string
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "yearTag".
 */
export interface YearTag {
  text: string
  /**
   * @minItems 1
   */
  years: number[]
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "crossReference".
 */
export interface CrossReference {
  text: string
  targets: string[]
  external: boolean
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "section".
 */
export interface Section {
  heading: string
  number: string | null
  level: number
  source: Source
  paragraphs: Paragraph[]
  sections: Section[]
  role:
    | (
        | 'responsibility'
        | 'overview'
        | 'recommendations'
        | 'rationale'
        | 'research-recommendations'
        | 'terms'
        | 'context'
        | 'committee'
        | 'update-information'
        | 'procedure'
        | 'committee-considerations'
        | 'evidence'
        | 'quality-statements'
        | 'quality-statement'
        | 'quality-measures'
        | 'about'
        | 'references'
      )
    | null
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "glossaryEntry".
 */
export interface GlossaryEntry {
  abbreviation: string
  definition: string
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "qualityStatement".
 */
export interface QualityStatement {
  number: number
  title: string
  statement: string | null
  rationale: string | null
  measures: QualityMeasure[]
  sourceGuidance: string | null
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "qualityMeasure".
 */
export interface QualityMeasure {
  kind: 'structure' | 'process' | 'outcome'
  label: string | null
  text: string
  numerator: string | null
  denominator: string | null
  dataSource: string | null
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "table".
 */
export interface Table {
  id: string
  caption: string
  shape:
    | 'study-details'
    | 'study-outcomes'
    | 'search-results'
    | 'additional-studies'
    | 'glossary'
    | 'generic'
  columns: string[]
  source: Source
  headerSource: Source
  droppedLines: DroppedLine[]
  rows: TableRow[]
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "droppedLine".
 */
export interface DroppedLine {
  reason: 'repeated-header' | 'rule-line'
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "tableRow".
 */
export interface TableRow {
  cells: TableCell[]
  source: Source
  /**
   * Each raw line (1-based) the record was made from.
   *
   * @minItems 1
   */
  lines: number[]
  merges: TableMerge[]
  /**
   * Typed fields of a row of a known shape (one definition per shape).
   */
  typed?: StudyDetailsRow | StudyOutcomesRow | SearchResultsRow | AdditionalStudiesRow | GlossaryRow
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "tableCell".
 */
export interface TableCell {
  /**
   * Plain text: no HTML or LaTeX markup left.
   */
  text: string
  blocks: TableCellBlock[]
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "tableCellBlock".
 */
export interface TableCellBlock {
  type: 'paragraph' | 'item'
  depth: number
  text: string
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "tableMerge".
 */
export interface TableMerge {
  line: number
  decision: 'continues-previous-row'
  evidence: string
}
/**
 * A row of a study-details table.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "studyDetailsRow".
 */
export interface StudyDetailsRow {
  studyNumber: number | null
  firstAuthor: string | null
  year: number | null
  countries: string | null
  n: number | null
  design: string | null
  inclusionCriteria: string | null
  intervention: string | null
  followUp: string | null
}
/**
 * A row of a study-outcomes table.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "studyOutcomesRow".
 */
export interface StudyOutcomesRow {
  study: string | null
  firstAuthor: string | null
  year: number | null
  efficacy: string | null
  safety: string | null
}
/**
 * A row of a search-results table.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "searchResultsRow".
 */
export interface SearchResultsRow {
  database: string | null
  date: string | null
  platform: string | null
  version: string | null
  results: number | null
}
/**
 * A row of an additional-studies table.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "additionalStudiesRow".
 */
export interface AdditionalStudiesRow {
  authors: string | null
  year: number | null
  title: string | null
  journal: string | null
  peopleAndFollowUp: string | null
  conclusion: string | null
  adverseEvent: string | null
  reasonNotIncluded: string | null
}
/**
 * A row of a glossary (abbreviations) table.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "glossaryRow".
 */
export interface GlossaryRow {
  abbreviation: string | null
  definition: string | null
}
/**
 * A numeric result, typed, in context, with the raw characters it was read from.
 *
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "result".
 */
export interface Result {
  kind:
    | 'effect'
    | 'estimate'
    | 'proportion'
    | 'percentage'
    | 'p-value'
    | 'heterogeneity'
    | 'sample-size'
    | 'summary'
  /**
   * The effect measure, by the abbreviation of pipeline/vocabulary/measures.ts.
   */
  measure:
    'RR' | 'OR' | 'HR' | 'IRR' | 'RoM' | 'MD' | 'WMD' | 'SMD' | 'RD' | 'ARR' | 'NNT' | 'NNH' | null
  adjusted: boolean
  value: number | null
  /**
   * The value as written, so that 45.0 and 45 stay distinguishable.
   */
  written: string | null
  unit: '%' | null
  ci: null | ConfidenceInterval
  p: null | PValue
  heterogeneity: null | Heterogeneity
  percent: number | null
  numerator: number | null
  denominator: number | null
  statistic: 'mean' | 'median' | null
  spread: null | Spread
  studies: number | null
  context: ResultContext
  source: Source
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "confidenceInterval".
 */
export interface ConfidenceInterval {
  level: number | null
  lower: number
  upper: number
  lowerWritten: string
  upperWritten: string
  labelled: boolean
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "pValue".
 */
export interface PValue {
  relation: '=' | '<' | '>' | '≤' | '≥' | 'not-reported'
  value: number | null
  written: string
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "heterogeneity".
 */
export interface Heterogeneity {
  iSquared: number
  written: string
  studies: number | null
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "spread".
 */
export interface Spread {
  kind: 'range' | 'IQR' | 'SD' | 'range-or-interval'
  lower: number
  upper: number
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "resultContext".
 */
export interface ResultContext {
  study: string | null
  group: string | null
  outcome: string | null
  timepoint: string | null
  location: ResultLocation
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "resultLocation".
 */
export interface ResultLocation {
  type: 'prose' | 'table'
  table: string | null
  row: number | null
  column: string | null
}
/**
 * This interface was referenced by `GuidexDocumentRecord`'s JSON-Schema
 * via the `definition` "finding".
 */
export interface Finding {
  /**
   * The consistency rule that found it (the ids of pipeline/rules/rule-ids.ts).
   */
  check:
    | 'percent-vs-fraction'
    | 'events-above-total'
    | 'ci-bounds-order'
    | 'estimate-outside-ci'
    | 'ci-asymmetric'
    | 'p-vs-ci'
    | 'i2-range'
    | 'text-vs-table'
    | 'stated-sum'
    | 'table-count'
    | 'evidence-vs-overview'
  severity: 'error' | 'warning' | 'info'
  message: string
  source: Source
  related?: Source[]
}
