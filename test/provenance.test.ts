/**
 * Every `source` in every corpus record points at the raw file: slicing the
 * raw text at `offset` gives `text`, and `line`/`column` agree with `offset`.
 */

import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Source } from '../pipeline/types.js'
import { extractRepositoryFile, repositoryRoot } from './helpers.js'

const corpus = [
  ...readdirSync(path.join(repositoryRoot, 'input'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => `input/${name}`),
  'input/releases/ipg633-2018-11-28.txt',
]

/** Every object with a `source` key, anywhere in a value. */
function collectSources(value: unknown, found: Source[] = []): Source[] {
  if (Array.isArray(value)) {
    for (const item of value) collectSources(item, found)
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'source' || key === 'itemSources') && child && typeof child === 'object') {
        for (const source of Array.isArray(child) ? child : [child]) {
          if ('offset' in source) found.push(source as Source)
        }
      } else {
        collectSources(child, found)
      }
    }
  }
  return found
}

describe.each(corpus)('%s', (file) => {
  const { record, raw } = extractRepositoryFile(file)
  const sources = collectSources(record)
  const lines = raw.split(/\r\n|\r|\n/)

  it('has provenance on every heading and paragraph', () => {
    expect(sources.length).toBeGreaterThan(0)
  })

  it('slices the raw file at each offset to the recorded text', () => {
    const wrong = sources.filter(
      (source) => raw.slice(source.offset, source.offset + source.text.length) !== source.text,
    )
    expect(wrong).toEqual([])
    expect(sources.filter((source) => source.text.trim() === '')).toEqual([])
  })

  it('gives the line and column of each offset', () => {
    for (const source of sources) {
      const line = lines[source.line - 1] ?? ''
      const firstLine = (source.text.split(/\r\n|\r|\n/)[0] ?? '').slice(0, 20)
      expect(line.slice(source.column - 1, source.column - 1 + firstLine.length)).toBe(firstLine)
    }
  })
})
