import { describe, expect, it } from 'vitest'
import {
  alignMapped,
  joinMapped,
  mappedFromRaw,
  rawOffsetAt,
  rawRange,
  sliceMapped,
  trimMapped,
} from '../pipeline/lib/mapped-text.js'

describe('mapped text', () => {
  const raw = 'first line\nsecond line'
  const first = mappedFromRaw('first line', 0)
  const second = mappedFromRaw('second line', 11)

  it('maps a joined text back to both raw lines', () => {
    const joined = joinMapped([first, second])
    expect(joined.value).toBe('first line second line')
    expect(rawOffsetAt(joined, 0)).toBe(0)
    expect(rawOffsetAt(joined, 11)).toBe(11) // `s` of `second`
    expect(raw.slice(rawOffsetAt(joined, 11), rawOffsetAt(joined, 11) + 6)).toBe('second')
    // The inserted space maps to the line end before it.
    expect(rawOffsetAt(joined, 10)).toBe(10)
  })

  it('keeps the map through slice and trim', () => {
    const joined = joinMapped([first, second])
    const slice = trimMapped(sliceMapped(joined, 5, 14))
    expect(slice.value).toBe('line sec')
    const { start, end } = rawRange(slice)
    expect(raw.slice(start, end)).toBe('line\nsec')
  })

  it('aligns text with markdown escapes removed', () => {
    const source = mappedFromRaw('a \\(b\\) c', 100)
    const aligned = alignMapped('a (b) c', source)
    expect(rawOffsetAt(aligned, 2)).toBe(103) // `(` after its backslash
    expect(rawOffsetAt(aligned, 6)).toBe(108) // `c`
  })
})
