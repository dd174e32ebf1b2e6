/**
 * V8 tiering for short-lived batch threads, set by a command-line entry
 * (`cli.ts`, the build, the bench) before its first worker starts, and
 * never by the library: V8 flags are process-wide, and a program that
 * embeds guidex keeps its own.
 *
 * Each worker compiles the whole pipeline anew, and with V8's defaults its
 * optimising compiler (on helper threads that all workers share) took about
 * as much CPU as the extraction itself on a 200-document batch: on two
 * cores, the two workers' compiles and their extraction competed for the
 * same cores. Optimising only code that stays hot four times longer, and
 * inlining less into it, cut the CPU of that batch by a fifth; steady-state
 * speed loses a few percent. V8 refuses a code cache made under other flags,
 * so the build sets them too.
 */

import { setFlagsFromString } from 'node:v8'

/** The flags and their values. */
export const batchTiering = {
  'interrupt-budget': '528000',
  'max-inlined-bytecode-size-cumulative': '230',
} as const

let tieringSet = false

/**
 * Set `batchTiering`, once, where the command line does not set the same
 * flag (before the first worker's isolate exists).
 *
 * @returns
 *   Nothing.
 */
export function setBatchTiering(): void {
  if (tieringSet) return
  tieringSet = true
  for (const [flag, value] of Object.entries(batchTiering)) {
    const spellings = [flag, flag.replaceAll('-', '_')]
    const given = process.execArgv.some((argument) =>
      spellings.some((name) => argument.startsWith(`--${name}`)),
    )
    if (given) continue
    setFlagsFromString(`--${flag}=${value}`)
  }
}
