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
}
