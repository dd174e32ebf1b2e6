/**
 * The schemas are strict 2020-12 schemas, every corpus record validates
 * against them on a separate ajv, and the schema and the TypeScript record
 * type name the same keys.
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { extractRepositoryFile, extractText, repositoryRoot } from './helpers.js'

const schema = JSON.parse(
  readFileSync(path.join(repositoryRoot, 'schemas/document.schema.json'), 'utf8'),
) as { required: string[]; $defs: Record<string, { required?: string[] }> }

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema)

describe('document schema', () => {
  it.each([
    'input/000_ae64daafe6017921.txt',
    'input/001_28967b82888de774.txt',
    'input/002_72932ba4be983c8d.txt',
    'input/003_40de2706bbf25dc3.txt',
    'input/004_31ea673aef284142.txt',
    'input/releases/ipg633-2018-11-28.txt',
  ])('validates the record of %s', (file) => {
    const { record } = extractRepositoryFile(file)
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true)
  })

  it('names the same keys as the record', () => {
    const { record } = extractRepositoryFile('input/002_72932ba4be983c8d.txt')
    expect(Object.keys(record).sort()).toEqual([...schema.required].sort())
    expect(Object.keys(record.metadata).sort()).toEqual(
      [...(schema.$defs.metadata?.required ?? [])].sort(),
    )
    const section = record.sections[1]
    expect(Object.keys(section ?? {}).sort()).toEqual(
      [...(schema.$defs.section?.required ?? [])].sort(),
    )
    expect(Object.keys(section?.paragraphs[0] ?? {}).sort()).toEqual(
      [...(schema.$defs.paragraph?.required ?? [])].sort(),
    )
  })

  it('rejects a record that breaks it, and the pipeline reports the place', () => {
    const { record } = extractRepositoryFile('input/001_28967b82888de774.txt')
    const broken = structuredClone(record)
    ;(broken.metadata as { published: string }).published = '28 November 2018'
    expect(validate(broken)).toBe(false)
    expect(validate.errors?.[0]?.instancePath).toBe('/metadata/published')
  })

  it('fails a document whose record would not validate, without writing it', () => {
    // A guidance id too long for the schema's pattern is caught by validate.
    const { file, messages } = extractText(
      'Title\n\nwww.nice.org.uk/guidance/abcd1234567\n\nText.\n',
    )
    expect(file.data.record?.metadata.guidanceId).toBe(null)
    expect(messages).toEqual([])
  })
})
