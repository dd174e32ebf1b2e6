/**
 * The bench's PDF part: pages per second per core of the PDF reader (PDF to
 * text layer) over a folder of PDFs (default: `../shared/nice/pdf`), beside
 * poppler's `pdftotext` on the same files in the same rounds when it is on
 * `PATH` (Debian package `poppler-utils`), with where the reader's time
 * goes. Run by `npm run bench` (after the text part) or alone with
 * `npm run bench -- --pdf-only [--pdf-folder <folder>] [--rounds N]`.
 *
 * Each round reads every PDF in a process of its own (`pdf-run.ts`, one
 * thread) and runs one `pdftotext -enc UTF-8 <file> <out>` per file, one
 * after the other (the time a user of the command pays, its start-up
 * included); the order alternates between rounds; the figures are the
 * medians and the median of the rounds' paired ratios.
 *
 * PDF to written record is measured too: `pipeline-run.js` (the whole
 * `extract`, records, CSVs, text layers and index written) over the same
 * folder with one worker, in each round, so its pages per second per core
 * stand beside `pdftotext`'s.
 */

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { packageRoot } from '../pipeline/lib/package-root.js'
import type { PdfReaderTimings } from '../pipeline/readers/pdf-reader.js'
import { median, round } from './statistics.js'

/** One run of `pdf-run.ts`. */
interface ReaderRun {
  seconds: number
  pages: number
  loadSeconds: number
  timings: PdfReaderTimings
  peakMegabytes: number
}

/** The PDF part's figures, as written to `bench/results.json` under `pdf`. */
export interface PdfBenchResults {
  date: string
  node: string
  /** The folder, relative to the package. */
  folder: string
  files: number
  pages: number
  rounds: { readerSeconds: number; pdftotextSeconds: number | null }[]
  reader: { seconds: number; pagesPerSecond: number; loadSeconds: number; peakMegabytes: number }
  /** Where the reader's time went, in shares of it (median round). */
  readerTime: { open: number; textContent: number; operatorList: number; layout: number }
  pdftotext: { version: string; seconds: number; pagesPerSecond: number } | null
  /** Reader seconds over pdftotext seconds: the median of the rounds' ratios (below 1: faster). */
  readerToPdftotextRatio: number | null
  /** PDF to written record with one worker: the whole `extract`. */
  toRecord: {
    seconds: number
    pagesPerSecond: number
    peakMegabytes: number
    toPdftotextRatio: number | null
  }
}

/**
 * Run the PDF part.
 *
 * @param folder
 *   Folder of PDFs.
 * @param roundCount
 *   Rounds.
 * @returns
 *   The figures, or `undefined` when the folder is absent (said on stdout).
 */
