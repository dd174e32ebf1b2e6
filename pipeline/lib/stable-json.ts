/**
 * JSON laid out for people and for line diffs: a value that fits on one line
 * (at most `width` characters) is written on one line, anything larger is
 * broken into one member per line, two spaces deep. Key order is the
 * objects' own, so the same record always gives the same bytes.
 */

/** Widest single-line value. */
const width = 100

/**
 * Serialise a value.
 *
 * @param value
 *   JSON-compatible value.
 * @returns
 *   JSON text with a final newline.
 */
export function stableJson(value: unknown): string {
  return `${write(value, '')}\n`
}

function write(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const inner = `${indent}  `
  const isArray = Array.isArray(value)
  const parts: string[] = []
  let flat = true
  let length = indent.length
  if (isArray) {
    for (const item of value as unknown[]) {
      const text = write(item === undefined ? null : item, inner)
      if (text.includes('\n')) flat = false
      length += text.length + 2
      parts.push(text)
    }
  } else {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined) continue
      const text = `${JSON.stringify(key)}: ${write(item, inner)}`
      if (text.includes('\n')) flat = false
      length += text.length + 2
      parts.push(text)
    }
  }
  const [open, close] = isArray ? ['[', ']'] : ['{', '}']
  if (parts.length === 0) return `${open}${close}`
  if (flat && length + 2 <= width) return `${open}${parts.join(', ')}${close}`
  return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${indent}${close}`
}
