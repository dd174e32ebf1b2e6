/**
 * The committed PDF fixtures are what their generator makes
 * (`test/fixtures/pdf/make-pdfs.ts`); `UPDATE=1` writes them afresh.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturePdfs } from './fixtures/pdf/make-pdfs.js'
import { repositoryRoot } from './helpers.js'

const folder = path.join(repositoryRoot, 'test', 'fixtures', 'pdf')

describe('PDF fixtures', () => {
  for (const [name, bytes] of Object.entries(fixturePdfs())) {
    it(`${name} is what the generator makes`, () => {
      const file = path.join(folder, name)
      if (process.env.UPDATE) writeFileSync(file, bytes)
      expect(Buffer.from(readFileSync(file)).equals(Buffer.from(bytes))).toBe(true)
    })
  }
})
