/**
 * Variant documents of the corpus layouts (`test/fixtures/variants/*.txt`),
 * written to break the reading (footers with page numbers, decimals wrapped
 * to a line start, glued headers, name lists, hard wraps at 75 characters),
 * against expectations written by a person reading them; see `expectations.ts`.
 */

import { readdirSync } from 'node:fs'
import path from 'node:path'
import { checkExpectations } from './expectations.js'
import { repositoryRoot } from './helpers.js'

checkExpectations(
  'test/fixtures/variants',
  readdirSync(path.join(repositoryRoot, 'test/fixtures/variants'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => `test/fixtures/variants/${name}`),
)
