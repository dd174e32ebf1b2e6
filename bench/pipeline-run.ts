/**
 * One timed run of the full pipeline, in a process of its own (as the bare
 * parse, `bare-parse.ts`): the bench starts one per round, so each round
 * starts as cold as a run of the command line.
 *
 * ```
 * node dist/bench/pipeline-run.js <corpus folder> <output folder> <concurrency>
 * ```
 *
 * Prints `{"seconds": …, "peakMegabytes": …}`: the time of the extraction
 * (not of starting the process and loading its modules) and the process's
 * peak memory, its worker threads included.
 */

import type { Output } from '../pipeline/cli.js'
import { runExtract } from '../pipeline/commands/extract.js'
import { setBatchTiering } from '../pipeline/worker/v8-flags.js'

// What the command line sets (`cli.ts`): this is a command-line entry too.
setBatchTiering()

const [corpus, out, concurrency] = process.argv.slice(2)
if (!corpus || !out || !concurrency) {
  process.stderr.write(
    'usage: node dist/bench/pipeline-run.js <corpus folder> <output folder> <concurrency>\n',
  )
  process.exit(2)
}

const silent: Output = { out: () => {}, err: () => {} }
const started = performance.now()
await runExtract({ inputs: [corpus], out, concurrency: Number(concurrency), check: false }, silent)
const seconds = (performance.now() - started) / 1000
const peakMegabytes = process.resourceUsage().maxRSS / 1024
process.stdout.write(`${JSON.stringify({ seconds, peakMegabytes })}\n`)
