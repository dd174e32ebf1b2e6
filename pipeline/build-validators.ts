/**
 * Build step: compile the JSON Schemas into standalone validator code
 * (`dist/pipeline/lib/schema-validators.cjs`), so no thread compiles them at
 * run time. Run by `npm run build` after `tsc`.
 */

import { writeFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import standalone from 'ajv/dist/standalone/index.js'
import { readSchema } from './lib/package-root.js'
import { ajvOptions, precompiledFile, schemaFiles, schemasDigest } from './lib/schemas.js'

// A CommonJS module: its function is the `default` of what Node hands over.
const standaloneCode = standalone.default
const ajv = new Ajv2020({ ...ajvOptions, code: { source: true } })
for (const [name, file] of Object.entries(schemaFiles)) ajv.addSchema(readSchema(file), name)
const names = Object.fromEntries(Object.keys(schemaFiles).map((name) => [name, name]))
const code = `${standaloneCode(ajv, names)}\nexports.digest = ${JSON.stringify(schemasDigest())};\n`
writeFileSync(precompiledFile, code)
