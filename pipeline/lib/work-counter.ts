/**
 * A count of the steps of the loops whose cost could grow faster than their
 * input (joining a block's lines, slicing a mapped text, the markdown
 * parser's paragraphs), so that tests can prove, by doubling an input and
 * counting, that the work only doubles: a proof that does not depend on the
 * clock of a shared machine. Counting costs an addition.
 */

/** Steps counted since the last reset (tests read it; nothing else does). */
export const workCounter = { steps: 0 }

/**
 * Count steps of work.
 *
 * @param steps
 *   Number of steps.
 * @returns
 *   Nothing.
 */
export function countWork(steps: number): void {
  workCounter.steps += steps
}
