#!/usr/bin/env node
/**
 * The `guidex` command line: `guidex <command> [options]`, each command's
 * options in `cli/command-specs.ts` (`guidex <command> --help` prints them).
 *
 * ```
 * guidex extract <file, folder or glob>... [--out <dir>] [--concurrency N] [--check] …
 * guidex check <file, folder or glob>... [--fail-on <level>] [--reporter text|json] …
 * guidex diff <old> <new> [--out <dir>]
 * guidex validate <dir>
 * guidex export <dir> <results|findings|paragraphs> [--format csv|jsonl] [--out <file>]
 * ```
 *
 * Exit status: 0 every document done, 1 at least one failed (the others are
 * still written) or a finding at the `--fail-on` level, 2 the command itself
 * was wrong.
 */

import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import {
  type CommandSpec,
  commandSpec,
  commandSpecs,
  type FailLevel,
  type ReporterName,
} from './cli/command-specs.js'
import { commandHelp, mainHelp, usageLine } from './cli/help.js'
import {
  type ParsedArguments,
  parseCommandArguments,
  stringValue,
  UsageError,
} from './cli/parse-arguments.js'
import { expandGlobs } from './lib/globs.js'
import { packageVersion } from './lib/package-root.js'
import { obeySignals, survivePipeClose } from './lib/process-guards.js'
import { setBatchTiering } from './worker/v8-flags.js'

export { UsageError } from './cli/parse-arguments.js'

/** Where the command writes. */
export interface Output {
  out: (line: string) => void
  err: (line: string) => void
  /** A progress line, shown in place on a terminal only (optional). */
  progress?: (line: string) => void
}

/**
 * Run the command line.
 *
 * @param argv
 *   Arguments after the program name.
 * @param output
 *   Where to print (default: stdout and stderr).
 * @returns
 *   Exit status.
 */
export async function main(
  argv: readonly string[],
  output: Output = consoleOutput,
): Promise<number> {
  const [first, ...rest] = argv
  let spec: CommandSpec | undefined
  try {
    if (first === undefined) {
      output.err(usageLine())
      return 2
    }
    if (first === '-h' || first === '--help') {
      output.out(mainHelp(packageVersion))
      return 0
    }
    if (first === '-v' || first === '--version') {
      output.out(packageVersion)
      return 0
    }
    if (first === 'help') {
      const asked = rest[0] === undefined ? undefined : commandSpec(rest[0])
      if (rest[0] !== undefined && !asked) throw new UsageError(unknownCommand(rest[0]))
      output.out(asked ? commandHelp(asked) : mainHelp(packageVersion))
      return 0
    }
    spec = commandSpec(first)
    if (!spec) throw new UsageError(unknownCommand(first))
    // `--help` anywhere before `--` wins over whatever else is wrong.
    const end = rest.indexOf('--')
    const own = end === -1 ? rest : rest.slice(0, end)
    if (own.includes('--help') || own.includes('-h')) {
      output.out(commandHelp(spec))
      return 0
    }
    return await run(spec, parseCommandArguments(spec, rest), output)
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`guidex: ${error.message}`)
      output.err(
        spec
          ? `Usage: guidex ${spec.name} ${spec.arguments} [options]   (guidex ${spec.name} --help for more)`
          : usageLine(),
      )
      return 2
    }
    output.err(`guidex: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
}

/** Run one command with its parsed arguments. */
async function run(spec: CommandSpec, parsed: ParsedArguments, output: Output): Promise<number> {
  const { positionals, values } = parsed
  const quiet = values.has('quiet')
  const reporter = (stringValue(parsed, 'reporter') ?? 'text') as ReporterName
  // Each command loads only its own modules (start-up is paid on every run).
  switch (spec.name) {
    case 'extract':
    case 'check': {
      if (positionals.length === 0)
        throw new UsageError('Expected at least one input file, folder or glob', spec.name)
      const inputs = expandGlobs(positionals)
      const { collectInputs } = await import('./lib/input-files.js')
      const ignore = values.get('ignore')
      const ignored = Array.isArray(ignore) ? ignore : []
      const { files, problems } = await collectInputs(inputs, {
        ...(spec.name === 'extract' ? { out: stringValue(parsed, 'out') ?? 'output' } : {}),
        ignore: ignored,
      })
      if (files.length === 0 && problems.length === 0) {
        output.err(
          `guidex: No documents in ${inputs.map((input) => `\`${input}\``).join(', ')}: a folder is read for *.txt, *.md and *.pdf files`,
        )
        return 1
      }
      const concurrency = parseConcurrency(stringValue(parsed, 'concurrency'), files.length)
      if (spec.name === 'check') {
        const { runCheck } = await import('./commands/check.js')
        return await runCheck(
          {
            inputs,
            concurrency,
            failOn: (stringValue(parsed, 'fail-on') ?? 'error') as FailLevel,
            reporter,
            quiet,
          },
          output,
        )
      }
      const { runExtract } = await import('./commands/extract.js')
      const timeLimit = positiveNumber(parsed, 'time-limit')
      const memoryLimit = positiveNumber(parsed, 'memory-limit')
      return await runExtract(
        {
          inputs,
          out: stringValue(parsed, 'out') ?? 'output',
          concurrency,
          check: values.has('check'),
          failOn: (stringValue(parsed, 'fail-on') ?? 'none') as FailLevel,
          reporter,
          quiet,
          verbose: values.has('verbose'),
          csvBom: stringValue(parsed, 'csv-bom') !== 'false',
          ignore: ignored,
          wait: values.has('wait'),
          ...(timeLimit === undefined ? {} : { timeLimitSeconds: timeLimit }),
          ...(memoryLimit === undefined ? {} : { memoryLimitMb: memoryLimit }),
        },
        output,
      )
    }
    case 'diff': {
      if (positionals.length !== 2)
        throw new UsageError(
          `Expected two releases, \`diff <old> <new>\`, not ${positionals.length}`,
          spec.name,
        )
      const { runDiff } = await import('./commands/diff.js')
      return await runDiff(
        positionals[0] as string,
        positionals[1] as string,
        stringValue(parsed, 'out'),
        output,
      )
    }
    case 'validate': {
      if (positionals.length !== 1)
        throw new UsageError(
          `Expected one folder to validate, not ${positionals.length}`,
          spec.name,
        )
      const { runValidate } = await import('./commands/validate.js')
      return await runValidate(positionals[0] as string, output, { quiet })
    }
    case 'export': {
      const [folder, what, ...extra] = positionals
      const kinds = ['results', 'findings', 'paragraphs'] as const
      if (folder === undefined || what === undefined || extra.length > 0)
        throw new UsageError(
          'Expected an output folder and what to export, `export <dir> results|findings|paragraphs`',
          spec.name,
        )
      if (!(kinds as readonly string[]).includes(what))
        throw new UsageError(
          `Unexpected \`${what}\` to export, expected one of \`results\`, \`findings\`, \`paragraphs\``,
          spec.name,
        )
      const { runExport } = await import('./commands/export.js')
      return await runExport(
        {
          folder,
          what: what as (typeof kinds)[number],
          format: (stringValue(parsed, 'format') ?? 'csv') as 'csv' | 'jsonl',
          out: stringValue(parsed, 'out'),
          csvBom: stringValue(parsed, 'csv-bom') !== 'false',
        },
        output,
      )
    }
  }
}

