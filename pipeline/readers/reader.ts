/**
 * The reader seam: a reader turns the bytes of an input into the text the
 * stages read and, for a PDF, the layout of that text on its pages. The kind
 * of input is sniffed from the bytes (`read-document.ts`), never from the
 * file's name.
 */

/** The formats guidex reads. */
export type InputFormat = 'text' | 'pdf'

/** A box in PDF points, PDF.js user space (origin bottom-left). */
export type Box = [x0: number, y0: number, x1: number, y1: number]

/** One visual line of a PDF reader's text layer. */
export interface LayoutLine {
  /** Offset (UTF-16) of the line's first character in `text`. */
  start: number
  /** Offset just past its last character (the `\n` not included). */
  end: number
  /** 1-based. */
  page: number
  /** The line's bounding box. */
  box: Box
  /** Dominant font size (points) of the line's glyphs. */
  fontSize: number
  /** Whether the dominant weight is bold. */
  bold: boolean
  /** Left x of the line's first glyph (points): its indentation. */
  x: number
}

/** A run of characters of `text` drawn by one text item (for box lookup of any source). */
export interface LayoutRun {
  start: number
  end: number
  page: number
  box: Box
}

/** Where the text of a PDF stands on its pages. */
export interface TextLayout {
  pages: { number: number; width: number; height: number; start: number; end: number }[]
  lines: LayoutLine[]
  runs: LayoutRun[]
}

/** What a reader makes of an input's bytes. */
export interface ReadDocument {
  format: InputFormat
  /** The text later stages read (text input: the decoded file; PDF: the text layer, written as `<release>/text.txt`). */
  text: string
  /** PDF only. */
  layout?: TextLayout
}

/** Thrown (or rejected) by a reader for bad input: a content error for that file alone. */
export class ReaderError extends Error {
  /** Rule id, as for messages (`invalid-utf8`, `too-large`). */
  ruleId: string
  /** 1-based line of the problem, where known. */
  line?: number
  /** 1-based column of the problem, where known. */
  column?: number

  /**
   * @param message
   *   What is wrong, worded as messages are (``Unexpected `x`, expected `y` ``).
   * @param ruleId
   *   Rule id.
   * @param line
   *   1-based line (optional).
   * @param column
   *   1-based column (optional).
   */
  constructor(message: string, ruleId: string, line?: number, column?: number) {
    super(message)
    this.name = 'ReaderError'
    this.ruleId = ruleId
    if (line !== undefined) this.line = line
    if (column !== undefined) this.column = column
  }
}

declare module 'vfile' {
  interface DataMap {
    /** The PDF reader's layout of the text (PDF inputs only). */
    layout: TextLayout
  }
}
