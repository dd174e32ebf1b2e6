/**
 * Build step: bundle the compiled worker (`dist/pipeline/worker/extract-worker.js`
 * and everything it imports) into one CommonJS script, then make V8's code
 * cache of it by extracting the embedded corpus (`input/`) on a worker. Run
 * by `npm run build` after `tsc` and `build-validators`.
 *
 * A module's `import.meta.url` becomes the place its compiled file has beside
 * the bundle, so that it finds what it finds from `dist/` (the precompiled
 * validators, the package root, `require` of papaparse and remark-parse).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { packageRoot } from './lib/package-root.js'
import { WorkerPool, workerBundle } from './worker/worker-pool.js'

const compiledFolder = path.dirname(fileURLToPath(import.meta.url))
const bundleFolder = path.dirname(workerBundle)

/** `import.meta.url` of each compiled module, as a place relative to the bundle. */
const moduleUrls: Plugin = {
  name: 'module-urls',
  setup(plugin) {
    plugin.onLoad({ filter: /\.js$/ }, (file) => {
      if (!file.path.startsWith(compiledFolder + path.sep)) return undefined
      const relative = path.relative(bundleFolder, file.path).split(path.sep).join('/')
      const contents = readFileSync(file.path, 'utf8').replaceAll(
        'import.meta.url',
        `__moduleUrl(${JSON.stringify(relative)})`,
      )
      if (contents.includes('import.meta')) {
        throw new Error(`${file.path}: \`import.meta\` other than \`.url\` cannot be bundled`)
      }
      return { contents, loader: 'js' }
    })
  },
}

await build({
  entryPoints: [path.join(compiledFolder, 'worker', 'extract-worker.js')],
  outfile: workerBundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded at run time by `require` (papaparse) or on first need (remark-parse).
  external: ['papaparse', 'remark-parse'],
  // Strict mode first (the modules were ES modules), then the helper that
  // places each module's `import.meta.url`.
  banner: {
    js: "'use strict';\nconst __moduleUrl = (relative) => require('node:url').pathToFileURL(require('node:path').join(__dirname, relative)).href;",
  },
  plugins: [moduleUrls],
  logLevel: 'warning',
})

// The code cache: the corpus run on one worker, so that the functions it
// needed are compiled into the cache too. Without `input/` (an installed
// package), workers compile the bundle as any script.
const inputFolder = path.join(packageRoot, 'input')
const inputs = (
  existsSync(inputFolder) ? readdirSync(inputFolder, { recursive: true, withFileTypes: true }) : []
)
  .filter((entry) => entry.isFile() && /\.(?:txt|md)$/i.test(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name))
  .sort()
if (inputs.length > 0) {
  const pool = new WorkerPool(1, { makeCodeCache: true })
  try {
    for (const input of inputs) {
      const bytes = readFileSync(input)
      await pool.extract(input, new Uint8Array(bytes), '0'.repeat(64))
    }
    await pool.writeCodeCache()
  } finally {
    await pool.close()
  }
}
