/**
 * Messages printed the ecosystem's way: vfile-reporter for people
 * (`path` on a line, then `line:column  severity  reason  rule  source` under
 * it, and a count of errors and warnings) and vfile-reporter-json for
 * machines (an array of files, each with its messages; a stable shape).
 */

import { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import { reporter } from 'vfile-reporter'
import { reporterJson } from 'vfile-reporter-json'
import type { ReporterName } from '../cli/command-specs.js'
import type { MessageData } from './format-message.js'
import { printable } from './printable.js'

/** A message with what `check` knows beside it (all optional). */
export interface ReportedMessage extends MessageData {
  /** The place's end in the input, where known. */
  end?: { line: number; column: number; offset?: number }
  /** Offset of the start in the input. */
  offset?: number
  /** Long form: context, excerpt (vfile's `note`). */
  note?: string
  /** The words of the source the message is about (vfile's `actual`). */
  actual?: string
}

/**
 * A file with its messages as a vfile.
 *
 * @param path
 *   Path to show.
 * @param messages
 *   Its messages.
 * @returns
 *   A vfile holding them.
 */
export function reportedFile(path: string, messages: readonly ReportedMessage[]): VFile {
  const file = new VFile({ path })
  for (const data of messages) {
    const start = {
      line: data.line,
      column: data.column,
      ...(data.offset === undefined ? {} : { offset: data.offset }),
    }
    const message = new VFileMessage(data.reason, {
      place: data.end ? { start, end: data.end } : start,
      ...(data.ruleId ? { ruleId: data.ruleId } : {}),
      source: 'guidex',
    })
    message.file = path
    // vfile's three states: fatal an error, false a warning, unset information.
    if (data.severity === 'error') message.fatal = true
    else if (data.severity === 'warning') message.fatal = false
    else message.fatal = undefined
    if (data.note !== undefined) message.note = data.note
    if (data.actual !== undefined) message.actual = data.actual
    file.messages.push(message)
  }
  return file
}

/**
 * The report of some files.
 *
 * @param files
 *   Files with their messages.
 * @param name
 *   `text` or `json`.
 * @param options
 *   `quiet`: leave out files without messages (default: `true` for text).
 * @returns
 *   The report (empty for text when no file has a message).
 */
export function report(
  files: readonly VFile[],
  name: ReporterName,
  options: { quiet?: boolean } = {},
): string {
  if (name === 'json') return reporterJson([...files], { quiet: options.quiet ?? false })
  if (!files.some((file) => file.messages.length > 0)) return ''
  return reporter(files.map(printableFile), { quiet: options.quiet ?? true })
}

/**
 * A file as text may show it: its name and its messages' reasons with
 * control characters escaped (`printable`), so that a name cannot forge a
 * line of its own or colour the terminal. (JSON escapes them itself.)
 */
function printableFile(file: VFile): VFile {
  const shown = printable(file.path)
  const safe = (text: string) => printable(text, { backslash: false })
  if (
    shown === file.path &&
    file.messages.every((message) => safe(message.reason) === message.reason)
  )
    return file
  const copy = new VFile({ path: shown })
  for (const message of file.messages) {
    const escaped = new VFileMessage(safe(message.reason), {
      place: message.place,
      ...(message.ruleId ? { ruleId: message.ruleId } : {}),
      ...(message.source ? { source: message.source } : {}),
    })
    escaped.file = shown
    escaped.fatal = message.fatal
    if (message.note !== undefined) escaped.note = message.note
    if (message.actual !== undefined) escaped.actual = message.actual
    copy.messages.push(escaped)
  }
  return copy
}
