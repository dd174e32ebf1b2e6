/**
 * A word-level diff (longest common subsequence), for reworded paragraphs.
 */

import { countWork } from '../lib/work-counter.js'

/** One run of a word diff. */
export interface WordChange {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** Past this many word pairs the diff falls back to one delete and one insert. */
const maximumCells = 400_000

/**
 * Diff two texts word by word.
 *
 * @param before
 *   Old text.
 * @param after
 *   New text.
 * @returns
 *   Runs of equal, deleted and inserted words (adjacent runs merged).
 */
export function wordDiff(before: string, after: string): WordChange[] {
  const a = before.split(/\s+/).filter(Boolean)
  const b = after.split(/\s+/).filter(Boolean)
  if (a.length * b.length > maximumCells) {
    return merge([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ])
  }
  countWork(a.length * b.length)
  // lengths[i][j]: LCS of a[i:] and b[j:].
  const width = b.length + 1
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] as number) + 1
          : Math.max(lengths[(i + 1) * width + j] as number, lengths[i * width + j + 1] as number)
    }
  }
  const changes: WordChange[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      changes.push({ op: 'equal', text: a[i] as string })
      i++
      j++
    } else if ((lengths[(i + 1) * width + j] as number) >= (lengths[i * width + j + 1] as number)) {
      changes.push({ op: 'delete', text: a[i] as string })
      i++
    } else {
      changes.push({ op: 'insert', text: b[j] as string })
      j++
    }
  }
  while (i < a.length) changes.push({ op: 'delete', text: a[i++] as string })
  while (j < b.length) changes.push({ op: 'insert', text: b[j++] as string })
  return merge(changes)
}

/** Merge adjacent runs of the same kind. */
function merge(changes: WordChange[]): WordChange[] {
  const merged: WordChange[] = []
  for (const change of changes) {
    const last = merged[merged.length - 1]
    if (last && last.op === change.op) last.text += ` ${change.text}`
    else merged.push({ ...change })
  }
  return merged
}

/**
 * How alike two texts are: the share of words in common (Dice on word
 * multisets), from 0 to 1.
 *
 * @param before
 *   One text.
 * @param after
 *   The other.
 * @returns
 *   Similarity.
 */
export function similarity(before: string, after: string): number {
  const a = before.toLowerCase().split(/\W+/).filter(Boolean)
  const b = after.toLowerCase().split(/\W+/).filter(Boolean)
  if (a.length === 0 && b.length === 0) return 1
  countWork(a.length + b.length)
  const counts = new Map<string, number>()
  for (const word of a) counts.set(word, (counts.get(word) ?? 0) + 1)
  let shared = 0
  for (const word of b) {
    const count = counts.get(word) ?? 0
    if (count > 0) {
      shared++
      counts.set(word, count - 1)
    }
  }
  return (2 * shared) / (a.length + b.length)
}
