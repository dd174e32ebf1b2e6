/**
 * The commands of `guidex` and their options, in one table: the parser reads
 * it, and the help is written from it, so the two cannot drift apart.
 */

/** One option of a command. */
export interface OptionSpec {
  /** Long name, without `--` (`out`). */
  name: string
  /** One-letter form, without `-` (optional). */
  short?: string
  /** `string` takes a value; `boolean` is a switch. */
  type: 'string' | 'boolean'
  /** Whether it may be given more than once (optional; default: `false`). */
  multiple?: boolean
  /** The value's name in the help (`dir`). */
  placeholder?: string
  /** The values allowed (optional; default: any). */
  choices?: readonly string[]
  /** What it does, for the help. */
  description: string
  /** The default, for the help (optional). */
  default?: string
}

/** One command. */
export interface CommandSpec {
  name: CommandName
  /** The positionals, as the usage line shows them. */
  arguments: string
  /** One line, for the command list. */
  summary: string
  /** What it does, for its help. */
  description: string
  options: OptionSpec[]
  /** Exit statuses and what they mean. */
  exit: [status: number, meaning: string][]
  examples: string[]
}

/** The names of the commands. */
export type CommandName = 'extract' | 'check' | 'diff' | 'validate' | 'export'

/** Levels of `--fail-on`, lowest last. */
export const failLevels = ['error', 'warning', 'info', 'none'] as const

/** A level of `--fail-on`. */
export type FailLevel = (typeof failLevels)[number]

/** The reporters of `--reporter`. */
export const reporters = ['text', 'json'] as const

/** A reporter name. */
export type ReporterName = (typeof reporters)[number]

const help: OptionSpec = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  description: 'show this help',
}

const quiet: OptionSpec = {
  name: 'quiet',
  short: 'q',
  type: 'boolean',
  description: 'print problems only: no summary, no progress',
}

const concurrency: OptionSpec = {
  name: 'concurrency',
  short: 'c',
  type: 'string',
  placeholder: 'n',
  description: 'documents read at once, at most one per file',
  default: 'the number of cores',
}

const reporter: OptionSpec = {
  name: 'reporter',
  type: 'string',
  placeholder: 'name',
  choices: reporters,
  description:
    'how messages are printed: `text` (vfile-reporter) or `json` (vfile-reporter-json, for machines)',
  default: 'text',
}

const csvBom: OptionSpec = {
  name: 'csv-bom',
  type: 'string',
  placeholder: 'bool',
  choices: ['true', 'false'],
  description:
    'start each CSV with a UTF-8 byte order mark, so that a spreadsheet reads it as UTF-8',
  default: 'true',
}

