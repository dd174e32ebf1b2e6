/**
 * The help of `guidex` and of each command, written from the option table
 * (`command-specs.ts`): usage, options with their defaults, exit status and
 * examples.
 */

import { type CommandSpec, commandSpecs } from './command-specs.js'

/**
 * The usage line of `guidex`, for a bare `guidex` and usage errors.
 *
 * @returns
 *   Text.
 */
export function usageLine(): string {
  return `Usage: guidex <command> [options]   (commands: ${commandSpecs.map((spec) => spec.name).join(', ')}; guidex --help for more)`
}

/**
 * The help of `guidex` itself.
 *
 * @param version
 *   Package version.
 * @returns
 *   Text.
 */
export function mainHelp(version: string): string {
  return [
    `guidex ${version}: NICE guidance documents (text or PDF) into structured JSON with provenance`,
    '',
    'Usage: guidex <command> [options]',
    '',
    'Commands:',
    ...commandSpecs.flatMap((spec) => [
      `  ${spec.name} ${spec.arguments}`,
      ...wrap(spec.summary, 72).map((line) => `      ${line}`),
    ]),
    '',
    'Options:',
    '  -h, --help     show this help; `guidex <command> --help` shows a command’s',
    '  -v, --version  print the version',
    '',
    'Exit status: 0 done; 1 a document failed, or a finding at the `--fail-on` level;',
    '2 the command was wrong.',
    '',
    'Examples:',
    '  guidex extract input --out output',
    '  guidex check input',
    '  guidex diff old.txt new.txt',
  ].join('\n')
}

/**
 * The help of one command.
 *
 * @param spec
 *   The command.
 * @returns
 *   Text.
 */
export function commandHelp(spec: CommandSpec): string {
  const left = spec.options.map(
    (option) =>
      `${option.short ? `-${option.short}, ` : '    '}--${option.name}${option.placeholder ? ` <${option.placeholder}>` : ''}`,
  )
  const width = Math.max(...left.map((text) => text.length))
  return [
    `Usage: guidex ${spec.name} ${spec.arguments} [options]`,
    '',
    ...wrap(spec.description, 80),
    '',
    'Options:',
    ...spec.options.flatMap((option, index) => {
      const defaults = option.default ? ` (default: ${option.default})` : ''
      const [first, ...rest] = wrap(`${option.description}${defaults}`, 76 - width)
      return [
        `  ${(left[index] as string).padEnd(width)}  ${first ?? ''}`,
        ...rest.map((line) => `  ${' '.repeat(width)}  ${line}`),
      ]
    }),
    '',
    'Exit status:',
    ...spec.exit.map(([status, meaning]) => `  ${status}  ${meaning}`),
    '',
    'Examples:',
    ...spec.examples.map((example) => `  ${example}`),
  ].join('\n')
}

/** Words wrapped to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}
