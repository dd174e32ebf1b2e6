/**
 * One writer at a time per output folder: a lock file (`.guidex-lock`) made
 * with `O_EXCL`, holding the owner's pid, host, start time and (on Linux)
 * the kernel's start time of that pid. A second run waits for it (`--wait`)
 * or stops with a message naming the owner. A lock whose owner is gone (the
 * pid is not running, or is another process now) is stale: the next run
 * takes it over.
 */

import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import path from 'node:path'
import { whenStopping } from './atomic-write.js'

/** The lock file's name, in the output folder. */
export const lockFileName = '.guidex-lock'

/** Who holds a lock. */
export interface LockOwner {
  pid: number
  host: string
  /** ISO time the run started. */
  startedAt: string
  /** The kernel's start time of the pid (Linux, `/proc/<pid>/stat`), to tell a reused pid. */
  processStart: number | null
}

/** The output folder is in use by another run. */
export class OutputBusyError extends Error {
  readonly owner: LockOwner

  /**
   * @param folder
   *   Output folder.
   * @param owner
   *   Who holds it.
   */
  constructor(folder: string, owner: LockOwner) {
    super(
      `the output folder \`${folder}\` is in use by another guidex run (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}); run again once it has finished, or with \`--wait\` to wait for it`,
    )
    this.owner = owner
  }
}

/** Options of `lockOutput` and `awaitNoWriter`. */
export interface LockOptions {
  /** Wait for the other run to finish rather than stop (default: `false`). */
  wait?: boolean
  /** Told once, when waiting starts (optional). */
  onWait?: (owner: LockOwner) => void
  /** Time between looks while waiting, in ms (default: 200). */
  pollMs?: number
}

/** A lock held by this process. */
export interface OutputLock {
  /** Let go of it (once the run's files are written). */
  release(): void
}

/** A lock whose content cannot be read yet is taken as held for this long (ms). */
const unreadableGrace = 5000

/**
 * Take the output folder's lock (making the folder if needed).
 *
 * @param folder
 *   Output folder.
 * @param options
 *   Wait or stop.
 * @returns
 *   The lock.
 * @throws {OutputBusyError}
 *   When another run holds it and `wait` is not set.
 */
export async function lockOutput(folder: string, options: LockOptions = {}): Promise<OutputLock> {
  mkdirSync(folder, { recursive: true })
  const file = path.join(folder, lockFileName)
  const mine: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    processStart: processStartTime(process.pid),
  }
  const text = `${JSON.stringify(mine)}\n`
  await untilFree(folder, file, options, () => {
    try {
      writeFileSync(file, text, { flag: 'wx' })
      return true
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw error
    }
  })
  let held = true
  const release = () => {
    if (!held) return
    held = false
    forget()
    // Only a lock that is still ours is removed.
    try {
      if (readFileSync(file, 'utf8') === text) unlinkSync(file)
    } catch {
      // Gone already.
    }
  }
  const forget = whenStopping(release)
  return { release }
}

/**
 * Wait until no other run holds the output folder's lock, without taking
 * it (`extract --check` writes nothing).
 *
 * @param folder
 *   Output folder.
 * @param options
 *   Wait or stop.
 * @returns
 *   Once no run holds it.
 * @throws {OutputBusyError}
 *   When another run holds it and `wait` is not set.
 */
export async function awaitNoWriter(folder: string, options: LockOptions = {}): Promise<void> {
  const file = path.join(folder, lockFileName)
  // Free when there is no lock, or a stale one (left where it is: this writes nothing).
  await untilFree(
    folder,
    file,
    options,
    () => {
      try {
        statSync(file)
        return false
      } catch {
        return true
      }
    },
    false,
  )
}

/**
 * Try `attempt` until it succeeds: between tries, a live owner makes this
 * wait or stop, a stale lock is taken away.
 */
async function untilFree(
  folder: string,
  file: string,
  options: LockOptions,
  attempt: () => boolean,
  takeOverStale = true,
): Promise<void> {
  let announced = false
  for (;;) {
    if (attempt()) return
    const seen = readLock(file)
    if (seen === undefined) continue
    if (seen.owner === undefined ? seen.ageMs < unreadableGrace : isAlive(seen.owner)) {
      const owner = seen.owner ?? {
        pid: 0,
        host: 'unknown',
        startedAt: 'just now',
        processStart: null,
      }
      if (!options.wait) throw new OutputBusyError(folder, owner)
      if (!announced) options.onWait?.(owner)
      announced = true
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200))
      continue
    }
    if (!takeOverStale) return
    takeOver(file, seen.text)
  }
}

/** The lock's text and owner (`owner` undefined while it cannot be read), or undefined when gone. */
function readLock(
  file: string,
): { text: string; owner: LockOwner | undefined; ageMs: number } | undefined {
  let text: string
  let ageMs: number
  try {
    text = readFileSync(file, 'utf8')
    ageMs = Date.now() - statSync(file).mtimeMs
  } catch {
    return undefined
  }
  try {
    const owner = JSON.parse(text) as LockOwner
    if (typeof owner.pid === 'number' && typeof owner.host === 'string')
      return { text, owner, ageMs }
  } catch {
    // Being written, or damaged.
  }
  return { text, owner: undefined, ageMs }
}

/** Whether the owner of a lock still runs (a lock of another host is taken as held). */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  // The same pid, another process: the owner is gone.
  const start = processStartTime(owner.pid)
  return owner.processStart === null || start === null || start === owner.processStart
}

/**
 * Remove a stale lock, unless another run took it over meanwhile: moved
 * aside, then removed if it is the one seen stale, else put back.
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    renameSync(file, aside)
  } catch {
    return
  }
  let text = ''
  try {
    text = readFileSync(aside, 'utf8')
  } catch {
    // Read below as not the stale one.
  }
  if (text !== staleText) {
    try {
      linkSync(aside, file)
    } catch {
      // Another lock is there already: that run holds it.
    }
  }
  try {
    unlinkSync(aside)
  } catch {
    // Gone.
  }
}

/** The kernel's start time of a process (Linux), else `null`. */
function processStartTime(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces), from field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const start = Number(fields[19])
    return Number.isFinite(start) ? start : null
  } catch {
    return null
  }
}
