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

/**
 * Test hook, for a test to stop a run at a known point rather than at a time:
 * `GUIDEX_TEST_HOLD_WRITE=document.json:3` holds the third write of a file
 * named `document.json` once its temporary file is written, before the
 * rename, says so on stderr, and waits for a stop (SIGINT or SIGTERM).
 */
const holdWrite = /^(?<name>[^:]+):(?<count>[1-9]\d*)$/.exec(
  process.env.GUIDEX_TEST_HOLD_WRITE ?? '',
)?.groups

/** Writes of the held file name so far. */
let heldNameWrites = 0

/** Called by `stopWriting` to release a held write. */
let releaseHeld: (() => void) | undefined

/**
 * Stop writing (on SIGINT or SIGTERM, before exiting): refuse new writes,
 * let those under way settle, then remove what is left of them. Removing
 * at once is not enough: a write whose file the thread pool has not opened
 * yet would create it after the removal.
 *
 * @returns
 *   Nothing.
 */
export async function stopWriting(): Promise<void> {
  stopping = true
  releaseHeld?.()
  await Promise.allSettled(pending)
  removeTemporaryFiles()
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
    if (holdWrite && path.basename(filePath) === holdWrite.name) await holdIfDue(temporary)
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
 * the process stops, then fail it as a write begun after the stop.
 */
async function holdIfDue(temporary: string): Promise<void> {
  heldNameWrites++
  if (String(heldNameWrites) !== holdWrite?.count) return
  process.stderr.write(`guidex: test hook: holding write ${heldNameWrites} at ${temporary}\n`)
  // The timer keeps the process alive while it waits.
  let timer: NodeJS.Timeout | undefined
  await new Promise<void>((resolve) => {
    releaseHeld = resolve
    timer = setInterval(() => {}, 60_000)
  })
  clearInterval(timer)
  throw new Error('Stopping: the held write is not completed')
}