export function runPdfBench(folder: string, roundCount: number): PdfBenchResults | undefined {
  if (!existsSync(folder)) {
    process.stdout.write(`PDF part skipped: ${folder} is absent\n`)
    return undefined
  }
  const files = readdirSync(folder)
    .filter((name) => name.toLowerCase().endsWith('.pdf'))
    .sort()
    .map((name) => path.join(folder, name))
  const version = pdftotextVersion()
  if (version === undefined) {
    process.stdout.write(
      'pdftotext is not installed (Debian package poppler-utils): the PDF part runs without it\n',
    )
  }
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-bench-pdftotext-'))
  const rounds: {
    reader: ReaderRun
    pdftotextSeconds: number | null
    record: { seconds: number; peakMegabytes: number }
  }[] = []
  try {
    for (let index = 0; index < roundCount; index++) {
      const pdftotextFirst = index % 2 === 1
      const before = pdftotextFirst && version !== undefined ? runPdftotext(files, out) : null
      const reader = readerRun(folder)
      const record = recordRun(folder)
      const after = !pdftotextFirst && version !== undefined ? runPdftotext(files, out) : null
      rounds.push({ reader, pdftotextSeconds: before ?? after, record })
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
  const recordSeconds = median(rounds.map((entry) => entry.record.seconds))
  const pages = (rounds[0] as { reader: ReaderRun }).reader.pages
  const readerSeconds = median(rounds.map((entry) => entry.reader.seconds))
  const middle = [...rounds].sort((one, other) => one.reader.seconds - other.reader.seconds)[
    Math.floor(rounds.length / 2)
  ] as { reader: ReaderRun }
  const { timings } = middle.reader
  const spent = timings.open + timings.textContent + timings.operatorList + timings.layout
  const pdftotextRounds = rounds.flatMap((entry) =>
    entry.pdftotextSeconds === null ? [] : [entry.pdftotextSeconds],
  )
  const pdftotextSeconds = pdftotextRounds.length > 0 ? median(pdftotextRounds) : null
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    folder: path.relative(packageRoot, folder),
    files: files.length,
    pages,
    rounds: rounds.map((entry) => ({
      readerSeconds: round(entry.reader.seconds),
      pdftotextSeconds: entry.pdftotextSeconds === null ? null : round(entry.pdftotextSeconds),
    })),
    reader: {
      seconds: round(readerSeconds),
      pagesPerSecond: round(pages / readerSeconds),
      loadSeconds: round(median(rounds.map((entry) => entry.reader.loadSeconds))),
      peakMegabytes: round(Math.max(...rounds.map((entry) => entry.reader.peakMegabytes))),
    },
    readerTime: {
      open: round(timings.open / spent),
      textContent: round(timings.textContent / spent),
      operatorList: round(timings.operatorList / spent),
      layout: round(timings.layout / spent),
    },
    pdftotext:
      version === undefined || pdftotextSeconds === null
        ? null
        : {
            version,
            seconds: round(pdftotextSeconds),
            pagesPerSecond: round(pages / pdftotextSeconds),
          },
    readerToPdftotextRatio:
      pdftotextRounds.length === rounds.length
        ? round(
            median(
              rounds.map((entry) => entry.reader.seconds / (entry.pdftotextSeconds as number)),
            ),
          )
        : null,
    toRecord: {
      seconds: round(recordSeconds),
      pagesPerSecond: round(pages / recordSeconds),
      peakMegabytes: round(Math.max(...rounds.map((entry) => entry.record.peakMegabytes))),
      toPdftotextRatio:
        pdftotextRounds.length === rounds.length
          ? round(
              median(
                rounds.map((entry) => entry.record.seconds / (entry.pdftotextSeconds as number)),
              ),
            )
          : null,
    },
  }
}

/**
 * One run of the whole `extract` over the PDFs, one worker, in a process of
 * its own, into a fresh folder.
 *
 * @param folder
 *   Folder of PDFs.
 * @returns
 *   Its seconds and peak memory.
 */
function recordRun(folder: string): { seconds: number; peakMegabytes: number } {
  const out = mkdtempSync(path.join(tmpdir(), 'guidex-bench-pdf-records-'))
  try {
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pipeline-run.js')
    const run = spawnSync(process.execPath, [script, folder, path.join(out, 'out'), '1'], {
      encoding: 'utf8',
    })
    if (run.status !== 0) throw new Error(`pipeline-run failed: ${run.stderr}`)
    return JSON.parse(run.stdout.trim().split('\n').pop() as string) as {
      seconds: number
      peakMegabytes: number
    }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/**
 * Lines for the bench's printout.
 *
 * @param results
 *   The figures.
 * @returns
 *   Name and value of each line.
 */
export function pdfRows(results: PdfBenchResults): [string, string][] {
  return [
    ['PDFs', `${results.files} files, ${results.pages} pages (${results.folder})`],
    [
      'rounds (reader / pdftotext)',
      results.rounds
        .map((entry) => `${entry.readerSeconds} / ${entry.pdftotextSeconds ?? '–'} s`)
        .join('; '),
    ],
    [
      'PDF reader, 1 thread (median)',
      `${results.reader.seconds} s, ${results.reader.pagesPerSecond} pages/s (PDF.js loaded once in ${results.reader.loadSeconds} s; peak ${results.reader.peakMegabytes} MB)`,
    ],
    [
      'where its time goes',
      `getTextContent ${percent(results.readerTime.textContent)}, getOperatorList ${percent(results.readerTime.operatorList)}, layout ${percent(results.readerTime.layout)}, opening ${percent(results.readerTime.open)}`,
    ],
    [
      'pdftotext, one process per file',
      results.pdftotext
        ? `${results.pdftotext.seconds} s, ${results.pdftotext.pagesPerSecond} pages/s (poppler ${results.pdftotext.version})`
        : 'not installed (Debian package poppler-utils)',
    ],
    [
      'reader / pdftotext',
      results.readerToPdftotextRatio === null
        ? '–'
        : `${results.readerToPdftotextRatio} (median of the rounds' ratios)`,
    ],
    [
      'PDF to record, 1 worker',
      `${results.toRecord.seconds} s, ${results.toRecord.pagesPerSecond} pages/s (peak ${results.toRecord.peakMegabytes} MB)`,
    ],
    [
      'record / pdftotext',
      results.toRecord.toPdftotextRatio === null
        ? '–'
        : `${results.toRecord.toPdftotextRatio} (median of the rounds' ratios)`,
    ],
  ]
}

/** poppler's version, or `undefined` when `pdftotext` is not on `PATH`. */
function pdftotextVersion(): string | undefined {
  const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
  if (run.error) return undefined
  return /pdftotext version (\S+)/.exec(`${run.stdout}${run.stderr}`)?.[1] ?? 'unknown'
}

/** `pdftotext` on every file, one process after the other: seconds. */
function runPdftotext(files: readonly string[], out: string): number {
  const started = performance.now()
  for (const file of files) {
    spawnSync('pdftotext', ['-enc', 'UTF-8', file, path.join(out, `${path.basename(file)}.txt`)], {
      stdio: 'ignore',
    })
  }
  return (performance.now() - started) / 1000
}

/** One run of the reader in a process of its own. */
function readerRun(folder: string): ReaderRun {
  const run = spawnSync(
    process.execPath,
    [fileURLToPath(new URL('pdf-run.js', import.meta.url)), folder],
    { encoding: 'utf8' },
  )
  if (run.status !== 0) throw new Error(`pdf-run.js failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as ReaderRun
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`
}
