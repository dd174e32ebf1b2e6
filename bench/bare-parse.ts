/**
 * The bench's baseline, in a process of its own: a bare unified +
 * remark-parse pass over the files of a folder, with V8's default settings
 * (the pipeline tunes V8 for its workers, and V8's flags are process-wide).
 *
 * ```
 * node dist/bench/bare-parse.js <folder>
 * ```
 *
 * Prints `{"seconds": …}`: the time to read and parse every file, not the
 * time to start the process and load remark.
 */

import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const folder = process.argv[2]
if (!folder) {
  process.stderr.write('usage: node dist/bench/bare-parse.js <folder>\n')
  process.exit(2)
}
const files = readdirSync(folder)
  .sort()
  .map((name) => path.join(folder, name))

const remark = unified().use(remarkParse)
const started = performance.now()
for (const file of files) remark.parse(readFileSync(file, 'utf8'))
process.stdout.write(`${JSON.stringify({ seconds: (performance.now() - started) / 1000 })}\n`)
