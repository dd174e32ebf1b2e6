/**
 * The corpus documents against expectations written by a person reading them
 * (`test/fixtures/corpus/*.expected.json`); see `expectations.ts`.
 */

import { readdirSync } from 'node:fs'
import path from 'node:path'
import { checkExpectations } from './expectations.js'
import { repositoryRoot } from './helpers.js'

checkExpectations(
  readdirSync(path.join(repositoryRoot, 'test/fixtures/corpus'))
    .filter((name) => name.endsWith('.expected.json'))
    .map((name) => `test/fixtures/corpus/${name}`),
  [
    ...readdirSync(path.join(repositoryRoot, 'input'))
      .filter((name) => name.endsWith('.txt'))
      .map((name) => `input/${name}`),
    ...readdirSync(path.join(repositoryRoot, 'input/releases')).map(
      (name) => `input/releases/${name}`,
    ),
  ],
)
