/**
 * Lines of the raw file and the positions in it.
 *
 * CRLF, CR and LF all end a line, so a file behaves the same whatever its line
 * ends; offsets stay those of the raw string, line ends included.
 */

import type { Source } from '../types.js'

/** One line of the raw file, without its line end. */
export interface RawLine {
  /** 1-based line number. */
  line: number
  /** Offset of the line's first character in the raw file. */
  offset: number
  /** The line's characters, without the line end. */
  text: string
}

/** Lines of a raw file, with offset-to-point lookup. */
export class LineIndex {
  readonly raw: string
  readonly lines: RawLine[]

  /**
   * @param raw
   *   The whole raw file, decoded.
   */
  constructor(raw: string) {
    this.raw = raw
    this.lines = []
    const lineEnd = /\r\n|\r|\n/g
    let start = 0
    let match = lineEnd.exec(raw)
    while (match) {
      this.lines.push({
        line: this.lines.length + 1,
        offset: start,
        text: raw.slice(start, match.index),
      })
      start = match.index + match[0].length
      match = lineEnd.exec(raw)
    }
    this.lines.push({ line: this.lines.length + 1, offset: start, text: raw.slice(start) })
  }

  /**
   * 1-based line and column of an offset.
   *
   * @param offset
   *   Offset in the raw file.
   * @returns
   *   The point.
   */
  pointAt(offset: number): { line: number; column: number; offset: number } {
    let low = 0
    let high = this.lines.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((this.lines[middle] as RawLine).offset <= offset) low = middle
      else high = middle - 1
    }
    const line = this.lines[low] as RawLine
    return { line: line.line, column: offset - line.offset + 1, offset }
  }

  /**
   * Provenance for the raw range `[start, end)`.
   *
   * @param start
   *   Start offset.
   * @param end
   *   End offset (exclusive).
   * @returns
   *   Source with line, column, offset and the exact raw text.
   */
  source(start: number, end: number): Source {
    const point = this.pointAt(start)
    return {
      line: point.line,
      column: point.column,
      offset: start,
      text: this.raw.slice(start, end),
    }
  }
}
