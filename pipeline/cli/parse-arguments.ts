/**
 * The arguments of one command, read by `node:util`'s `parseArgs` against
 * the command's option table (`command-specs.ts`), and checked the way the
 * parser's strict mode does not: an option of another command is named as
 * such, a value that is missing or empty (`--out=`) is refused, and each
 * value must be one the option allows.
 */

import { parseArgs } from 'node:util'
import type { CommandSpec, OptionSpec } from './command-specs.js'

/** A usage error: the command line is wrong (exit status 2). */
export class UsageError extends Error {
  /** The command whose help to point at, if any. */
  readonly command: string | undefined

  /**
   * @param message
   *   What is wrong.
   * @param command
   *   The command (optional).
   */
  constructor(message: string, command?: string) {
    super(message)
    this.command = command
  }
}

/** The parsed arguments of a command. */
export interface ParsedArguments {
  positionals: string[]
  /** Values by long name: a string, strings for `multiple`, `true` for a switch. */
  values: Map<string, string | string[] | true>
}

/**
 * Parse the arguments of one command.
 *
 * @param spec
 *   The command.
 * @param argv
 *   Its arguments (after the command's name).
 * @returns
 *   Positionals and option values.
 * @throws {UsageError}
 *   For an unknown or misplaced option, a missing, empty or unknown value.
 */
export function parseCommandArguments(spec: CommandSpec, argv: readonly string[]): ParsedArguments {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean }
  > = {}
  for (const option of spec.options) {
    options[option.name] = {
      type: option.type,
      ...(option.short ? { short: option.short } : {}),
      ...(option.multiple ? { multiple: true } : {}),
    }
  }
  // Not strict: the parser's own errors name neither the command nor the
  // options it has; every token is checked below instead.
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  })
  const positionals: string[] = []
  const values = new Map<string, string | string[] | true>()
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value)
      continue
    }
    if (token.kind !== 'option') continue
    const option = spec.options.find((candidate) => candidate.name === token.name)
    if (!option) throw new UsageError(unexpectedOption(spec, token.rawName), spec.name)
    const shown = token.rawName
    if (option.type === 'boolean') {
      if (token.inlineValue)
        throw new UsageError(`Unexpected value for \`${shown}\`, it is a switch`, spec.name)
      values.set(option.name, true)
      continue
    }
    const value = token.value
    if (value === undefined || (!token.inlineValue && /^-./.test(value) && !isNumber(value))) {
      throw new UsageError(
        `Expected ${valueName(option)} after \`${shown}\`${value === undefined ? '' : `, not \`${value}\``}`,
        spec.name,
      )
    }
    if (value === '')
      throw new UsageError(
        `Expected ${valueName(option)} for \`${shown}\`, not an empty value`,
        spec.name,
      )
    if (option.choices && !option.choices.includes(value)) {
      throw new UsageError(
        `Unexpected \`${value}\` for \`--${option.name}\`, expected one of ${option.choices.map((choice) => `\`${choice}\``).join(', ')}`,
        spec.name,
      )
    }
    if (option.multiple) {
      const list = values.get(option.name)
      values.set(option.name, [...(Array.isArray(list) ? list : []), value])
    } else values.set(option.name, value)
  }
  return { positionals, values }
}

/** `Unexpected option `-o` for `check`, expected one of …`. */
function unexpectedOption(spec: CommandSpec, raw: string): string {
  const known = spec.options.map((option) => `\`--${option.name}\``).join(', ')
  return `Unexpected option \`${raw}\` for \`${spec.name}\`, expected one of ${known}`
}

/** A value's name in a message: `a value (dir)`. */
function valueName(option: OptionSpec): string {
  return option.placeholder ? `a value (${option.placeholder})` : 'a value'
}

/** Whether a value is a (negative) number, which may start with `-`. */
function isNumber(value: string): boolean {
  return /^-\d+(?:\.\d+)?$/.test(value)
}

/**
 * A string option's value.
 *
 * @param parsed
 *   Parsed arguments.
 * @param name
 *   Long name.
 * @returns
 *   The value, if given.
 */
export function stringValue(parsed: ParsedArguments, name: string): string | undefined {
  const value = parsed.values.get(name)
  return typeof value === 'string' ? value : undefined
}
