/**
 * Table regions into lines of tab-separated cells.
 *
 * A ruled table (`gridsOf`): each piece inside the grid goes to the cell of
 * the column band its left edge is in and of the row band its baseline is
 * in; a cell's pieces are grouped into lines; a row is written as many lines
 * as its tallest cell, the k-th line of every cell on the row's k-th line,
 * so that a cell's lines stay together (NICE centres cells vertically, and
 * their lines would interleave if written as drawn).
 *
 * An unruled table (`alignedTable`): consecutive lines whose segments stand
 * in two or more common column bands; each line is a row.
 */

import type { Box } from '../reader.js'
import { unionBox } from './geometry.js'
import type { Grid } from './grids.js'
import { groupLines, type Segment } from './lines.js'
import type { TextPiece } from './text-pieces.js'

/** One cell's line: its pieces, left to right. */
export type CellLine = TextPiece[]

/** One row of a table, as it will be written. */
export interface TableRow {
  /** The row's lines: for each, one cell line (or none) per column. */
  lines: (CellLine | undefined)[][]
  box: Box
}

/** A table region of a page, ready to write. */
export interface TableRegion {
  box: Box
  columns: [number, number][]
  rows: TableRow[]
  ruled: boolean
}

/**
 * The table of a grid, and the pieces it holds.
 *
 * @param grid
 *   A grid of the page.
 * @param pieces
 *   The page's pieces not yet taken.
 * @returns
 *   The table (undefined when no text is inside the grid) and the pieces
 *   left outside it.
 */
export function ruledTable(
  grid: Grid,
  pieces: readonly TextPiece[],
): { table: TableRegion | undefined; outside: TextPiece[] } {
  const { xs, ys } = grid
  const columnCount = xs.length - 1
  const cells = new Map<number, TextPiece[]>()
  const outside: TextPiece[] = []
  for (const piece of pieces) {
    const x = piece.x0 + Math.min(2, (piece.x1 - piece.x0) / 2)
    const y = piece.baseline + piece.fontSize * 0.25
    const column = band(xs, x, true)
    const row = band(ys, y, false)
    if (column === undefined || row === undefined) {
      outside.push(piece)
      continue
    }
    const key = row * columnCount + column
    const cell = cells.get(key) ?? []
    cell.push(piece)
    cells.set(key, cell)
  }
  const rows: TableRow[] = []
  for (let row = 0; row < ys.length - 1; row++) {
    const cellLines: CellLine[][] = []
    let height = 0
    for (let column = 0; column < columnCount; column++) {
      const lines = groupLines(cells.get(row * columnCount + column) ?? []).map(
        (line) => line.pieces,
      )
      cellLines.push(lines)
      height = Math.max(height, lines.length)
    }
    if (height === 0) continue
    const lines: (CellLine | undefined)[][] = []
    for (let index = 0; index < height; index++) lines.push(cellLines.map((cell) => cell[index]))
    rows.push({
      lines,
      box: [xs[0] as number, ys[row + 1] as number, xs.at(-1) as number, ys[row] as number],
    })
  }
  if (rows.length === 0) return { table: undefined, outside }
  const columns = xs.slice(1).map((x, index): [number, number] => [xs[index] as number, x])
  return { table: { box: grid.box, columns, rows, ruled: true }, outside }
}

/** Index of the band a value is in (`increasing`: boundaries left to right; else top to bottom). */
function band(
  boundaries: readonly number[],
  value: number,
  increasing: boolean,
): number | undefined {
  for (let index = 0; index < boundaries.length - 1; index++) {
    const one = boundaries[index] as number
    const other = boundaries[index + 1] as number
    if (increasing ? value >= one && value < other : value <= one && value > other) return index
  }
  return undefined
}

/**
 * Column bands of consecutive split lines: the x ranges of their segments,
 * those that overlap merged.
 *
 * @param lines
 *   Each line's segments.
 * @returns
 *   Column bands, left to right, and each segment's band (parallel to lines
 *   and segments).
 */
export function columnBands(lines: readonly Segment[][]): {
  bands: [number, number][]
  assigned: number[][]
} {
  const ranges = lines.flat().map((segment): [number, number] => [segment.x0, segment.x1])
  ranges.sort((one, other) => one[0] - other[0])
  const bands: [number, number][] = []
  for (const [x0, x1] of ranges) {
    const last = bands.at(-1)
    if (last && x0 <= last[1]) last[1] = Math.max(last[1], x1)
    else bands.push([x0, x1])
  }
  const assigned = lines.map((segments) =>
    segments.map((segment) => bands.findIndex(([x0, x1]) => segment.x0 >= x0 && segment.x0 <= x1)),
  )
  return { bands, assigned }
}

/**
 * An unruled table of consecutive split lines.
 *
 * @param lines
 *   Each line's segments (two or more lines).
 * @param bands
 *   Their column bands.
 * @param assigned
 *   Each segment's band.
 * @returns
 *   The table: one row per line.
 */
export function alignedTable(
  lines: readonly Segment[][],
  bands: [number, number][],
  assigned: readonly number[][],
): TableRegion {
  const rows: TableRow[] = lines.map((segments, index) => {
    const cells: (CellLine | undefined)[] = bands.map(() => undefined)
    let box: Box | undefined
    segments.forEach((segment, position) => {
      const column = assigned[index]?.[position] ?? 0
      cells[column] = [...(cells[column] ?? []), ...segment.pieces]
      for (const piece of segment.pieces) box = box ? unionBox(box, piece.box) : piece.box
    })
    return { lines: [cells], box: box as Box }
  })
  let box = (rows[0] as TableRow).box
  for (const row of rows) box = unionBox(box, row.box)
  return { box, columns: bands, rows, ruled: false }
}
