/**
 * Atomic file writes: a temporary file in the same folder, then a rename, so
 * a reader never sees half a file and a killed run leaves no partial output.
 */

import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, unlinkSync, writeFile } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

// The callback forms, promisified: `fs/promises` opens a FileHandle per
// write, which cost this thread about three times as much per file.
const makeFolder = promisify(mkdir)
const writeBytes = promisify(writeFile)
const renameFile = promisify(rename)
const removeFile = promisify(rm)

/** Folders made by this process (each made once, by its first write). */
const madeFolders = new Map<string, Promise<unknown>>()

/** Prefix of temporary files (so a cleanup can find leftovers). */
export const temporaryPrefix = '.guidex-tmp-'

/** Temporary files being written now, removed if the process is stopped. */
const inFlight = new Set<string>()

/** Writes under way, awaited before a stop cleans up. */
const pending = new Set<Promise<void>>()

/** Set once the process is stopping: no new write starts. */
let stopping = false

/** What else is let go when the process stops (the output folder's lock). */
const stopActions = new Set<() => void>()

/**
 * Test hook, for the tests of stopped and concurrent runs only:
 * `GUIDEX_TEST_HOLD_WRITE=document.json:3` holds the third write of a file
 * named `document.json` (`*:3`, the third write of any file) once its
 * temporary file is written, before the rename, says so on stderr (`guidex:
 * test hook: holding write 3 at <temporary file>`) and waits: SIGUSR2 lets it
 * go on, a stop fails it. A test stops or races a run at a known point, not
 * at a guess of time.
 */
const holdWrite = /^(?<name>[^:]+):(?<count>[1-9]\d*)$/.exec(
  process.env.GUIDEX_TEST_HOLD_WRITE ?? '',
)?.groups

/** Writes of the held file name so far. */
let heldNameWrites = 0

/** Called by `stopWriting` to fail a held write. */
let releaseHeld: ((stopped: boolean) => void) | undefined

/**
 * Run an action (synchronous) when the process stops on a signal, after the
 * writes under way.
 *
 * @param action
 *   The action.
 * @returns
 *   A function that takes the action back (once it is done anyway).
 */
export function whenStopping(action: () => void): () => void {
  stopActions.add(action)
  return () => stopActions.delete(action)
}

/**
 * Stop writing (on SIGINT, SIGTERM or SIGHUP, before exiting): refuse new
 * writes, let those under way settle (for `withinMs` at most: a signal is
 * obeyed within a second), then remove what is left of them and run the
 * stop actions. Removing at once is not enough: a write whose file the
 * thread pool has not opened yet would create it after the removal.
 *
 * @param withinMs
 *   Time given to the writes under way (default: 700 ms).
 * @returns
 *   Nothing.
 */
export async function stopWriting(withinMs = 700): Promise<void> {
  stopping = true
  releaseHeld?.(true)
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.allSettled(pending),
    new Promise((resolve) => {
      timer = setTimeout(resolve, withinMs)
    }),
  ])
  clearTimeout(timer)
  removeTemporaryFiles()
  for (const action of stopActions) {
    try {
      action()
    } catch {
      // Stopping goes on.
    }
  }
}

/**
 * Remove the temporary files of writes still under way (on SIGINT or
 * SIGTERM, before exiting), so a stopped run leaves nothing partial.
 */
function removeTemporaryFiles(): void {
  for (const file of inFlight) {
    try {
      unlinkSync(file)
    } catch {
      // Already renamed or gone.
    }
  }
  inFlight.clear()
}

/**
 * Write a file atomically.
 *
 * @param filePath
 *   Destination.
 * @param content
 *   Text (written as UTF-8) or bytes.
 * @returns
 *   Nothing.
 */
export async function writeFileAtomic(
  filePath: string,
  content: string | Uint8Array,
): Promise<void> {
  if (stopping) throw new Error('Stopping: no new file is written')
  const write = writeThroughTemporary(filePath, content)
  pending.add(write)
  try {
    await write
  } finally {
    pending.delete(write)
  }
}

/** Make a folder (and its parents) unless this process made it already. */
function makeFolderOnce(folder: string): Promise<unknown> {
  let made = madeFolders.get(folder)
  if (!made) {
    // A long-lived process forgets its folders now and then (a few bytes each).
    if (madeFolders.size > 10_000) madeFolders.clear()
    made = makeFolder(folder, { recursive: true })
    madeFolders.set(folder, made)
    // A folder that could not be made is tried again by the next write.
    made.catch(() => madeFolders.delete(folder))
  }
  return made
}

/** Write a temporary file beside the destination, then rename it into place. */
async function writeThroughTemporary(
  filePath: string,
  content: string | Uint8Array,
): Promise<void> {
  const folder = path.dirname(filePath)
  await makeFolderOnce(folder)
  const temporary = path.join(
    folder,
    `${temporaryPrefix}${path.basename(filePath)}-${process.pid}-${randomBytes(4).toString('hex')}`,
  )
  inFlight.add(temporary)
  try {
    try {
      await writeBytes(temporary, content)
    } catch (error) {
      // The folder was removed since this process made it: make it again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      madeFolders.delete(folder)
      await makeFolderOnce(folder)
      await writeBytes(temporary, content)
    }
    await holdIfDue(filePath, temporary)
    await renameFile(temporary, filePath)
  } catch (error) {
    await removeFile(temporary, { force: true })
    throw error
  } finally {
    inFlight.delete(temporary)
  }
}

/**
 * The test hook (`GUIDEX_TEST_HOLD_WRITE`): hold the write that is due until
 * SIGUSR2, or until the process stops (then fail it as a write begun after
 * the stop).
 */
async function holdIfDue(filePath: string, temporary: string): Promise<void> {
  if (!holdWrite || (holdWrite.name !== '*' && path.basename(filePath) !== holdWrite.name)) return
  heldNameWrites++
  if (String(heldNameWrites) !== holdWrite.count) return
  process.stderr.write(`guidex: test hook: holding write ${heldNameWrites} at ${temporary}\n`)
  // The timer keeps the process alive while it waits.
  let timer: NodeJS.Timeout | undefined
  const stopped = await new Promise<boolean>((resolve) => {
    releaseHeld = resolve
    timer = setInterval(() => {}, 60_000)
    process.once('SIGUSR2', () => resolve(false))
  })
  clearInterval(timer)
  releaseHeld = undefined
  if (stopped) throw new Error('Stopping: the held write is not completed')
}
