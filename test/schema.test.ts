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
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { hasFailed, summarise } from '../pipeline/extract-document.js'
import { schemasDigest } from '../pipeline/lib/schemas.js'
import { validateRecord } from '../pipeline/stages/validate-record.js'
import type { Paragraph, Result } from '../pipeline/types.js'
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

  it('reads no id from an address too long for the schema’s pattern, and the record stays valid', () => {
    const { file, messages, record } = extractText(
      'Title\n\nwww.nice.org.uk/guidance/abcd1234567\n\nText.\n',
    )
    expect(file.data.record?.metadata.guidanceId).toBe(null)
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true)
    expect(messages).toEqual([])
  })
})

describe('a record that would not validate', () => {
  const path = 'input/003_40de2706bbf25dc3.txt'
  const { file: extracted, record } = extractRepositoryFile(path)
  const broken = structuredClone(record)
  const sectionIndex = broken.sections.findIndex((section) => section.paragraphs.length > 0)
  const paragraph = broken.sections[sectionIndex]?.paragraphs[0] as Paragraph
  const result = broken.results[3] as Result
  const withCi = broken.results.find((candidate) => candidate.ci !== null) as Result
  const withCiIndex = broken.results.indexOf(withCi)
  ;(broken.metadata as { published: unknown }).published = '28 November 2018'
  ;(paragraph as { number: unknown }).number = 5
  ;(result as { value: unknown }).value = 'twelve'
  ;(withCi.ci as { lower: unknown }).lower = 'low'
  // The validate stage alone, on a file as the stages before it leave it.
  const file = new VFile({ path, value: extracted.value })
  file.data.record = broken
  validateRecord()(undefined, file)

  it('fails the document, and it is not written', () => {
    expect(hasFailed(file)).toBe(true)
    expect(summarise(file).document).toBeNull()
    expect(file.messages.every((message) => message.ruleId === 'schema')).toBe(true)
  })

  it('places each schema error at the nearest source on its path', () => {
    const at = (source: { line: number; column: number }) => `${source.line}:${source.column}`
    const placed = file.messages.map(
      (message) =>
        `${message.line ?? 1}:${message.column ?? 1} ${/`([^`]*)`/.exec(message.reason)?.[1]}`,
    )
    // An error under `anyOf`/`oneOf` comes with the branches' errors too: compare the places.
    expect([...new Set(placed)].sort()).toEqual(
      [
        // Nothing on the way to the metadata has a source (the record's own is the file's).
        '1:1 /metadata/published',
        `${at(paragraph.source)} /sections/${sectionIndex}/paragraphs/0/number`,
        `${at(result.source)} /results/3/value`,
        // A CI has no source: the result holding it has (the CI is also not `null`, the other branch).
        `${at(withCi.source)} /results/${withCiIndex}/ci/lower`,
        `${at(withCi.source)} /results/${withCiIndex}/ci`,
      ].sort(),
    )
    // The places are real places of the raw text, not the file's start.
    expect(at(result.source)).not.toBe('1:1')
    expect(result.source.line).not.toBe(withCi.source.line)
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
