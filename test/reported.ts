/**
 * The messages of a run printed with `--reporter json` (vfile-reporter-json:
 * an array of files, each with its messages), as one line each in the
 * compilers' shape, `file:line:column: severity: reason [rule]`, to compare
 * as strings.
 */

/** One message of vfile-reporter-json. */
interface JsonMessage {
  line: number | null
  column: number | null
  fatal: boolean | null
  reason: string
  ruleId: string | null
}

/**
 * The messages in a stream's text: the reporter's JSON array is one line of
 * it (other lines are left out), each message one line.
 *
 * @param stream
 *   stderr of a run with `--reporter json`.
 * @returns
 *   One line per message, in the reporter's order.
 */
export function reportedMessages(stream: string): string[] {
  const json = stream.split('\n').find((line) => line.startsWith('['))
  if (json === undefined) return []
  const files = JSON.parse(json) as { path: string; messages: JsonMessage[] }[]
  return files.flatMap((file) =>
    file.messages.map((message) => {
      const severity = message.fatal ? 'error' : message.fatal === false ? 'warning' : 'info'
      const rule = message.ruleId ? ` [${message.ruleId}]` : ''
      return `${file.path}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.reason}${rule}`
    }),
  )
}

/**
 * The stream without the reporter's JSON line.
 *
 * @param stream
 *   stderr of a run with `--reporter json`.
 * @returns
 *   The other lines, each ended.
 */
export function otherLines(stream: string): string {
  return stream
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('['))
    .map((line) => `${line}\n`)
    .join('')
}
