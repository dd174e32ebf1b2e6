/**
 * A message in the `file:line:column: severity: reason [rule]` shape of
 * compilers and vfile-reporter, one line, no stack trace.
 */

import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/**
 * Format one message.
 *
 * @param message
 *   The message.
 * @param file
 *   Its file.
 * @returns
 *   One line.
 */
export function formatMessage(message: VFileMessage, file: VFile): string {
  const severity = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
  const rule = message.ruleId ? ` [${message.ruleId}]` : ''
  return `${file.path}:${message.line ?? 1}:${message.column ?? 1}: ${severity}: ${message.reason}${rule}`
}

/**
 * Format a message given as plain data (from a worker thread).
 *
 * @param path
 *   File path.
 * @param message
 *   The message.
 * @returns
 *   One line.
 */
export function formatMessageData(
  path: string,
  message: {
    line: number
    column: number
    severity: string
    ruleId: string | null
    reason: string
  },
): string {
  const rule = message.ruleId ? ` [${message.ruleId}]` : ''
  return `${path}:${message.line}:${message.column}: ${message.severity}: ${message.reason}${rule}`
}
