/**
 * Types shared by the stages: the block tree that travels through the
 * processor, and the record written as `document.json` (mirrored by
 * `schemas/document.schema.json`; `test/schema.test.ts` keeps the two aligned).
 */

import type { Node } from 'unist'
import type { InputFormat, TextLayout } from './readers/reader.js'
import type { SectionRole } from './vocabulary/section-roles.js'
import type { CellBlock } from './lib/cell-markup.js'
import type { TableShape } from './lib/table-shapes.js'
import type { LineIndex } from './lib/line-index.js'
import type { MappedText } from './lib/mapped-text.js'

// ---------------------------------------------------------------------------
// The record (document.json)

/** Where something stands in the raw input file. */
export interface Source {
  /** 1-based line in the raw file. */
  line: number
  /** 1-based column (UTF-16 code units) in the raw file. */
  column: number
  /** 0-based offset (UTF-16 code units) in the raw file. */
  offset: number
  /** Exactly the raw characters at `offset`. */
  text: string
  /** PDF inputs: the 1-based page of the first character (offsets point into `text.txt`). */
  page?: number
  /** PDF inputs: `[x0, y0, x1, y1]` in PDF points (PDF.js user space) of the characters on that page. */
  box?: [number, number, number, number]
}

/** A link written in the text (`[text](url)` or `<url>`). */
export interface Link {
  text: string
  url: string
}

/** A part of a paragraph, in the order of the text: its prose and its bullet items. */
export interface ParagraphPart {
  type: 'text' | 'item'
  /** List nesting: 0 for prose, 1 and up for items. */
  depth: number
  text: string
  source: Source
}

/** The year tag that closes a NICE recommendation: `[2010, amended 2019]`. */
export interface YearTag {
  /** As written, brackets included. */
  text: string
  /** The years in it, in order (`[2010, 2019]`). */
  years: number[]
  source: Source
}

/** A paragraph of a section: numbered (`3.5`), plain, or a list with no lead-in. */
export interface Paragraph {
  /** The document's own number (`'3.5'`, `'1.12.25'`), `null` for unnumbered paragraphs. */
  number: string | null
  kind: 'numbered' | 'paragraph' | 'list'
  /**
   * Plain text: markdown removed, hard wraps and page splits joined; the
   * prose of every part, without the items and the year tag.
   */
  text: string
  /** Bullet items that belong to this paragraph, as plain text (any depth). */
  items: string[]
  links: Link[]
  source: Source
  /** Provenance of each item, parallel to `items`. */
  itemSources: Source[]
  /** Every part in order: the prose before, between and after the items, and the items with their depth. */
  content: ParagraphPart[]
  /** The recommendation's year tag, `null` where it has none. */
  yearTag: YearTag | null
  /** Whether it is a recommendation: a numbered paragraph of a recommendations section. */
  recommendation: boolean
  /** Cross-references in it (`see recommendation 1.2.3`), with the paragraphs they name. */
  references: CrossReference[]
}

/** A cross-reference in a paragraph's text. */
export interface CrossReference {
  /** As written, white space joined (`recommendations 1.4.1 to 1.4.5`). */
  text: string
  /** The numbers of the paragraphs of this document it names, a range expanded. */
  targets: string[]
  /** Whether it names paragraphs of another guideline (`… in NICE's guideline on …`). */
  external: boolean
  source: Source
}

/** A section of the document's own hierarchy. */
export interface Section {
  /** Heading as written, with its number (`'3 Committee considerations'`). */
  heading: string
  number: string | null
  /** 1 for top sections. */
  level: number
  /** What the section is for (`recommendations`, `rationale`, …): named by its heading or its parent's. */
  role: SectionRole | null
  source: Source
  paragraphs: Paragraph[]
  sections: Section[]
}

/** A quality measure of a quality statement. */
export interface QualityMeasure {
  kind: 'structure' | 'process' | 'outcome'
  /** `a`, `b`, … where the measures are lettered; `null` for a single one. */
  label: string | null
  text: string
  numerator: string | null
  denominator: string | null
  dataSource: string | null
  source: Source
}

/** A quality standard's statement. */
export interface QualityStatement {
  number: number
  /** From its heading: `Presentation with suspected endometriosis`. */
  title: string
  /** The statement itself. */
  statement: string | null
  rationale: string | null
  measures: QualityMeasure[]
  /** The first line of its source guidance: `Endometriosis: diagnosis and management. NICE guideline NG73 (2017), …`. */
  sourceGuidance: string | null
  /** Its heading's place. */
  source: Source
}

/** A person named in the committee or project team lists. */
export interface Person {
  name: string
  role: string
  source: Source
}

/** A dated note under "Update information". */
export interface UpdateNote {
  /** `YYYY-MM` or `YYYY-MM-DD` as precise as written; `null` if undated. */
  date: string | null
  text: string
  /** The group heading above the note (`'Minor changes after publication'`). */
  heading: string | null
  source: Source
}

