/**
 * The schemas are strict 2020-12 schemas, every corpus record validates
 * against them on a separate ajv, and the schema and the TypeScript record
 * type name the same keys. The validators the build precompiles are the
 * schemas' own.
 */

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { schemasDigest } from '../pipeline/lib/schemas.js'
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

describe('precompiled validators (the build)', () => {
  // `npm test` builds before vitest runs, so the compiled module is there.
  const compiledFile = path.join(repositoryRoot, 'dist/pipeline/lib/schema-validators.cjs')
  const compiled = createRequire(import.meta.url)(compiledFile) as Record<
    'document' | 'index' | 'diff' | 'run',
    ValidateFunction
  > & { digest: string }

  it('were built from the schemas as they stand', () => {
    expect(compiled.digest).toBe(schemasDigest())
  })

  it('give the same verdicts and errors as the schemas compiled afresh', () => {
    const { record } = extractRepositoryFile('input/003_40de2706bbf25dc3.txt')
    expect(compiled.document(record)).toBe(true)
    const broken = structuredClone(record) as unknown as {
      metadata: { published: unknown }
      results: { value: unknown; source: { line: unknown } }[]
    }
    broken.metadata.published = '28 November 2018'
    ;(broken.results[3] as { value: unknown }).value = 'twelve'
    delete (broken.results[7] as { source: { line?: unknown } }).source.line
    expect(compiled.document(broken)).toBe(false)
    expect(validate(broken)).toBe(false)
    expect(compiled.document.errors).toEqual(validate.errors)
    expect(compiled.document.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/metadata/published', '/results/3/value', '/results/7/source']),
    )
  })
})
