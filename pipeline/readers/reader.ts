/**
 * The reader seam: a reader turns the bytes of an input into the text the
 * stages read and, for a PDF, the layout of that text (pages, lines, the
 * boxes of the runs of characters each text item drew).
 *
 * Boxes are in PDF points, in PDF.js user space (origin bottom-left, as the
 * page's `view` gives it).
 */

/** Kind of input, sniffed from the bytes (`sniffFormat`). */
export type InputFormat = 'text' | 'pdf'

/** A rectangle in PDF points: left, bottom, right, top. */
export type Box = [x0: number, y0: number, x1: number, y1: number]

/** One visual line of a PDF reader's text layer. */
export interface LayoutLine {
  /** Offset (UTF-16) of the line's first character in `text`. */
  start: number
  /** Offset just past its last character (the `\n` not included). */
  end: number
  /** 1-based page number. */
  page: number
  /** The line's bounding box. */
  box: Box
  /** Dominant font size (points) of the line's glyphs. */
  fontSize: number
  /** Whether the dominant weight is bold. */
  bold: boolean
  /** Left x of the line's first glyph (points): its indentation. */
  x: number
  /** Whether the PDF marks every item of the line as an artifact (tagged PDFs mark running headers, footers and page numbers so). */
  artifact: boolean
  /** Index in `TextLayout.tables` of the table the line belongs to (optional). */
  table?: number
}

/** A run of characters of `text` drawn by one text item (for box lookup of any source). */
export interface LayoutRun {
  /** Offset of the run's first character in `text`. */
  start: number
  /** Offset just past its last character. */
  end: number
  /** 1-based page number. */
  page: number
  /** The item's bounding box. */
  box: Box
}

/** One row of a table: the lines between two of its rules (or one line of an unruled table). */
export interface LayoutTableRow {
  /** Offset of the row's first line in `text`. */
  start: number
  /** Offset just past the row's last line. */
  end: number
  /** The row's box: between its rules where the table is ruled. */
  box: Box
}

/**
 * A table region of a page: its cells are written one line per line of the
 * row's cells (the k-th line of every cell on the row's k-th line, cells
 * separated by `\t`).
 */
export interface LayoutTable {
  /** 1-based page number. */
  page: number
  /** The table's box. */
  box: Box
  /** Left and right x of each column, left to right. */
  columns: [x0: number, x1: number][]
  /** Rows, top to bottom. */
  rows: LayoutTableRow[]
  /** Whether the table was found from the rules it draws (else from aligned text). */
  ruled: boolean
}

/** The layout of a PDF reader's text. */
export interface TextLayout {
  /** Pages in order: size in points and the range of `text` each covers (separators excluded). */
  pages: { number: number; width: number; height: number; start: number; end: number }[]
  /** Every line of the text layer, in text order. */
  lines: LayoutLine[]
  /** Every run of the text layer, in text order. */
  runs: LayoutRun[]
  /** Table regions, in text order. */
  tables: LayoutTable[]
}

/** What a reader makes of an input. */
export interface ReadDocument {
  format: InputFormat
  /** The text later stages read (text input: the decoded file; PDF: the text layer, written as <release>/text.txt). */
  text: string
  /** PDF only. */
  layout?: TextLayout
}

/** Rule ids of the errors readers throw. */
export const readerRule = {
  /** The PDF asks for a password. */
  encrypted: 'pdf-encrypted',
  /** No page of the PDF draws any text. */
  noTextLayer: 'pdf-no-text-layer',
  /** The PDF ends before its end (`%%EOF`). */
  truncated: 'pdf-truncated',
  /** PDF.js cannot read the PDF. */
  corrupt: 'pdf-corrupt',
  /** More pages than the reader was allowed to read. */
  tooManyPages: 'pdf-too-many-pages',
  /** PDF.js took longer than allowed over one step. */
  timeout: 'pdf-timeout',
} as const

/** Thrown (or rejected) by a reader for bad input: a content error for that file alone. */
export class ReaderError extends Error {
  /** Rule id, as for messages. */
  readonly ruleId: string
  /** 1-based line of the problem, where known. */
  readonly line?: number
  /** 1-based column of the problem, where known. */
  readonly column?: number

  /**
   * @param message
   *   What is wrong.
   * @param ruleId
   *   Rule id.
   * @param place
   *   1-based line and column (optional).
   */
  constructor(message: string, ruleId: string, place?: { line: number; column?: number }) {
    super(message)
    this.name = 'ReaderError'
    this.ruleId = ruleId
    if (place) {
      this.line = place.line
      if (place.column !== undefined) this.column = place.column
    }
  }
}