/** A guidance id mentioned as an earlier identity of this one. */
export interface Lineage {
  /** The earlier id (`'IPG633'`); `null` where the text names the guidance but not its id. */
  from: string | null
  /** The later id (`'HTG492'`). */
  to: string
  /**
   * `replaces` and `migrated` make one guidance of two ids; `partially-replaces`
   * (`This guideline partially replaces CG149.`) and `updates-section`
   * (`… updates and replaces the recommendations on endometriosis in …`) link
   * two pieces of guidance that stay apart.
   */
  relation: 'replaces' | 'migrated' | 'partially-replaces' | 'updates-section'
  /** What part of the earlier guidance, for `updates-section`. */
  subject?: string
  source: Source
}

export type DocumentKind =
  | 'guidance'
  | 'guideline'
  | 'quality-standard'
  | 'information-for-the-public'
  | 'procedure-overview'

/** Metadata of a document. */
export interface Metadata {
  kind: DocumentKind
  title: string | null
  guidanceId: string | null
  programme: string | null
  published: string | null
  /** The `Last updated` date the document states (its front page), `null` where it states none. */
  lastUpdated: string | null
  /**
   * The latest date the document records of itself: its stated last update,
   * its latest dated update note (minor changes too), or its publication.
   * Releases are named and ordered by it.
   */
  revised: string | null
  /** Ids this guidance wholly replaced or was migrated from (its family's earlier ids). */
  replaces: string[]
  lineage: Lineage[]
  /** Guidance this is the basis of (`This guideline is the basis of QS35.`). */
  basisOf: string[]
  isbn: string | null
  url: string | null
  updates: UpdateNote[]
  endorsingOrganisation: string | null
  committee: Person[]
  projectTeam: Person[]
}

/** An entry of the document's contents list. */
export interface ContentsEntry {
  title: string
  /** `null` where the converter lost the page number. */
  page: number | null
  source: Source
}

/** A block of a table cell: a paragraph or a list item. */
export interface TableCellBlock {
  type: 'paragraph' | 'item'
  /** List nesting depth: 0 for paragraphs, 1 and up for items. */
  depth: number
  text: string
}

/** A cell of a table row: plain text (no markup left) and its blocks. */
export interface TableCell {
  text: string
  blocks: TableCellBlock[]
}

/** A decision taken while merging a table's lines into records. */
export interface TableMerge {
  /** Raw line of the fragment that was joined. */
  line: number
  decision: 'continues-previous-row'
  /** Why: `empty first cell`, `study number 4 does not follow 2`, … */
  evidence: string
}

/** A record (row) of a table. */
export interface TableRow {
  cells: TableCell[]
  /** From the first character of the record's first line to the end of its last. */
  source: Source
  /** Each raw line (1-based) the record was made from: more than one when a page cut it. */
  lines: number[]
  merges: TableMerge[]
  /** Typed fields, for tables of a known shape. */
  typed?: Record<string, string | number | null>
}

/** A table of the document. */
export interface Table {
  /** From the caption: `'2'`, `'4a'`; `'unnamed-N'` without one. */
  id: string
  caption: string
  shape: TableShape
  columns: string[]
  /** The caption's place (or the header row's, without a caption). */
  source: Source
  /** Lines that are not records: header rows repeated on later pages, rule lines. */
  droppedLines: { reason: 'repeated-header' | 'rule-line'; source: Source }[]
  rows: TableRow[]
}

/** An abbreviation of the document's glossary (its abbreviations table). */
export interface GlossaryEntry {
  abbreviation: string
  definition: string
  source: Source
}

/** Where a result was read and what it is about. */
export interface ResultContext {
  /** The study: the table row's study, or the citation in the sentence. */
  study: string | null
  /** The group or arm: the label before `=`, or the words after the estimate. */
  group: string | null
  /** The outcome: the heading block of the cell, or the section heading. */
  outcome: string | null
  /** `30-day`, `6-month`, `in-hospital`, where stated. */
  timepoint: string | null
  location: {
    type: 'prose' | 'table'
    table: string | null
    row: number | null
    column: string | null
  }
}

/** A confidence interval (or an interval read as one). */
export interface ConfidenceInterval {
  /** `95`; `null` where the level is not written. */
  level: number | null
  lower: number
  upper: number
  lowerWritten: string
  upperWritten: string
  /** Whether written with its label (`95% CI`), or bare beside labelled ones. */
  labelled: boolean
}

