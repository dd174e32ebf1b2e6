/**
 * A line as the text reader's layout rules see it: its raw place, what it
 * was found to be, and the layout facts a converter left in it (a form feed
 * before it, its indentation).
 */

import type { RawLine } from '../line-index.js'

/** What a line of the raw text was found to be. */
export type LineKind = 'blank' | 'furniture' | 'contents' | 'table' | 'text' | 'margin-number'

/** A line of the raw text, classified. */
export interface WorkLine extends RawLine {
  kind: LineKind
  /** Whether a page starts at this line (a form feed before its text). */
  pageStart: boolean
  /** Leading white space, in columns (a tab counts as one). */
  indent: number
  /** Where the text after a paragraph number at the line's start begins, in columns, where the layout says (a PDF). */
  textColumn?: number
  /** Whether a blank line stands right before it in the raw text. */
  afterBlank: boolean
  /** The paragraph number written on a line of its own before this line. */
  marginNumber?: WorkLine
  /** Where the line stands in a table whose rows the layout shows (a PDF's table regions, `-layout`'s aligned columns). */
  tablePlace?: TablePlace
}

/** A line's place in a table whose rows the layout shows. */
export interface TablePlace {
  /** Which table of the document the line belongs to (lines of one table share it). */
  table: number
  /** Whether the line starts a row (else it goes on the row above: a cell's next line). */
  rowStart: boolean
  /**
   * The line's cells as ranges of its text, where they are cut at column
   * starts (`-layout`'s aligned columns); absent where tabs separate them.
   */
  cells?: [start: number, end: number][]
}
