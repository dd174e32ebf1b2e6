/**
 * The types of the schemas are generated (`npm run types`), and what is
 * committed is what the schemas give now. The record, index and diff types
 * are the generated ones by name (`DocumentRecord`, `OutputIndex`,
 * `DiffReport`); what is still written by hand is checked against them (by
 * the type check: `expectTypeOf` fails `tsc`, not the test run).
 */

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { generatedFolder, generatedModules, generateTypes } from '../pipeline/build-types.js'
import type { RunDocument } from '../pipeline/commands/extract.js'
import type { GuidexRunReport } from '../pipeline/generated/run.js'
import type { CheckId } from '../pipeline/rules/rule-ids.js'
import type { Finding } from '../pipeline/types.js'

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

  it('are the types of what is written by hand: a run report document, the checks', () => {
    expectTypeOf<RunDocument>().toEqualTypeOf<GuidexRunReport['documents'][number]>()
    // The schema's enum of checks is the registry's ids.
    expectTypeOf<CheckId>().toEqualTypeOf<Finding['check']>()
  })
})
