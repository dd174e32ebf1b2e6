/**
 * Types shared by the stages: the block tree that travels through the
 * processor, and the record written as `document.json` (the types generated
 * from `schemas/document.schema.json`).
 */

import type { Node } from 'unist'
import type { MappedText } from './lib/mapped-text.js'

// ---------------------------------------------------------------------------
// The record (document.json): the schema's own types, generated from
// `schemas/document.schema.json` into `generated/document.ts` (`npm run types`).

import type {
  ContentsEntry,
  GuidexDocumentRecord,
  Link,
  Metadata,
  Table,
  TableRow,
} from './generated/document.js'

export type {
  AdditionalStudiesRow,
  ConfidenceInterval,
  ContentsEntry,
  CrossReference,
  DroppedLine,
  Finding,
  GlossaryEntry,
  GlossaryRow,
  Heterogeneity,
  Lineage,
  Link,
  Metadata,
  Paragraph,
  ParagraphPart,
  Person,
  PValue,
  QualityMeasure,
  QualityStatement,
  Result,
  ResultContext,
  ResultLocation,
  SearchResultsRow,
  Section,
  Source,
  Spread,
  StudyDetailsRow,
  StudyOutcomesRow,
  Table,
  TableCell,
  TableCellBlock,
  TableMerge,
  TableRow,
  UpdateNote,
  YearTag,
} from './generated/document.js'

/** The whole record of one document. */
export type DocumentRecord = GuidexDocumentRecord

/** The kinds of document guidex reads (the kind of each programme: `vocabulary/programmes.ts`). */
export type DocumentKind = Metadata['kind']

/** The shapes of table guidex types. */
export type TableShape = Table['shape']

/** The typed fields of a row, by the shape of its table. */
export type TypedRow = NonNullable<TableRow['typed']>

// ---------------------------------------------------------------------------
// The block tree

/** How a text block is introduced in the raw text. */
export type BlockMarker = 'none' | 'bullet' | 'ordered'

/** What a text block's syntax makes it (set by `parseMarkdown`). */
export type BlockSyntax = 'heading' | 'numbered-paragraph' | 'item' | 'paragraph'

/** What a text block is in its document (set by `classifyBlocks`, the one stage that assigns roles). */
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
  /** Set by the parse stage: what the block's syntax makes it. */
  syntax?: BlockSyntax
  /** Set by the classify stage: what the block is in its document. */
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
  /**
   * Each line's cells where the reader cut them at column starts (`-layout`'s
   * aligned columns); absent where tabs separate the cells.
   */
  cells?: MappedText[][]
  /**
   * For each line, whether it starts a row, where the layout shows the rows
   * (a PDF's table regions, `-layout`'s aligned columns); absent where each
   * line is a row, or a piece of one the table stage joins by its own evidence.
   */
  rowStarts?: boolean[]
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
