/**
 * The inputs of a batch: files and folders expanded into the files to read,
 * and each file read safely.
 *
 * - only regular files are read: a FIFO, a device or a socket, named or found
 *   in a folder, is an error for that entry (opening a FIFO waits for a
 *   writer, reading `/dev/zero` never ends);
 * - the size is checked (with `fstat`, on the file opened) before reading,
 *   and the read is bounded, so a huge file costs nothing;
 * - a folder that cannot be read is an error for that folder, and the rest
 *   of the batch goes on;
 * - the output folder, and any other folder guidex wrote (one with guidex's
 *   `index.json`), is never read as input;
 * - `--ignore <glob>` and a `.guidexignore` file at the top of a folder
 *   leave files out (see `ignore-patterns.ts`).
 */

import { closeSync, constants, fstatSync, openSync, readSync, type Dirent } from 'node:fs'
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { maximumInputBytes } from '../readers/read-text.js'
import { messageRule } from '../rules/rule-ids.js'
import { temporaryPrefix } from './atomic-write.js'
import { type IgnoreMatcher, ignoreMatcher, parseIgnoreFile } from './ignore-patterns.js'

/** Rule ids of the problems with inputs (from the registry, `rules/rule-ids.ts`). */
const inputRule = {
  missing: messageRule.missing,
  unreadable: messageRule.unreadable,
  notRegular: messageRule.notRegularFile,
  tooLarge: messageRule.tooLarge,
  insideOutput: messageRule.insideOutput,
} as const

/** Names of the files a folder yields (the kind is found later from the bytes). */
const inputName = /\.(?:txt|md|pdf)$/i

/** The ignore file read at the top of each folder given. */
export const ignoreFileName = '.guidexignore'

/** A named or found entry that cannot be an input, and why. */
export interface InputProblem {
  /** The entry, as given or as found in its folder. */
  path: string
  ruleId: (typeof inputRule)[keyof typeof inputRule]
  reason: string
}

/** Options of `collectInputs`. */
export interface CollectOptions {
  /** The output folder: never read, nor anything inside it (optional). */
  out?: string
  /** Glob patterns of files and folders to leave out (optional). */
  ignore?: readonly string[]
  /** How folders are listed (default: `fs.promises.readdir`; tests replace it). */
  listFolder?: (folder: string) => Promise<Dirent[]>
}

/** What `collectInputs` found. */
export interface CollectedInputs {
  /** Files to read, in order: each argument in turn, a folder's files sorted. */
  files: string[]
  /** Entries that cannot be read, in the order found. */
  problems: InputProblem[]
}

/**
 * Expand inputs: folders recursively for `*.txt`, `*.md` and `*.pdf`, in
 * sorted order.
 *
 * @param inputs
 *   Files and folders, as given.
 * @param options
 *   Output folder, ignore patterns.
 * @returns
 *   Files to read, and the entries that cannot be.
 */
export async function collectInputs(
  inputs: readonly string[],
  options: CollectOptions = {},
): Promise<CollectedInputs> {
  const files: string[] = []
  const problems: InputProblem[] = []
  const listFolder =
    options.listFolder ?? ((folder: string) => readdir(folder, { withFileTypes: true }))
  const out = options.out === undefined ? undefined : await resolvedPath(options.out)
  const isOutput = (resolved: string) =>
    out !== undefined && (resolved === out || resolved.startsWith(`${out}${path.sep}`))
  for (const input of inputs) {
    let stats: Awaited<ReturnType<typeof stat>>
    try {
      stats = await stat(input)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      problems.push(
        code === 'ENOENT' || code === 'ENOTDIR'
          ? {
              path: input,
              ruleId: inputRule.missing,
              reason: 'Cannot read input: no such file or folder',
            }
          : {
              path: input,
              ruleId: inputRule.unreadable,
              reason: `Cannot read input: ${code ?? String(error)}`,
            },
      )
      continue
    }
    const resolved = await resolvedPath(input)
    if (isOutput(resolved)) {
      problems.push({
        path: input,
        ruleId: inputRule.insideOutput,
        reason: 'Cannot read input: it is the output folder or inside it',
      })
      continue
    }
    if (stats.isDirectory()) {
      const ignore = ignoreMatcher([
        ...(options.ignore ?? []),
        ...(await readIgnoreFile(path.join(input, ignoreFileName))),
      ])
      const found = await walk(input, { ignore, listFolder, isOutput, problems })
      files.push(...found.sort())
      continue
    }
    if (!stats.isFile()) {
      problems.push({ path: input, ruleId: inputRule.notRegular, reason: notRegularReason(stats) })
      continue
    }
    files.push(input)
  }
  return { files, problems }
}

/** The absolute path of a file or folder, through symbolic links where it exists. */
async function resolvedPath(file: string): Promise<string> {
  try {
    return await realpath(file)
  } catch {
    return path.resolve(file)
  }
}

/** The patterns of an ignore file (none when there is no such file). */
async function readIgnoreFile(file: string): Promise<string[]> {
  try {
    return parseIgnoreFile(await readFile(file, 'utf8'))
  } catch {
    return []
  }
}

/**
 * The files under a folder (depth first, one listing per folder), leaving
 * out what is ignored, output folders, and what is not an input.
 */
