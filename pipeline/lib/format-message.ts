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
