/**
 * The text layer, written page by page: the text (pdftotext's conventions:
 * one visual line per line, a blank line between blocks, each page ended by
 * a blank line and a form feed) with its layout (pages, lines, runs, tables).
 */

import type { Box, LayoutLine, LayoutRun, LayoutTable, TextLayout } from '../reader.js'
import { round, roundBox, unionBox } from './geometry.js'
import { joinPieces } from './lines.js'
import { dominantFontSize, type PageBlock } from './page-layout.js'
import type { CellLine, TableRegion } from './tables.js'
import type { TextPiece } from './text-pieces.js'

/** Builds the text layer of one document. */
export class TextLayerWriter {
  private readonly parts: string[] = []
  private length = 0
  private readonly layout: TextLayout = { pages: [], lines: [], runs: [], tables: [] }

  /**
   * Write one page.
   *
   * @param number
   *   1-based page number.
   * @param size
   *   The page's width and height (points).
   * @param blocks
   *   Its blocks in reading order.
   */
  addPage(
    number: number,
    size: { width: number; height: number },
    blocks: readonly PageBlock[],
  ): void {
    const start = this.length
    blocks.forEach((block, index) => {
      if (index > 0) this.write('\n\n')
      if (block.kind === 'text') {
        block.lines.forEach((line, lineIndex) => {
          if (lineIndex > 0) this.write('\n')
          this.writeLine(number, [line])
        })
      } else {
        this.writeTable(number, block.table)
      }
    })
    const end = this.length
    this.layout.pages.push({
      number,
      width: round(size.width),
      height: round(size.height),
      start,
      end,
    })
    this.write(blocks.length > 0 ? '\n\n\f' : '\f')
  }

  /** Whether any page had text. */
  get hasText(): boolean {
    return this.layout.runs.length > 0
  }

  /**
   * The text and its layout.
   *
   * @returns
   *   Both (the writer is spent).
   */
  finish(): { text: string; layout: TextLayout } {
    return { text: this.parts.join(''), layout: this.layout }
  }

  private write(text: string): void {
    this.parts.push(text)
    this.length += text.length
  }

  /** One line: its cells (one for a line of text) separated by tabs. */
  private writeLine(page: number, cells: readonly (CellLine | undefined)[], table?: number): void {
    const start = this.length
    const pieces: TextPiece[] = []
    cells.forEach((cell, index) => {
      if (index > 0) this.write('\t')
      if (!cell || cell.length === 0) return
      const joined = joinPieces(cell)
      const cellStart = this.length
      cell.forEach((piece, pieceIndex) => {
        const pieceStart = cellStart + (joined.offsets[pieceIndex] as number)
        const run: LayoutRun = {
          start: pieceStart,
          end: pieceStart + piece.text.length,
          page,
          box: roundBox(piece.box),
        }
        this.layout.runs.push(run)
        pieces.push(piece)
      })
      this.write(joined.text)
    })
    const first = pieces[0]
    if (!first) return
    let box: Box = first.box
    let boldCharacters = 0
    let characters = 0
    for (const piece of pieces) {
      box = unionBox(box, piece.box)
      characters += piece.text.length
      if (piece.bold) boldCharacters += piece.text.length
    }
    const line: LayoutLine = {
      start,
      end: this.length,
      page,
      box: roundBox(box),
      fontSize: dominantFontSize(pieces),
      bold: boldCharacters * 2 > characters,
      x: round(first.x0),
      artifact: pieces.every((piece) => piece.artifact > 0),
    }
    if (table !== undefined) line.table = table
    this.layout.lines.push(line)
  }

  private writeTable(page: number, region: TableRegion): void {
    const index = this.layout.tables.length
    const table: LayoutTable = {
      page,
      box: roundBox(region.box),
      columns: region.columns.map(([x0, x1]) => [round(x0), round(x1)]),
      rows: [],
      ruled: region.ruled,
    }
    this.layout.tables.push(table)
    region.rows.forEach((row, rowIndex) => {
      if (rowIndex > 0) this.write('\n')
      const start = this.length
      row.lines.forEach((cells, lineIndex) => {
        if (lineIndex > 0) this.write('\n')
        this.writeLine(page, cells, index)
      })
      table.rows.push({ start, end: this.length, box: roundBox(row.box) })
    })
  }
}
