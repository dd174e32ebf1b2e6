/**
 * `npm run bench`: the full pipeline against a bare unified + remark-parse
 * pass (and pandoc, where installed) over the same scaled corpus, in one run.
 *
 * ```
 * npm run bench -- [--documents 1000] [--concurrency N] [--rounds 5]
 * npm run bench -- --small-files 20000 [--concurrency N]
 * npm run bench -- --pdf-only [--pdf-folder ../shared/nice/pdf] [--rounds 5]
 * ```
 *
 * Generates N documents from `input/` (each copy with ids and a title of its
 * own, so no two are the same guidance), then, in each round, extracts them
 * all into a fresh folder and parses the same files with remark alone, each
 * in a process of its own (`pipeline-run.ts`, `bare-parse.ts`: both start
 * cold, and both time their work, not the start of the process); then
 * re-runs the extraction with nothing changed. Prints the medians of the
 * rounds: MB/s, documents per second, the ratio against the bare parse, and
 * the pipeline's peak memory (worker threads included); writes them, with
 * every round, to `bench/results.json`, one entry per batch size. Then the
 * PDF part (`pdf-bench.ts`: the PDF reader beside `pdftotext`), recorded
 * under `pdf`; `--pdf-only` runs it alone.
 *
 * With `--small-files N`, the batch is N small texts (a few hundred bytes,
 * each its own guidance) instead: the work per file around the extraction
 * (reading, committing, the index) is what it measures, once, then the
 * re-run with nothing changed; recorded as `small-N`.
 */

import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../pipeline/lib/package-root.js'
import { pdfRows, runPdfBench } from './pdf-bench.js'
import { median, round } from './statistics.js'

const argv = process.argv.slice(2)
const option = (name: string, fallback: number) => {
  const index = argv.indexOf(`--${name}`)
  const value = index === -1 ? undefined : Number(argv[index + 1])
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback
}
const documents = option('documents', 1000)
const concurrency = option('concurrency', availableParallelism())
// Five rounds: the machine's speed drifts, and the median of three moved by a tenth.
const roundCount = option('rounds', 5)
const pdfFolderIndex = argv.indexOf('--pdf-folder')
const pdfFolder = path.resolve(
  pdfFolderIndex === -1
    ? path.join(packageRoot, '..', 'shared', 'nice', 'pdf')
    : (argv[pdfFolderIndex + 1] ?? ''),
)

/** The PDF part: run, recorded under `pdf` in `bench/results.json`, printed. */
function benchPdfs(): void {
  const results = runPdfBench(pdfFolder, roundCount)
  if (!results) return
  const file = path.join(packageRoot, 'bench', 'results.json')
  const recorded = readRecorded(file)
  recorded.pdf = results
  writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`)
  for (const [name, value] of pdfRows(results)) process.stdout.write(`${name.padEnd(38)}${value}\n`)
  process.stdout.write(`PDF figures written to bench/results.json (pdf)\n`)
}
if (argv.includes('--pdf-only')) {
  benchPdfs()
  process.exit(0)
}

const smallFiles = option('small-files', 0)

const work = path.join(packageRoot, 'bench', 'out')
const corpus = path.join(work, 'corpus')
/** The output folder of each round (a fresh one each time). */
const outputOf = (round: number) => path.join(work, `output-${round}`)
rmSync(work, { recursive: true, force: true })
mkdirSync(corpus, { recursive: true })

if (smallFiles > 0) {
  benchSmallFiles(smallFiles)
  process.exit(0)
}

// The scaled corpus: every input in turn, ids made unique per copy.
const sources = readdirSync(path.join(packageRoot, 'input'), {
  recursive: true,
  withFileTypes: true,
})
  .filter((entry) => entry.isFile() && entry.name.endsWith('.txt'))
  .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
  .sort()
let bytes = 0
const files: string[] = []
for (let index = 0; index < documents; index++) {
  const source = sources[index % sources.length] as string
  const copy = Math.floor(index / sources.length)
  // Ids of up to six digits, one set per copy (633 → 1633, 2633, …), however
  // an id is written: `IPG633`, `htg492`, `Interventional procedures guidance
  // 633` (which HTG492 says it replaces); and a title of its own, numbered
  // first (a text without an id belongs to the family of its title, named
  // by its first 60 characters). A copy left with the id or title of another
  // copy would be a release of the same guidance.
  const renumber = (number: string) => (Number(number) % 1000) + 1000 * (copy + 1)
  const renumbered = source
    .replace(/^# (.+)$/m, (_, title: string) => `# Copy ${copy + 1}: ${title}`)
    .replace(
      /\b(htg|ipg)(\d+)\b/gi,
      (_, prefix: string, number: string) => `${prefix}${renumber(number)}`,
    )
    .replace(
      /\b(procedures guidance|healthtech guidance) (\d+)\b/gi,
      (_, name: string, number: string) => `${name} ${renumber(number)}`,
    )
  const text = `${renumbered}\n\nCopy ${index} of the benchmark corpus.\n`
  const file = path.join(corpus, `${String(index).padStart(5, '0')}.txt`)
  writeFileSync(file, text)
  bytes += Buffer.byteLength(text)
  files.push(file)
}
const megabytes = bytes / 1024 / 1024

/** Wall time of a function, in seconds. */
async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now()
  await run()
  return (performance.now() - started) / 1000
}