/** The commands, in the order the help lists them. */
export const commandSpecs: readonly CommandSpec[] = [
  {
    name: 'extract',
    arguments: '<file, folder or glob>...',
    summary: 'extract inputs into an output folder (records, CSVs, diffs, index)',
    description:
      'Read each input (text or PDF; a folder recursively for *.txt, *.md and *.pdf) and write one document.json per release, its tables as CSV, a diff between consecutive releases of a guidance, index.json and run.json. A text already in the output is skipped by its sha256.',
    options: [
      {
        name: 'out',
        short: 'o',
        type: 'string',
        placeholder: 'dir',
        description: 'output folder',
        default: 'output',
      },
      concurrency,
      {
        name: 'check',
        type: 'boolean',
        description:
          'write nothing; exit 1 naming each file when the output is not what the inputs give now',
      },
      {
        name: 'fail-on',
        type: 'string',
        placeholder: 'level',
        choices: failLevels,
        description:
          'also exit 1 when a document has a finding at this level or above: `error`, `warning`, `info`, `none`',
        default: 'none',
      },
      reporter,
      csvBom,
      {
        name: 'ignore',
        type: 'string',
        multiple: true,
        placeholder: 'glob',
        description: 'leave out the inputs that match the glob (may be repeated)',
      },
      {
        name: 'wait',
        type: 'boolean',
        description:
          'wait while another run holds the output folder, instead of stopping with exit 2',
      },
      {
        name: 'time-limit',
        type: 'string',
        placeholder: 'seconds',
        description: 'stop a document that takes longer, failing it alone (its worker is replaced)',
        default: '3 and 2 per MiB',
      },
      {
        name: 'memory-limit',
        type: 'string',
        placeholder: 'MB',
        description: "stop a document whose worker's heap grows past this, failing it alone",
        default: '1024',
      },
      quiet,
      { name: 'verbose', type: 'boolean', description: 'one line per diff written' },
      help,
    ],
    exit: [
      [0, 'every document done'],
      [1, 'a document failed (the others are written), or a finding at the `--fail-on` level'],
      [2, 'the command was wrong (usage, an unusable output folder)'],
    ],
    examples: [
      'guidex extract input --out output',
      "guidex extract 'input/*.txt' new.pdf -o output --fail-on error",
    ],
  },
  {
    name: 'check',
    arguments: '<file, folder or glob>...',
    summary: 'the consistency findings of inputs, for a reviewer (writes nothing)',
    description:
      "Read each input afresh and print what does not add up in its own numbers (a percentage that is not its n/N, a p that its CI cannot give, the text against a table), grouped by file: each finding with its study, group, outcome and place, the source's words with the figures marked, and a sentence saying what is wrong; then the checks across documents (a guidance against its overview).",
    options: [
      concurrency,
      {
        name: 'fail-on',
        type: 'string',
        placeholder: 'level',
        choices: failLevels,
        description:
          'exit 1 when a finding is at this level or above: `error`, `warning`, `info`, `none`',
        default: 'error',
      },
      reporter,
      { ...quiet, description: 'print errors and warnings only: no info, no summary' },
      help,
    ],
    exit: [
      [0, 'no finding at the `--fail-on` level'],
      [1, 'a finding at the `--fail-on` level, or an input that cannot be read'],
      [2, 'the command was wrong'],
    ],
    examples: [
      'guidex check input',
      "guidex check 'input/*.txt' --fail-on warning --reporter json",
    ],
  },
  {
    name: 'diff',
    arguments: '<old> <new>',
    summary: 'the changes between two releases (records, release folders or inputs)',
    description:
      'Compare two releases of one guidance, each given as a document.json, a release folder holding one, or an input (text or PDF) that is extracted on the fly. Paragraphs are matched by content: renumbered, reworded (with a word diff), removed and inserted paragraphs, list items, metadata, people and table cells. Without --out the Markdown report goes to stdout.',
    options: [
      {
        name: 'out',
        short: 'o',
        type: 'string',
        placeholder: 'dir',
        description: 'write <old>__<new>.json and .md into this folder',
        default: 'print the Markdown',
      },
      help,
    ],
    exit: [
      [0, 'the report was made'],
      [1, 'an input could not be extracted'],
      [2, 'the command was wrong, or a release cannot be read'],
    ],
    examples: [
      'guidex diff output/ipg633/ipg633-2018-11-28 output/ipg633/htg492-2026-01',
      'guidex diff old.txt new.pdf --out reports',
    ],
  },
  {
    name: 'validate',
    arguments: '<dir>',
    summary: 'check an output folder against the schemas',
    description:
      'Validate every JSON file of an output folder against the schema its name calls for (document.json, index.json, run.json, diffs/<old>__<new>.json).',
    options: [quiet, help],
    exit: [
      [0, 'every file is valid'],
      [1, 'a file is not'],
      [2, 'the folder cannot be read'],
    ],
    examples: ['guidex validate output'],
  },
  {
    name: 'export',
    arguments: '<dir> <results|findings|paragraphs>',
    summary: 'results, findings or paragraphs of an output folder as CSV or JSON lines',
    description:
      'One row per numeric result, consistency finding or paragraph of every release in an output folder, each with its document (family, release, guidance id) and place (section, or table, row and column; line and column in the input).',
    options: [
      {
        name: 'format',
        short: 'f',
        type: 'string',
        placeholder: 'format',
        choices: ['csv', 'jsonl'],
        description: '`csv` (RFC 4180) or `jsonl` (one JSON object a line)',
        default: 'csv',
      },
      {
        name: 'out',
        short: 'o',
        type: 'string',
        placeholder: 'file',
        description: 'write to this file',
        default: 'stdout',
      },
      csvBom,
      help,
    ],
    exit: [
      [0, 'exported'],
      [2, 'the command was wrong, or the folder is not an output folder'],
    ],
    examples: [
      'guidex export output results > results.csv',
      'guidex export output findings --format jsonl -o findings.jsonl',
    ],
  },
]

/**
 * The spec of a command.
 *
 * @param name
 *   Command name.
 * @returns
 *   Its spec, if it is one.
 */
export function commandSpec(name: string): CommandSpec | undefined {
  return commandSpecs.find((spec) => spec.name === name)
}
