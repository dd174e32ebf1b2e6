/**
 * Build step (`npm run types`): the TypeScript types of `schemas/*.json`,
 * generated with json-schema-to-typescript into `pipeline/generated/`, so the
 * record, index, run and diff types are the schemas' own and cannot drift
 * from them. The output is committed; `test/generated-types.test.ts` checks
 * that generating again changes nothing.
 */

import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { compile } from 'json-schema-to-typescript'
import * as prettier from 'prettier'
import { packageRoot } from './lib/package-root.js'

/** Each schema and the module generated from it. */
export const generatedModules = [
  { schema: 'document.schema.json', module: 'document.ts' },
  { schema: 'index.schema.json', module: 'index.ts' },
  { schema: 'run.schema.json', module: 'run.ts' },
  { schema: 'diff.schema.json', module: 'diff.ts' },
] as const

/** Where the generated modules are (in the sources, not in `dist/`). */
export const generatedFolder = path.join(packageRoot, 'pipeline', 'generated')

/**
 * Generate the modules.
 *
 * @returns
 *   Each module's file name and text.
 */
export async function generateTypes(): Promise<{ module: string; text: string }[]> {
  const style = await prettier.resolveConfig(path.join(generatedFolder, 'document.ts'))
  return Promise.all(
    generatedModules.map(async ({ schema, module }) => {
      const parsed = JSON.parse(readFileSync(path.join(packageRoot, 'schemas', schema), 'utf8'))
      const code = await compile(parsed, module.replace(/\.ts$/, ''), {
        bannerComment: `/**\n * Generated from \`schemas/${schema}\` by \`npm run types\` (\`pipeline/build-types.ts\`): do not edit.\n */`,
        additionalProperties: false,
        strictIndexSignatures: true,
        unreachableDefinitions: true,
        ignoreMinAndMaxItems: true,
        format: false,
      })
      const text = await prettier.format(code, { ...style, parser: 'typescript' })
      return { module, text }
    }),
  )
}

// Run as a script: write the modules.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const { module, text } of await generateTypes()) {
    writeFileSync(path.join(generatedFolder, module), text)
  }
}
