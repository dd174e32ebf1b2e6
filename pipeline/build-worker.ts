/**
 * Build step: bundle the compiled worker (`dist/pipeline/worker/extract-worker.js`
 * and everything it imports) into one CommonJS script, write the loader that
 * starts it, then make V8's code cache of it by extracting the embedded corpus
 * (`input/`) on a worker. Run by `npm run build` after `tsc` and
 * `build-validators`: `tsc` alone leaves the workers on the last bundle.
 *
 * A module's `import.meta.url` becomes the place its compiled file has beside
 * the bundle, so that it finds what it finds from `dist/` (the precompiled
 * validators, the package root, `require` of papaparse and remark-parse).
 */

import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { packageRoot } from './lib/package-root.js'
import { setBatchTiering } from './worker/v8-flags.js'
import {
  WorkerPool,
  workerBundle,
  workerCodeCache,
  workerLoader,
  workerLoaderSource,
} from './worker/worker-pool.js'

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

const bundled = await build({
  entryPoints: [path.join(compiledFolder, 'worker', 'extract-worker.js')],
  outfile: workerBundle,
  // Written below, whole (a temporary file, then a rename): a run never
  // starts a worker on half a script.
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded at run time by `require` (papaparse) or on first need
  // (remark-parse; pdfjs-dist, an ES module with its own worker module and
  // `import.meta`, by `import()` when a PDF is read, which esbuild keeps).
  external: ['papaparse', 'remark-parse', 'pdfjs-dist'],
  // Strict mode first (the modules were ES modules), then the helper that
  // places each module's `import.meta.url`.
  banner: {
    js: "'use strict';\nconst __moduleUrl = (relative) => require('node:url').pathToFileURL(require('node:path').join(__dirname, relative)).href;",
  },
  plugins: [moduleUrls],
  logLevel: 'warning',
  // A dependency's `import.meta` would become `{}` in CommonJS: fail instead.
  logOverride: { 'empty-import-meta': 'error' },
})
const script = bundled.outputFiles[0]
if (!script) throw new Error('esbuild wrote no worker script')
writeFileSync(`${workerBundle}.tmp`, script.contents)
renameSync(`${workerBundle}.tmp`, workerBundle)
writeFileSync(`${workerLoader}.tmp`, workerLoaderSource())
renameSync(`${workerLoader}.tmp`, workerLoader)

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
  // The flags the command line sets: V8 refuses a cache made under others.
  setBatchTiering()
  const pool = new WorkerPool(1, { cacheControl: true })
  try {
    for (const input of inputs) {
      const bytes = readFileSync(input)
      await pool.extract({ path: input, bytes: new Uint8Array(bytes), sha256: '0'.repeat(64) })
    }
    await pool.writeCodeCache()
  } finally {
    await pool.close()
  }
  // V8 refuses a cache made under other V8 flags (`NODE_OPTIONS` included):
  // workers then compile the script as usual, only slower. Say so.
  const check = new WorkerPool(1, { cacheControl: true })
  try {
    if (!(await check.codeCacheUsed())) {
      process.emitWarning(`V8 refused the worker's code cache just made (${workerCodeCache})`)
    }
  } finally {
    await check.close()
  }
}
