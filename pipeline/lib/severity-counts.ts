/**
 * Findings counted by severity, the same way in `extract`, `check`, the
 * index and `run.json`: the record's findings and the reading warnings (a
 * numbering gap, an uneven table row).
 */

import type { FailLevel } from '../cli/command-specs.js'
import { counted } from './plural.js'

/** Findings by severity. */
export interface SeverityCounts {
  error: number
  warning: number
  info: number
}

/**
 * Add counts to a total (in place).
 *
 * @param total
 *   Counts to add to.
 * @param add
 *   Counts to add.
 */
export function addCounts(total: SeverityCounts, add: SeverityCounts): void {
  total.error += add.error
  total.warning += add.warning
  total.info += add.info
}

/**
 * Counts in words: `10 errors, 1 warning, 6 info`.
 *
 * @param counts
 *   Counts.
 * @returns
 *   Words.
 */
export function severityWords(counts: SeverityCounts): string {
  return `${counted(counts.error, 'error')}, ${counted(counts.warning, 'warning')}, ${counts.info} info`
}

/**
 * Whether counts hold a finding at a level or above (`--fail-on`).
 *
 * @param counts
 *   Counts.
 * @param level
 *   `error`, `warning`, `info` or `none`.
 * @returns
 *   Whether to exit 1.
 */
export function failsOn(counts: SeverityCounts, level: FailLevel): boolean {
  if (level === 'none') return false
  if (counts.error > 0) return true
  if (level === 'error') return false
  return counts.warning > 0 || (level === 'info' && counts.info > 0)
}