/** Run a script of this folder in a process of its own; it prints its figures as JSON. */
function runScript<T>(script: string, ...argv: string[]): T {
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(new URL(script, import.meta.url)), ...argv],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(`${script} failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as T
}

/** One run of the pipeline (`pipeline-run.ts`). */
function pipelineRun(out: string): { seconds: number; peakMegabytes: number } {
  return runScript('pipeline-run.js', corpus, out, String(concurrency))
}

/** The bare parse, with V8's default settings (`bare-parse.ts`). */
function bareParse(): number {
  return runScript<{ seconds: number }>('bare-parse.js', corpus).seconds
}

/**
 * A measure after the file system is flushed (`sync`, where there is one):
 * what was written just before (the corpus, the last round's output) is
 * not this measure's work.
 */
function flushedFirst<T>(measure: () => T): T {
  spawnSync('sync', { stdio: 'ignore' })
  return measure()
}

// Rounds of both measures, in turn (the bare parse first every other round,
// so that a drift of the machine's speed weighs on both alike); the figures
// are the medians. Each round writes a folder of its own: removing the last
// one would leave the file system busy (freeing blocks) during the next
// measure.
const rounds: { pipelineSeconds: number; bareSeconds: number; peakMegabytes: number }[] = []
for (let index = 0; index < roundCount; index++) {
  const bareFirst = index % 2 === 1
  const bareBefore = bareFirst ? flushedFirst(bareParse) : 0
  const pipeline = flushedFirst(() => pipelineRun(outputOf(index)))
  const bareSeconds = bareFirst ? bareBefore : flushedFirst(bareParse)
  rounds.push({
    pipelineSeconds: pipeline.seconds,
    bareSeconds,
    peakMegabytes: pipeline.peakMegabytes,
  })
}
const peakMegabytes = Math.max(...rounds.map((entry) => entry.peakMegabytes))
const pipelineSeconds = median(rounds.map((entry) => entry.pipelineSeconds))
const bareSeconds = median(rounds.map((entry) => entry.bareSeconds))
// The last round's output is there: a re-run finds every input in it.
const out = outputOf(roundCount - 1)
const rerunSeconds = flushedFirst(() => pipelineRun(out)).seconds
// The other rounds' outputs are the same files: only the last one is kept.
for (let index = 0; index < roundCount - 1; index++)
  rmSync(outputOf(index), { recursive: true, force: true })

let pandocSeconds: number | null = null
if (spawnSync('pandoc', ['--version']).status === 0) {
  pandocSeconds = await time(() => {
    for (const file of files)
      spawnSync('pandoc', ['-f', 'markdown', '-t', 'json', file], { stdio: 'ignore' })
  })
}

const results = {
  date: new Date().toISOString().slice(0, 10),
  node: process.version,
  cores: availableParallelism(),
  concurrency,
  documents,
  megabytes: round(megabytes),
  outputMegabytes: round(folderSize(out) / 1024 / 1024),
  pipeline: {
    seconds: round(pipelineSeconds),
    megabytesPerSecond: round(megabytes / pipelineSeconds),
    documentsPerSecond: round(documents / pipelineSeconds),
  },
  rerunUnchanged: { seconds: round(rerunSeconds) },
  bareRemarkParse: {
    seconds: round(bareSeconds),
    megabytesPerSecond: round(megabytes / bareSeconds),
  },
  pandoc:
    pandocSeconds === null
      ? null
      : { seconds: round(pandocSeconds), megabytesPerSecond: round(megabytes / pandocSeconds) },
  // Each round pairs the two measures, taken seconds apart: the median of
  // their ratios leaves out the drift of the machine's speed between rounds,
  // which the ratio of the two medians keeps (it is recorded beside it).
  pipelineToBareRatio: round(
    median(rounds.map((entry) => entry.pipelineSeconds / entry.bareSeconds)),
  ),
  ratioOfMedians: round(pipelineSeconds / bareSeconds),
  rounds: rounds.map((entry) => ({
    pipelineSeconds: round(entry.pipelineSeconds),
    bareSeconds: round(entry.bareSeconds),
    ratio: round(entry.pipelineSeconds / entry.bareSeconds),
  })),
  peakMemoryMegabytes: round(peakMegabytes),
}
// One entry per batch size: the README's figures for 200 and 1,000 documents
// both stay on record.
const resultsFile = path.join(packageRoot, 'bench', 'results.json')
const recorded = readRecorded(resultsFile)
recorded[String(documents)] = results
writeFileSync(resultsFile, `${JSON.stringify(recorded, null, 2)}\n`)

const rows: [string, string][] = [
  ['corpus', `${documents} documents, ${results.megabytes} MB`],
  [
    'rounds (pipeline / bare)',
    results.rounds
      .map((entry) => `${entry.pipelineSeconds} / ${entry.bareSeconds} s = ${entry.ratio}`)
      .join('; '),
  ],
  [
    `full pipeline (median)`,
    `${results.pipeline.seconds} s, ${results.pipeline.megabytesPerSecond} MB/s, ${results.pipeline.documentsPerSecond} documents/s (concurrency ${concurrency})`,
  ],
  ['re-run, nothing changed', `${results.rerunUnchanged.seconds} s`],
  [
    'bare unified + remark-parse (median)',
    `${results.bareRemarkParse.seconds} s, ${results.bareRemarkParse.megabytesPerSecond} MB/s`,
  ],
  [
    'pandoc markdown reader',
    results.pandoc
      ? `${results.pandoc.seconds} s, ${results.pandoc.megabytesPerSecond} MB/s`
      : 'not installed',
  ],
  [
    'pipeline / bare parse',
    `${results.pipelineToBareRatio} (median of the rounds' ratios; ratio of the medians ${results.ratioOfMedians})`,
  ],
  ['peak memory', `${results.peakMemoryMegabytes} MB`],
]
for (const [name, value] of rows) process.stdout.write(`${name.padEnd(38)}${value}\n`)
process.stdout.write(`figures written to bench/results.json\n`)
benchPdfs()

