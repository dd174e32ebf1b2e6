/**
 * Atomic file writes: a temporary file in the same folder, then a rename, so
 * a reader never sees half a file and a killed run leaves no partial output.
 */

import { randomBytes } from 'node:crypto'
import { unlinkSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Prefix of temporary files (so a cleanup can find leftovers). */
export const temporaryPrefix = '.guidex-tmp-'

/** Temporary files being written now, removed if the process is stopped. */
const inFlight = new Set<string>()

/** Writes under way, awaited before a stop cleans up. */
const pending = new Set<Promise<void>>()

/** Set once the process is stopping: no new write starts. */
let stopping = false

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

/** Write a temporary file beside the destination, then rename it into place. */
async function writeThroughTemporary(
  filePath: string,
  content: string | Uint8Array,
): Promise<void> {
  const folder = path.dirname(filePath)
  await mkdir(folder, { recursive: true })
  const temporary = path.join(
    folder,
    `${temporaryPrefix}${path.basename(filePath)}-${process.pid}-${randomBytes(4).toString('hex')}`,
  )
  inFlight.add(temporary)
  try {
    await writeFile(temporary, content)
    await rename(temporary, filePath)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  } finally {
    inFlight.delete(temporary)
  }
}
