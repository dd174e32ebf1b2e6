/**
 * Table grids from ruling lines: rules that cross or touch one another form
 * a grid; a grid with at least two columns, or one column parted into at
 * least three rows, is a table. Its column
 * boundaries are the x of its vertical rules, its row boundaries the y of
 * its horizontal rules that reach across a cell (a link's underline inside
 * a cell touches no vertical rule and divides nothing).
 */

import type { Box } from '../reader.js'
import type { Rule } from './rules.js'

/** A ruled table's grid. */
export interface Grid {
  box: Box
  /** Column boundaries, left to right. */
  xs: number[]
  /** Row boundaries, top to bottom. */
  ys: number[]
}

/** Rules closer than this (points) touch; boundaries closer than this are one. */
const tolerance = 2

/**
 * The grids the rules of a page draw.
 *
 * @param rules
 *   The page's rules.
 * @returns
 *   Grids of two or more columns or three or more rows, top to bottom.
 */
export function gridsOf(rules: readonly Rule[]): Grid[] {
  const horizontals = merge(rules.filter((rule) => rule.horizontal))
  const verticals = merge(rules.filter((rule) => !rule.horizontal))
  if (horizontals.length < 2 || verticals.length === 0) return []
  const crosses = (horizontal: Rule, vertical: Rule) =>
    vertical.position >= horizontal.from - tolerance &&
    vertical.position <= horizontal.to + tolerance &&
    horizontal.position >= vertical.from - tolerance &&
    horizontal.position <= vertical.to + tolerance
  // Connected components of the crossing graph (union-find over both kinds).
  const all = [...horizontals, ...verticals]
  const parent = all.map((_, index) => index)
  const find = (index: number): number => {
    while (parent[index] !== index)
      index = parent[index] = parent[parent[index] as number] as number
    return index
  }
  for (let h = 0; h < horizontals.length; h++) {
    for (let v = 0; v < verticals.length; v++) {
      if (crosses(horizontals[h] as Rule, verticals[v] as Rule)) {
        parent[find(h)] = find(horizontals.length + v)
      }
    }
  }
  const components = new Map<number, Rule[]>()
  all.forEach((rule, index) => {
    const root = find(index)
    const members = components.get(root) ?? []
    members.push(rule)
    components.set(root, members)
  })
  const grids: Grid[] = []
  for (const members of components.values()) {
    const rows = members.filter((rule) => rule.horizontal)
    const columns = members.filter((rule) => !rule.horizontal)
    // A boundary reaches across at least one cell: it crosses two rules.
    const rowBoundaries = rows.filter(
      (row) => columns.filter((column) => crosses(row, column)).length >= 2,
    )
    const columnBoundaries = columns.filter(
      (column) => rows.filter((row) => crosses(row, column)).length >= 2,
    )
    if (rowBoundaries.length < 2 || columnBoundaries.length === 0) continue
    const left = Math.min(...rowBoundaries.map((rule) => rule.from))
    const right = Math.max(...rowBoundaries.map((rule) => rule.to))
    const xs = distinct([left, right, ...columnBoundaries.map((rule) => rule.position)])
    const ys = distinct(rowBoundaries.map((rule) => rule.position)).reverse()
    // One column is a table when rules part it into rows (`Outcome` over
    // its rows); one ruled box around text is not.
    if (xs.length < 3 && ys.length < 4) continue
    grids.push({
      box: [xs[0] as number, ys.at(-1) as number, xs.at(-1) as number, ys[0] as number],
      xs,
      ys,
    })
  }
  return grids.sort((one, other) => other.box[3] - one.box[3])
}

/** Rules of one kind on one line that overlap or touch, merged. */
function merge(rules: Rule[]): Rule[] {
  const sorted = [...rules].sort(
    (one, other) => one.position - other.position || one.from - other.from,
  )
  const merged: Rule[] = []
  for (const rule of sorted) {
    const last = merged.at(-1)
    if (
      last &&
      Math.abs(last.position - rule.position) <= tolerance &&
      rule.from <= last.to + tolerance
    ) {
      last.to = Math.max(last.to, rule.to)
      continue
    }
    merged.push({ ...rule })
  }
  return merged
}

/** Sorted values, those closer than the tolerance taken as one. */
function distinct(values: number[]): number[] {
  const sorted = [...values].sort((one, other) => one - other)
  const kept: number[] = []
  for (const value of sorted) {
    if (kept.length === 0 || value - (kept.at(-1) as number) > tolerance) kept.push(value)
  }
  return kept
}
