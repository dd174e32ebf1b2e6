/**
 * The JSON Schemas of `schemas/` as validators (strict ajv, JSON Schema
 * 2020-12).
 *
 * The build compiles them once into standalone code
 * (`dist/pipeline/lib/schema-validators.cjs`, see `build-validators.ts`):
 * every process and worker thread then loads plain functions instead of
 * compiling the schemas again, which took a quarter of a second per thread.
 * The compiled file carries a digest of the schema texts; when it is absent
 * (tests run from the sources) or was built from other schemas, the schemas
 * are compiled here instead.
 */

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Ajv2020 as Ajv2020Class, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import { packageRoot, readSchema } from './package-root.js'

/** An ajv error. */
export type SchemaError = ErrorObject

/** The schemas, by the name of their validator. */
export const schemaFiles = {
  document: 'document.schema.json',
  index: 'index.schema.json',
  diff: 'diff.schema.json',
  run: 'run.schema.json',
} as const

/** A validator name. */
export type SchemaName = keyof typeof schemaFiles

/** The ajv options every validator is compiled with. */
export const ajvOptions = { strict: true, allErrors: true } as const

/** Where the build writes the standalone validators (beside the compiled module). */
export const precompiledFile = fileURLToPath(new URL('./schema-validators.cjs', import.meta.url))

/**
 * sha256 of the schema texts, in name order: the compiled validators are used
 * only when they were built from exactly these schemas.
 *
 * @returns
 *   Hex digest.
 */
export function schemasDigest(): string {
  const hash = createHash('sha256')
  for (const file of Object.values(schemaFiles)) {
    hash.update(readFileSync(path.join(packageRoot, 'schemas', file)))
  }
  return hash.digest('hex')
}

type Validators = Record<SchemaName, ValidateFunction>

const validators: Validators = loadValidators()

/** Validates a `document.json` record. */
export const documentValidator = validators.document

/** Validates an `index.json`. */
export const indexValidator = validators.index

/** Validates a diff report. */
export const diffValidator = validators.diff

/** Validates a run report (`run.json`). */
export const runValidator = validators.run

/**
 * The precompiled validators if they match the schemas, else freshly compiled
 * ones. Synchronous (ajv is CommonJS), so that this module has no top-level
 * `await` and can be bundled into the worker script (`build-worker.ts`).
 */
function loadValidators(): Validators {
  const load = createRequire(import.meta.url)
  if (existsSync(precompiledFile)) {
    const compiled = load(precompiledFile) as Validators & { digest: string }
    if (compiled.digest === schemasDigest()) return compiled
  }
  // Loaded only here: with precompiled validators a thread never needs ajv's compiler.
  const { Ajv2020 } = load('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Class }
  const ajv = new Ajv2020(ajvOptions)
  const entries = Object.entries(schemaFiles).map(([name, file]) => [
    name,
    ajv.compile(readSchema(file)),
  ])
  return Object.fromEntries(entries) as Validators
}
