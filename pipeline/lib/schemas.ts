/**
 * The JSON Schemas of `schemas/`, compiled once per process on one strict
 * ajv (JSON Schema 2020-12).
 */

import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import { readSchema } from './package-root.js'

/** An ajv error. */
export type SchemaError = ErrorObject

const ajv = new Ajv2020({ strict: true, allErrors: true })

/** Validates a `document.json` record. */
export const documentValidator = ajv.compile(readSchema('document.schema.json'))

/** Validates an `index.json`. */
export const indexValidator = ajv.compile(readSchema('index.schema.json'))

/** Validates a diff report. */
export const diffValidator = ajv.compile(readSchema('diff.schema.json'))

/** Validates a run report (`run.json`). */
export const runValidator = ajv.compile(readSchema('run.schema.json'))
