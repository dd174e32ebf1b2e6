/**
 * The severity of every finding, in one place, by check and verdict.
 *
 * `error` only where the numbers cannot all be right; what rounding can
 * explain is `info`; what is unusual but possible is `warning`.
 */

import type { CheckId } from './rule-ids.js'

/** A finding's severity. */
export type Severity = 'error' | 'warning' | 'info'

/** Severities by check id, then by verdict. */
export const severities = {
  'percent-vs-fraction': {
    /** The percentage is not its n/N however rounded. */
    mismatch: 'error',
    /** Off in the last digit: truncated, or rounded another way. */
    lastDigit: 'info',
  },
  'events-above-total': { moreEventsThanPeople: 'error' },
  'ci-bounds-order': { lowerAboveUpper: 'error' },
  'estimate-outside-ci': { outside: 'error' },
  'ci-asymmetric': { lopsided: 'warning' },
  'p-vs-ci': {
    /** The CI and the p disagree about significance, or p is more than twice off. */
    cannotAgree: 'error',
    /** p more than a quarter off the range recomputed from the CI. */
    far: 'warning',
  },
  'i2-range': { outOfRange: 'error' },
  'text-vs-table': { differentFigure: 'error' },
  'stated-sum': { partsDoNotAddUp: 'error' },
  'table-count': { rowsDiffer: 'warning' },
  'evidence-vs-overview': { countedDifferently: 'warning' },
} as const satisfies Record<CheckId, Record<string, Severity>>