/** A numeric result. Numbers keep their written form beside the parsed value. */
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
  /** `RR`, `OR`, `HR`, `MD`, `SMD`, … for effects. */
  measure: string | null
  adjusted: boolean
  value: number | null
  /** The value as written (`45.0` and `45` stay apart). */
  written: string | null
  unit: '%' | null
  ci: ConfidenceInterval | null
  p: {
    relation: '=' | '<' | '>' | '≤' | '≥' | 'not-reported'
    value: number | null
    written: string
  } | null
  heterogeneity: { iSquared: number; written: string; studies: number | null } | null
  percent: number | null
  numerator: number | null
  denominator: number | null
  statistic: 'mean' | 'median' | null
  spread: {
    kind: 'range' | 'IQR' | 'SD' | 'range-or-interval'
    lower: number
    upper: number
  } | null
  /** Studies pooled, where written beside the result (`11 studies`). */
  studies: number | null
  context: ResultContext
  source: Source
}

/** A consistency finding (filled by the checks stage). */
export interface Finding {
  check: string
  severity: 'error' | 'warning' | 'info'
  message: string
  source: Source
  /** The other places of a disagreement. */
  related?: Source[]
}

/** The whole record of one document. */
export interface DocumentRecord {
  schemaVersion: string
  generator: { name: 'guidex'; version: string }
  source: { path: string; sha256: string; bytes: number; format: InputFormat }
  metadata: Metadata
  contents: ContentsEntry[]
  /** Paragraphs before the first heading that are not front matter. */
  preamble: Paragraph[]
  sections: Section[]
  glossary: GlossaryEntry[]
  /** A quality standard's statements (empty for other documents). */
  statements: QualityStatement[]
  tables: Table[]
  results: Result[]
  findings: Finding[]
}

// ---------------------------------------------------------------------------
// The block tree

/** How a text block is introduced in the raw text. */
export type BlockMarker = 'none' | 'bullet' | 'ordered'

/** What the parse stage found a text block to be. */
export type BlockRole =
  | 'heading'
  | 'numbered-heading'
  | 'numbered-paragraph'
  | 'item'
  | 'paragraph'
  | 'caption'
  | 'table-caption'
  | 'title'
  | 'front-matter'
  | 'person-line'
  | 'cell-text'
  | 'heading-number'

/** A paragraph, list item or heading candidate: raw lines reflowed into one text. */
export interface TextBlock extends Node {
  type: 'textBlock'
  /** Reflowed text, list marker and indentation removed, markdown still in. */
  text: MappedText
  marker: BlockMarker
  /** The bullet's glyph (`•`, `－`), for bullets. */
  glyph?: string
  /** Indentation of the first line (spaces). */
  indent: number
  /**
   * Where the block's own text starts on its first line: after its bullet,
   * or after its number in the margin (`1.1.1     Advise`: 10); its
   * indentation otherwise.
   */
  textColumn: number
  /** Number of raw lines the block was made from. */
  lineCount: number
  /** Whether page furniture (a running header) stood before this block. */
  afterPageBreak: boolean
  /** Whether a blank line stands before it: `pdftotext` writes one where the page leaves a gap. */
  afterBlank: boolean
  /** Whether its lines were set in a narrow column (a table's cell, its columns run together). */
  narrow: boolean
  /** Set by the parse stage. */
  role?: BlockRole
  /** Set by the parse stage: plain text, markdown removed. */
  plain?: MappedText
  /** Set by the parse stage. */
  links?: Link[]
  /** Set by the parse stage: markdown heading depth, or 1 for numbered headings. */
  depth?: number
  /** Set by the parse stage: `'3'` of a numbered heading, `'3.5'` of a numbered paragraph. */
  number?: string
}

/** Consecutive tab-separated lines: a piece of a table, left for the table stage. */
export interface TableBlock extends Node {
  type: 'tableBlock'
  lines: MappedText[]
  afterPageBreak: boolean
}

/** The document's contents list. */
export interface ContentsBlock extends Node {
  type: 'contentsBlock'
  entries: ContentsEntry[]
}

export type Block = TextBlock | TableBlock | ContentsBlock

/** Root of the block tree. */
export interface GuidanceRoot extends Node {
  type: 'root'
  children: Block[]
}

declare module 'vfile' {
  interface DataMap {
    /** Lines and positions of the raw input. */
    lineIndex: LineIndex
    /** Provenance of the page furniture removed by normalize. */
    furniture: Source[]
    contents: ContentsEntry[]
    metadata: Metadata
    preamble: Paragraph[]
    sections: Section[]
    /** Name/role lines of the committee and project team lists, by group. */
    people: (Person & { group: string })[]
    tables: Table[]
    /** Every table cell's plain text and blocks, mapped to the raw file: table → row → cell. */
    tableCells: { text: MappedText; blocks: CellBlock[] }[][][]
    glossary: GlossaryEntry[]
    statements: QualityStatement[]
    results: Result[]
    findings: Finding[]
    /** The assembled record, once validated. */
    record: DocumentRecord
    /** Input facts: path as given, hash, size. */
    input: { path: string; sha256: string; bytes: number; format: InputFormat }
    /** The layout of a PDF's text layer (`ReadDocument.layout`). */
    layout: TextLayout
    /** A PDF's text layer, written beside its record as `text.txt`. */
    textLayer: string
  }
}
