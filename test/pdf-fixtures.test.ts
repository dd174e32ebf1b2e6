/**
 * The committed PDF fixtures are what their generator makes
 * (`test/fixtures/pdf/make-pdfs.ts`), in `test/fixtures/pdf/` and the layout cases;
 * `UPDATE=1` writes them afresh.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePdfs, layoutFixturePdfs } from './fixtures/pdf/make-pdfs.js'
import { repositoryRoot } from './helpers.js'

const fixtures = path.join(repositoryRoot, 'test', 'fixtures')

describe('PDF fixtures', () => {
  const made = [
    ...Object.entries(fixturePdfs()).map(([name, bytes]) => [`pdf/${name}`, bytes] as const),
    ...Object.entries(layoutFixturePdfs()).map(
      ([name, bytes]) => [`layout/${name}`, bytes] as const,
    ),
  ]
  for (const [name, bytes] of made) {
    it(`${name} is what the generator makes`, () => {
      const file = path.join(fixtures, name)
      if (process.env.UPDATE) writeFileSync(file, bytes)
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true)
    })
  }
})
