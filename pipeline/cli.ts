#!/usr/bin/env node
/**
 * The `guidex` command line.
 *
 * ```
 * guidex extract <file or dir>... --out <dir> [--concurrency N] [--check]
 * guidex check <file or dir>... [--concurrency N]
 * guidex diff <old> <new> [--out <dir>]
 * guidex validate <dir>
 * ```
 *
 * Exit status: 0 every document done, 1 at least one failed (the others are
 * still written), 2 the command itself was wrong.
 */

import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { obeySignals, survivePipeClose } from './lib/process-guards.js'
import { setBatchTiering } from './worker/v8-flags.js'

/** Where the command writes. */
export interface Output {
  out: (line: string) => void
  err: (line: string) => void
  /** A progress line, shown in place on a terminal only (optional). */
  progress?: (line: string) => void
}

/** A usage error: exit status 2. */
export class UsageError extends Error {}

const usage = `Usage:
  guidex extract <file or dir>... --out <dir> [--concurrency N] [--check] [--wait] [--ignore <glob>]...
                 [--time-limit <seconds per document>] [--memory-limit <MB per worker>]
  guidex check <file or dir>... [--concurrency N]
  guidex diff <old> <new> [--out <dir>]
  guidex validate <dir>`

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
  try {
    const [command, ...rest] = argv
    const { positionals, flags, ignore } = parseArguments(rest)
    switch (command) {
      case 'extract': {
        if (positionals.length === 0)
          throw new UsageError('Expected at least one input file or folder')
        // Each command loads only its own modules (start-up is paid on every run).
        const { runExtract } = await import('./commands/extract.js')
        return await runExtract(
          {
            inputs: positionals,
            out: flags.get('out') ?? 'output',
            concurrency: parseConcurrency(flags.get('concurrency')),
            check: flags.has('check'),
            wait: flags.has('wait'),
            ignore,
            ...optionalNumber('timeLimitSeconds', flags.get('time-limit'), '--time-limit'),
            ...optionalNumber('memoryLimitMb', flags.get('memory-limit'), '--memory-limit'),
          },
          output,
        )
      }
      case 'check': {
        if (positionals.length === 0)
          throw new UsageError('Expected at least one input file or folder')
        const { runCheck } = await import('./commands/check.js')
        return await runCheck(positionals, parseConcurrency(flags.get('concurrency')), output)
      }
      case 'diff': {
        if (positionals.length !== 2)
          throw new UsageError('Expected two releases: `diff <old> <new>`')
        const { runDiff } = await import('./commands/diff.js')
        return await runDiff(
          positionals[0] as string,
          positionals[1] as string,
          flags.get('out'),
          output,
        )
      }
      case 'validate': {
        if (positionals.length !== 1) throw new UsageError('Expected one folder to validate')
        const { runValidate } = await import('./commands/validate.js')
        return await runValidate(positionals[0] as string, output)
      }
      case undefined:
      case '--help':
      case 'help':
        output.out(usage)
        return command === undefined ? 2 : 0
      default:
        throw new UsageError(`Unknown command \`${command}\``)
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`guidex: ${error.message}`)
      output.err(usage)
      return 2
    }
    output.err(`guidex: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
}

/** Split arguments into positionals and `--name value` / `--name=value` flags. */
function parseArguments(argv: readonly string[]): {
  positionals: string[]
  flags: Map<string, string>
  /** Every `--ignore <glob>`, in order. */
  ignore: string[]
} {
  const positionals: string[] = []
  const flags = new Map<string, string>()
  const ignore: string[] = []
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string
    if (!argument.startsWith('--')) {
      positionals.push(argument)
      continue
    }
    const [name, inline] = argument.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
    if (name === 'check' || name === 'wait') {
      flags.set(name, 'true')
      continue
    }
    if (!['out', 'concurrency', 'ignore', 'time-limit', 'memory-limit'].includes(name))
      throw new UsageError(`Unknown option \`--${name}\``)
    const value = inline ?? argv[++index]
    if (value === undefined || value === '')
      throw new UsageError(`Expected a value after \`--${name}\``)
    if (name === 'ignore') ignore.push(value)
    else flags.set(name, value)
  }
  return { positionals, flags, ignore }
}

/** A positive number option, under its key when given. */
function optionalNumber<Key extends string>(
  key: Key,
  value: string | undefined,
  flag: string,
): Partial<Record<Key, number>> {
  if (value === undefined) return {}
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) {
    throw new UsageError(`Expected \`${flag}\` to be a number above 0, not \`${value}\``)
  }
  return { [key]: number } as Partial<Record<Key, number>>
}

/** Read `--concurrency` (default: the number of cores). */
function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism())
  const number = Number(value)
  if (!Number.isInteger(number) || number < 1) {
    throw new UsageError(
      `Expected \`--concurrency\` to be a number from 1 and up, not \`${value}\``,
    )
  }
  return number
}

/** Progress only on a terminal, never in CI: logs stay clean. */
const showProgress = process.stderr.isTTY === true && !process.env.CI

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(showProgress ? `\r\u001B[K${line}\n` : `${line}\n`),
  ...(showProgress
    ? {
        progress: (line: string) =>
          process.stderr.write(`\r\u001B[K${line.slice(0, (process.stderr.columns || 80) - 1)}`),
      }
    : {}),
}

if (process.argv[1] && fileURLToPath(import.meta.url) === (await realPath(process.argv[1]))) {
  // A stopped run leaves no temporary file behind; a closed pipe does not stop it.
  obeySignals()
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