/**
 * The run of many small files: each its own guidance of a few hundred bytes;
 * one extraction into a fresh folder, then a re-run with nothing changed.
 */
function benchSmallFiles(count: number): void {
  mkdirSync(corpus, { recursive: true })
  let total = 0
  for (let index = 0; index < count; index++) {
    const text = `Small guidance ${index}\n\nInterventional procedures guidance\n\nPublished: 1 January 2020\n\nwww.nice.org.uk/guidance/ipg${100_000 + index}\n\n1 Recommendations\n\n1.1 Evidence on the safety of procedure ${index} is adequate to support its use.\n`
    writeFileSync(path.join(corpus, `${String(index).padStart(6, '0')}.txt`), text)
    total += Buffer.byteLength(text)
  }
  const out = outputOf(0)
  const run = flushedFirst(() => pipelineRun(out))
  const rerun = flushedFirst(() => pipelineRun(out))
  const bare = flushedFirst(bareParse)
  const figures = {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cores: availableParallelism(),
    concurrency,
    files: count,
    megabytes: round(total / 1024 / 1024),
    pipeline: { seconds: round(run.seconds), filesPerSecond: round(count / run.seconds) },
    rerunUnchanged: { seconds: round(rerun.seconds) },
    bareRemarkParse: { seconds: round(bare) },
    peakMemoryMegabytes: round(Math.max(run.peakMegabytes, rerun.peakMegabytes)),
  }
  const resultsFile = path.join(packageRoot, 'bench', 'results.json')
  const recorded = readRecorded(resultsFile)
  recorded[`small-${count}`] = figures
  writeFileSync(resultsFile, `${JSON.stringify(recorded, null, 2)}\n`)
  const rows: [string, string][] = [
    ['corpus', `${count} small files, ${figures.megabytes} MB`],
    [
      'full pipeline',
      `${figures.pipeline.seconds} s, ${figures.pipeline.filesPerSecond} files/s (concurrency ${concurrency})`,
    ],
    ['re-run, nothing changed', `${figures.rerunUnchanged.seconds} s`],
    ['bare unified + remark-parse', `${figures.bareRemarkParse.seconds} s`],
    ['peak memory', `${figures.peakMemoryMegabytes} MB`],
  ]
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(38)}${value}\n`)
  process.stdout.write(`figures written to bench/results.json\n`)
}

/** The figures on record, by batch size and `pdf` (an unreadable or older file starts afresh). */
function readRecorded(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    const isByBatchSize =
      parsed !== null &&
      typeof parsed === 'object' &&
      !Array.isArray(parsed) &&
      Object.keys(parsed).every((key) => /^(?:small-)?\d+$/.test(key) || key === 'pdf')
    return isByBatchSize ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function folderSize(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(path.join(entry.parentPath, entry.name)).size, 0)
}
