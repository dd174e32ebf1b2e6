/**
 * PDF.js, loaded on first need (a text input never pays for it): its legacy
 * build for Node, with its worker's code in this thread ("fake worker": the
 * worker module is imported, so PDF.js neither spawns a thread nor fetches a
 * script), and the options that keep it off the network and away from font
 * loading.
 */

import { createRequire } from 'node:module'
import path from 'node:path'
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs'

/** The PDF.js module. */
export type PdfJsModule = typeof PdfJs

let loading: Promise<PdfJsModule> | undefined

/**
 * Load PDF.js (once per thread).
 *
 * @returns
 *   The module, its worker's message handler installed in this thread.
 */
export function loadPdfJs(): Promise<PdfJsModule> {
  // `require` of an ES module (Node 20.19 and later), not `import()`: the
  // worker threads run a script compiled from V8's code cache, where a
  // dynamic import has no loader to call ("A dynamic import callback was
  // not specified").
  loading ??= Promise.resolve().then(() => {
    const load = createRequire(import.meta.url)
    const pdfjs = load('pdfjs-dist/legacy/build/pdf.mjs') as PdfJsModule
    // The worker module sets `globalThis.pdfjsWorker`, which PDF.js takes
    // for its worker instead of importing `workerSrc` by URL.
    load('pdfjs-dist/legacy/build/pdf.worker.mjs')
    return pdfjs
  })
  return loading
}

/** Folder of the installed `pdfjs-dist`, with a trailing separator. */
function packageFolder(): string {
  const require = createRequire(import.meta.url)
  return path.dirname(require.resolve('pdfjs-dist/package.json')) + path.sep
}

/**
 * Options of `getDocument` for the bytes of one PDF.
 *
 * @param pdfjs
 *   The module.
 * @param data
 *   The bytes (PDF.js takes them over: pass a copy).
 * @returns
 *   Document parameters: no font faces, no system fonts, no `eval`, errors
 *   only, damaged content an error; CMaps and standard font data (for fonts a
 *   PDF names but does not embed) read from the package's own folders.
 */
export function documentOptions(pdfjs: PdfJsModule, data: Uint8Array) {
  const folder = packageFolder()
  return {
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    useWorkerFetch: false,
    cMapUrl: `${folder}cmaps${path.sep}`,
    cMapPacked: true,
    standardFontDataUrl: `${folder}standard_fonts${path.sep}`,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    // A damaged page is an error, not a page read in part. Note: with it,
    // `maxImageSize` cannot keep images from being decoded (an image left
    // out fails the whole operator list, which comes back empty).
    stopAtErrors: true,
  }
}
