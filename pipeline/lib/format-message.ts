/**
 * A message in the `file:line:column: severity: reason [rule]` shape of
 * compilers and vfile-reporter, one line, no stack trace.
 */

import type { VFileMessage } from 'vfile-message'
import { printable } from './printable.js'

/** A message as plain data (it crosses from a worker thread). */
export interface MessageData {
  line: number
  column: number
  severity: 'error' | 'warning' | 'info'
  ruleId: string | null
  reason: string
  /** The stack of an internal error (a bug of guidex), for `run.json`; never printed. */
  stack?: string
}

/**
 * A vfile message as plain data: a fatal message is an error, a non-fatal
 * one a warning, the others information; the stack of an internal error
 * goes with it.
 *
 * @param message
 *   The message.
 * @returns
 *   Plain data.
 */
export function messageData(message: VFileMessage): MessageData {
  const data: MessageData = {
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    ruleId: message.ruleId ?? null,
    reason: message.reason,
  }
  // Only a message made from an exception has a stack (`file.message(reason)` leaves it empty).
  if (message.stack) data.stack = message.stack
  return data
}

/**
 * Format one message.
 *
 * @param path
 *   File path.
 * @param message
 *   The message (`messageData` of a vfile message).
 * @returns
 *   One line.
 */
export function formatMessage(path: string, message: MessageData): string {
  const rule = message.ruleId ? ` [${message.ruleId}]` : ''
  // Control characters escaped: a file name (or a caption quoted in a
  // reason) cannot forge a line of its own or colour the terminal.
  return `${printable(path)}:${message.line}:${message.column}: ${message.severity}: ${printable(message.reason, { backslash: false })}${rule}`
}
