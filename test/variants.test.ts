/**
 * Variant documents of the corpus layouts (the fixture folders, each with an
 * `expected-by-hand.json`: footers with page numbers, decimals wrapped to a
 * line start, glued headers, name lists, hard wraps at 75 characters),
 * against expectations written by a person reading them; see
 * `expectations.ts`. Their snapshots (`output.json`, `messages.txt`) are
 * checked by `fixtures.test.ts`.
 */

import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { checkExpectations } from './expectations.js'
import { repositoryRoot } from './helpers.js'

const fixtures = path.join(repositoryRoot, 'test/fixtures')
const folders = readdirSync(fixtures)
const expectations = folders.filter((name) =>
  existsSync(path.join(fixtures, name, 'expected-by-hand.json')),
)

// Every case has its hand-written expectations: a snapshot never stands alone.
checkExpectations(
  expectations.map((name) => `test/fixtures/${name}/expected-by-hand.json`),
  folders
    .filter((name) => existsSync(path.join(fixtures, name, 'input.txt')))
    .map((name) => `test/fixtures/${name}/input.txt`),
)
