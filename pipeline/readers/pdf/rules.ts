/**
 * The ruling lines a page draws, from its PDF.js operator list: thin filled
 * rectangles (how Prince and most producers draw table borders) and
 * straight stroked segments, horizontal or vertical, in page space.
 */

import type { PdfJsModule } from './pdfjs.js'
import { identity, type Matrix, multiply, transformBox } from './geometry.js'

/** A horizontal or vertical ruling line. */
export interface Rule {
  horizontal: boolean
  /** y of a horizontal rule, x of a vertical one. */
  position: number
  /** Where it starts along its direction (left x, bottom y). */
  from: number
  /** Where it ends along its direction (right x, top y). */
  to: number
}

/** A rule is at most this thick (points). */
const maximumThickness = 3

/** A rule is at least this long (points). */
const minimumLength = 4

/** PDF.js's path drawing codes (`DrawOPS`). */
const draw = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const

/**
 * The rules of a page.
 *
 * @param operators
 *   `page.getOperatorList()`.
 * @param pdfjs
 *   The PDF.js module (for its operator codes).
 * @returns
 *   Horizontal and vertical rules, in page space.
 */
export function rulesOf(
  operators: { fnArray: number[]; argsArray: unknown[] },
  pdfjs: PdfJsModule,
): Rule[] {
  const { OPS } = pdfjs
  const fills = new Set<number>([OPS.fill, OPS.eoFill])
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke])
  const both = new Set<number>([
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ])
  const rules: Rule[] = []
  const stack: { matrix: Matrix; lineWidth: number }[] = []
  let matrix = identity
  let lineWidth = 1
  for (let index = 0; index < operators.fnArray.length; index++) {
    const operation = operators.fnArray[index]
    const args = operators.argsArray[index] as unknown[] | null
    switch (operation) {
      case OPS.save:
        stack.push({ matrix, lineWidth })
        break
      case OPS.restore: {
        const saved = stack.pop()
        if (saved) ({ matrix, lineWidth } = saved)
        break
      }
      case OPS.transform:
        matrix = multiply(args as Matrix, matrix)
        break
      case OPS.paintFormXObjectBegin: {
        stack.push({ matrix, lineWidth })
        const formMatrix = args?.[0] as Matrix | null | undefined
        if (formMatrix) matrix = multiply(formMatrix, matrix)
        break
      }
      case OPS.paintFormXObjectEnd: {
        const saved = stack.pop()
        if (saved) ({ matrix, lineWidth } = saved)
        break
      }
      case OPS.setLineWidth:
        lineWidth = Number(args?.[0] ?? 1)
        break
      case OPS.constructPath: {
        const paint = Number(args?.[0])
        const path = (args?.[1] as (ArrayLike<number> | null)[] | undefined)?.[0]
        const bounds = args?.[2] as ArrayLike<number> | null | undefined
        if (!path || !bounds) break
        if (fills.has(paint) || both.has(paint)) {
          const rule = thinBox(matrix, bounds)
          if (rule) rules.push(rule)
        }
        if (strokes.has(paint) || both.has(paint)) {
          const width = lineWidth * Math.hypot(matrix[0], matrix[1])
          if (width <= maximumThickness) strokedRules(path, matrix, rules)
        }
        break
      }
    }
  }
  return rules
}

/** A filled path whose box is thin and long: a rule. */
function thinBox(matrix: Matrix, bounds: ArrayLike<number>): Rule | undefined {
  const [x0, y0, x1, y1] = transformBox(
    matrix,
    bounds[0] as number,
    bounds[1] as number,
    bounds[2] as number,
    bounds[3] as number,
  )
  const width = x1 - x0
  const height = y1 - y0
  if (height <= maximumThickness && width >= minimumLength) {
    return { horizontal: true, position: (y0 + y1) / 2, from: x0, to: x1 }
  }
  if (width <= maximumThickness && height >= minimumLength) {
    return { horizontal: false, position: (x0 + x1) / 2, from: y0, to: y1 }
  }
  return undefined
}

/** The straight, axis-aligned segments of a stroked path. */
function strokedRules(path: ArrayLike<number>, matrix: Matrix, rules: Rule[]): void {
  const [a, b, c, d, e, f] = matrix
  let startX = 0
  let startY = 0
  let x = 0
  let y = 0
  const segment = (toX: number, toY: number) => {
    const x0 = a * x + c * y + e
    const y0 = b * x + d * y + f
    const x1 = a * toX + c * toY + e
    const y1 = b * toX + d * toY + f
    if (Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= minimumLength) {
      rules.push({
        horizontal: true,
        position: (y0 + y1) / 2,
        from: Math.min(x0, x1),
        to: Math.max(x0, x1),
      })
    } else if (Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= minimumLength) {
      rules.push({
        horizontal: false,
        position: (x0 + x1) / 2,
        from: Math.min(y0, y1),
        to: Math.max(y0, y1),
      })
    }
    x = toX
    y = toY
  }
  let index = 0
  while (index < path.length) {
    const code = path[index]
    if (code === draw.moveTo) {
      startX = x = path[index + 1] as number
      startY = y = path[index + 2] as number
      index += 3
    } else if (code === draw.lineTo) {
      segment(path[index + 1] as number, path[index + 2] as number)
      index += 3
    } else if (code === draw.curveTo) {
      x = path[index + 5] as number
      y = path[index + 6] as number
      index += 7
    } else if (code === draw.quadraticCurveTo) {
      x = path[index + 3] as number
      y = path[index + 4] as number
      index += 5
    } else if (code === draw.closePath) {
      segment(startX, startY)
      index += 1
    } else {
      break
    }
  }
}
