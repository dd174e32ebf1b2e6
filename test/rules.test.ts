/**
 * The rule registry: every check id has one rule module in the registered
 * list, its severities in one table, its id in the schema's enum of
 * `finding.check` and in the README's table of checks; message rule ids are
 * apart from check ids.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { consistencyRules, documentRules, batchRules } from '../pipeline/rules/index.js'
import { checkId, messageRule } from '../pipeline/rules/rule-ids.js'
import { severities } from '../pipeline/rules/severities.js'
import { repositoryRoot } from './helpers.js'

const checkIds = Object.values(checkId)

describe('rule registry', () => {
  it('has one rule per check id, none unregistered', () => {
    expect(consistencyRules.map((rule) => rule.id).sort()).toEqual([...checkIds].sort())
    expect([...documentRules, ...batchRules]).toHaveLength(consistencyRules.length)
  })

  it('gives every check its severities', () => {
    expect(Object.keys(severities).sort()).toEqual([...checkIds].sort())
  })

  it('is the enum of `finding.check` in the document schema', () => {
    const schema = JSON.parse(
      readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8'),
    ) as { $defs: { finding: { properties: { check: { enum: string[] } } } } }
    expect(schema.$defs.finding.properties.check.enum).toEqual(checkIds)
  })

  it('is the README’s table of checks', () => {
    const readme = readFileSync(path.join(repositoryRoot, 'README.md'), 'utf8')
    const table = readme.slice(
      readme.indexOf('| check '),
      readme.indexOf('\n\n', readme.indexOf('| check ')),
    )
    const named = [...table.matchAll(/^\| ([^|]+)\|/gm)].flatMap((row) =>
      [...(row[1] as string).matchAll(/`([a-z0-9-]+)`/g)].map((match) => match[1] as string),
    )
    // The table lists the checks, and beside them the reading warnings `check` shows.
    const checks = named.filter((id) => (checkIds as string[]).includes(id))
    expect(checks.sort()).toEqual([...checkIds].sort())
    const readingWarnings = named.filter((id) => !(checkIds as string[]).includes(id))
    expect(
      readingWarnings.filter((id) => !(Object.values(messageRule) as string[]).includes(id)),
    ).toEqual([])
  })

  it('keeps message rule ids unique and apart from check ids', () => {
    const messageIds = Object.values(messageRule)
    expect(new Set(messageIds).size).toBe(messageIds.length)
    expect(messageIds.filter((id) => (checkIds as string[]).includes(id))).toEqual([])
  })
})
