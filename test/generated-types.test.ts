/**
 * The types of the schemas are generated (`npm run types`), and what is
 * committed is what the schemas give now; the index, run and diff types the
 * writer, the run report and the diff use are the schemas' own (checked by
 * the type check: `expectTypeOf` fails `tsc`, not the test run).
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { generatedFolder, generatedModules, generateTypes } from '../pipeline/build-types.js'
import type { RunDocument } from '../pipeline/commands/extract.js'
import type { DiffReport } from '../pipeline/diff/diff-records.js'
import type { GuidexDiffReport } from '../pipeline/generated/diff.js'
import type { GuidexDocumentRecord } from '../pipeline/generated/document.js'
import type { GuidexOutputIndex } from '../pipeline/generated/index.js'
import type { GuidexRunReport } from '../pipeline/generated/run.js'
import type { CheckId } from '../pipeline/rules/rule-ids.js'
import type { DocumentRecord, Finding } from '../pipeline/types.js'
import type { OutputIndex } from '../pipeline/write-output.js'

describe('types generated from the schemas', () => {
  it('are what the schemas give now (run `npm run types` after changing a schema)', async () => {
    const generated = await generateTypes()
    expect(generated.map(({ module }) => module)).toEqual(
      generatedModules.map(({ module }) => module),
    )
    for (const { module, text } of generated) {
      expect(readFileSync(path.join(generatedFolder, module), 'utf8'), module).toBe(text)
    }
  })

  it('are the types of the record, the index, the run report and the diff', () => {
    expectTypeOf<DocumentRecord>().toEqualTypeOf<GuidexDocumentRecord>()
    expectTypeOf<OutputIndex>().toEqualTypeOf<GuidexOutputIndex>()
    expectTypeOf<RunDocument>().toEqualTypeOf<GuidexRunReport['documents'][number]>()
    expectTypeOf<DiffReport>().toEqualTypeOf<GuidexDiffReport>()
    // The schema's enum of checks is the registry's ids.
    expectTypeOf<CheckId>().toEqualTypeOf<Finding['check']>()
  })
})