/** `Unknown command `x`, expected one of …`. */
function unknownCommand(name: string): string {
  const names = commandSpecs.map((spec) => `\`${spec.name}\``).join(', ')
  return name.startsWith('-')
    ? `Unexpected option \`${name}\` before a command, expected a command: ${names}`
    : `Unknown command \`${name}\`, expected one of ${names}`
}

/** A positive number option (`--time-limit`, `--memory-limit`), when given. */
function positiveNumber(parsed: ParsedArguments, name: string): number | undefined {
  const value = stringValue(parsed, name)
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0)
    throw new UsageError(`Expected \`--${name}\` to be a number above 0, not \`${value}\``)
  return number
}

/**
 * Read `--concurrency`: by default the number of cores; never more than the
 * files (a worker with nothing to do costs its start-up).
 */
function parseConcurrency(value: string | undefined, files: number): number {
  const most = Math.max(1, files)
  if (value === undefined) return Math.min(Math.max(1, availableParallelism()), most)
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(
      `Expected \`--concurrency\` to be a number from 1 and up, not \`${value}\``,
    )
  }
  return Math.min(number, most)
}

/** Progress only on a terminal, never in CI: logs stay clean. */
const showProgress = process.stderr.isTTY === true && !process.env.CI

/** Whether a progress line is on the terminal now (it is ended before anything else). */
let progressShown = false

const consoleOutput: Output = {
  out: (line) => {
    endProgress()
    process.stdout.write(`${line}\n`)
  },
  err: (line) => {
    endProgress()
    process.stderr.write(`${line}\n`)
  },
  ...(showProgress
    ? {
        progress: (line: string) => {
          progressShown = line !== ''
          process.stderr.write(`\r\u001B[K${line.slice(0, (process.stderr.columns || 80) - 1)}`)
        },
      }
    : {}),
}

/** Clear the progress line, if one is shown. */
function endProgress(): void {
  if (!progressShown) return
  process.stderr.write('\r\u001B[K')
  progressShown = false
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await realPath(process.argv[1]))) {
  // A stopped run (SIGINT, SIGTERM, SIGHUP) leaves no temporary file behind,
  // nor a progress line that the shell's prompt would be written over.
  obeySignals(endProgress)
  // Output piped into `head` and the like: the lines are dropped once the
  // reader has gone, the files are still written.
  survivePipeClose()
  // V8 flags are process-wide: set here, by the command line, never by the library.
  setBatchTiering()
  process.exitCode = await main(process.argv.slice(2))
}

/** The real path of the script that was started (resolving an npm bin link). */
async function realPath(file: string): Promise<string> {
  const { realpath } = await import('node:fs/promises')
  try {
    return await realpath(file)
  } catch {
    return file
  }
}
