/**
 * One timed run of the PDF reader, in a process of its own: every PDF of a
 * folder read in turn, on one thread (so the figure is per core), from its
 * bytes to its text layer and layout.
 *
 * ```
 * node dist/bench/pdf-run.js <folder of PDFs>
 * ```
 *
 * Prints `{"seconds": …, "pages": …, "loadSeconds": …, "timings": {…},
 * "peakMegabytes": …}`: the time of the reads (files read from disk
 * included), loading PDF.js apart (`loadSeconds`, once per process), and
 * where the time went (`PdfReaderTimings`, milliseconds).
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { readPdf, type PdfReaderTimings } from '../pipeline/readers/pdf-reader.js'
import { loadPdfJs } from '../pipeline/readers/pdf/pdfjs.js'

const folder = process.argv[2]
if (!folder) {
  process.stderr.write('usage: node dist/bench/pdf-run.js <folder of PDFs>\n')
  process.exit(2)
}
const files = readdirSync(folder)
  .filter((name) => name.toLowerCase().endsWith('.pdf'))
  .sort()
  .map((name) => path.join(folder, name))

const loading = performance.now()
await loadPdfJs()
const loadSeconds = (performance.now() - loading) / 1000

const timings: PdfReaderTimings = { open: 0, textContent: 0, operatorList: 0, layout: 0, pages: 0 }
const started = performance.now()
for (const file of files) await readPdf(new Uint8Array(readFileSync(file)), { timings })
const seconds = (performance.now() - started) / 1000
const peakMegabytes = process.resourceUsage().maxRSS / 1024
process.stdout.write(
  `${JSON.stringify({ seconds, pages: timings.pages, loadSeconds, timings, peakMegabytes })}\n`,
)