async function walk(
  root: string,
  context: {
    ignore: IgnoreMatcher
    listFolder: (folder: string) => Promise<Dirent[]>
    isOutput: (resolved: string) => boolean
    problems: InputProblem[]
  },
): Promise<string[]> {
  const files: string[] = []
  const folders: string[] = [root]
  while (folders.length > 0) {
    const folder = folders.pop() as string
    let entries: Dirent[]
    try {
      entries = await context.listFolder(folder)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error)
      context.problems.push({
        path: folder,
        ruleId: inputRule.unreadable,
        reason: `Cannot read folder: ${code}`,
      })
      continue
    }
    if (folder !== root && (await isGuidexOutput(folder, entries))) continue
    for (const entry of entries) {
      const file = path.join(folder, entry.name)
      const relative = path.relative(root, file).split(path.sep).join('/')
      if (entry.name.startsWith(temporaryPrefix)) continue
      if (entry.isDirectory()) {
        if (context.ignore(relative, true) || context.isOutput(path.resolve(file))) continue
        folders.push(file)
        continue
      }
      if (!inputName.test(entry.name) || context.ignore(relative, false)) continue
      if (entry.isFile()) {
        files.push(file)
        continue
      }
      if (entry.isSymbolicLink()) {
        // Followed for files; a link to a folder is not walked (it could loop).
        let target: Awaited<ReturnType<typeof stat>>
        try {
          target = await stat(file)
        } catch {
          context.problems.push({
            path: file,
            ruleId: inputRule.missing,
            reason: 'Cannot read input: a link to no file',
          })
          continue
        }
        if (target.isFile()) {
          if (!context.isOutput(await resolvedPath(file))) files.push(file)
        } else if (!target.isDirectory()) {
          context.problems.push({
            path: file,
            ruleId: inputRule.notRegular,
            reason: notRegularReason(target),
          })
        }
        continue
      }
      context.problems.push({
        path: file,
        ruleId: inputRule.notRegular,
        reason: notRegularReason(entry),
      })
    }
  }
  return files
}

/** The start of guidex's `index.json` (`saveIndex` writes these keys first). */
const guidexIndexStart =
  /^\{\s*"schemaVersion":\s*"[^"]*",\s*"generator":\s*\{\s*"name":\s*"guidex"/

/**
 * Whether a folder is an output folder of guidex (of another run, with
 * another `--out`): its `diffs/*.md` are reports, not guidance.
 */
async function isGuidexOutput(folder: string, entries: readonly Dirent[]): Promise<boolean> {
  if (!entries.some((entry) => entry.name === 'index.json' && entry.isFile())) return false
  let head: string
  try {
    const bytes = readBounded(path.join(folder, 'index.json'), 512)
    head = 'bytes' in bytes ? new TextDecoder().decode(bytes.bytes) : ''
  } catch {
    return false
  }
  return guidexIndexStart.test(head)
}

/** Why an entry that is not a regular file cannot be read. */
function notRegularReason(entry: {
  isFIFO(): boolean
  isSocket(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
  isDirectory(): boolean
}): string {
  const what = entry.isFIFO()
    ? 'a FIFO'
    : entry.isSocket()
      ? 'a socket'
      : entry.isCharacterDevice() || entry.isBlockDevice()
        ? 'a device'
        : entry.isDirectory()
          ? 'a folder'
          : 'not a regular file'
  return `Cannot read input: ${what}, expected a regular file`
}

/** An input's bytes, or why it cannot be read. */
export type ReadInput =
  { bytes: Uint8Array } | { problem: { ruleId: InputProblem['ruleId']; reason: string } }

/**
 * Read one input: a regular file of at most `maximumBytes`. The file is
 * opened without waiting (a FIFO would wait for a writer), its kind and size
 * checked on the open file, and no more than its size is read.
 *
 * @param file
 *   Path.
 * @param maximumBytes
 *   Largest size accepted (default: the decoder's maximum, 4 MiB).
 * @returns
 *   Its bytes, or the problem.
 */
export function readInput(file: string, maximumBytes = maximumInputBytes): ReadInput {
  try {
    return readBounded(file, maximumBytes, true)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return {
      problem:
        code === 'ENOENT'
          ? { ruleId: inputRule.missing, reason: 'Cannot read input: no such file or folder' }
          : { ruleId: inputRule.unreadable, reason: `Cannot read input: ${code ?? String(error)}` },
    }
  }
}

/**
 * Read a regular file, at most `maximumBytes` of it: all of it, or (with
 * `whole`) a problem when it is longer.
 */
function readBounded(file: string, maximumBytes: number, whole = false): ReadInput {
  // Not `O_NONBLOCK` alone: on Windows the constant does not exist.
  const descriptor = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const stats = fstatSync(descriptor)
    if (!stats.isFile())
      return { problem: { ruleId: inputRule.notRegular, reason: notRegularReason(stats) } }
    if (whole && stats.size > maximumBytes)
      return { problem: tooLarge(String(stats.size), maximumBytes) }
    // One byte more than the size: a file that grew since is seen to.
    const buffer = new Uint8Array(Math.min(stats.size, maximumBytes) + 1)
    let length = 0
    while (length < buffer.length) {
      const read = readSync(descriptor, buffer, length, buffer.length - length, null)
      if (read === 0) break
      length += read
    }
    if (length > maximumBytes) {
      if (whole) return { problem: tooLarge(`more than ${maximumBytes}`, maximumBytes) }
      length = maximumBytes
    }
    // A copy of exactly the bytes read: a view would carry the spare byte along.
    return { bytes: length === buffer.length ? buffer : buffer.slice(0, length) }
  } finally {
    closeSync(descriptor)
  }
}

/** The problem of a file over the maximum size (worded as the decoder words it). */
function tooLarge(size: string, maximumBytes: number): { ruleId: 'too-large'; reason: string } {
  return {
    ruleId: inputRule.tooLarge,
    reason: `Unexpected file of ${size} bytes, expected at most ${maximumBytes}`,
  }
}
