/**
 * Stage `write` (after the processor): the output tree of the contract.
 *
 * ```
 * <out>/index.json
 * <out>/<family>/<release>/document.json
 * <out>/<family>/<release>/tables/<id>.csv
 * <out>/<family>/<release>/text.txt
 * <out>/<family>/diffs/<old>__<new>.json and .md
 * ```
 *
 * A family is one piece of guidance through its life (IPG633 → HTG492),
 * keyed by identity, never by a name: its guidance ids (a release's own id,
 * and the ids it replaces whole or was migrated from), or, for a text
 * without an id, that text's sha256 (a family of its own). A release is one
 * distinct text of it. A written release is never overwritten, and a text
 * already written (same sha256) changes nothing. Names are derived from
 * content, reduced to `[a-z0-9-]` (so they can never leave the output
 * folder), and made unique.
 *
 * The output repairs itself: `index.json` lists every file with its size and
 * sha256, and a run checks them. A missing or damaged file is written again
 * from its input (the same bytes: restoring, not overwriting), from the
 * release's own `document.json` (its tables), or from the two releases (a
 * diff); where that cannot be, it is reported at its path. Files the index
 * does not list are removed (leftover temporary files of a stopped run
 * too). With `check` the store writes nothing: each write it would make is
 * compared with the disk, and what differs is reported instead.
 */

import type { Dirent } from 'node:fs'
import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises'
import path from 'node:path'
import pLimit from 'p-limit'
import { diffRecords } from './diff/diff-records.js'
import { renderDiffMarkdown } from './diff/render-markdown.js'
import { temporaryPrefix, writeFileAtomic } from './lib/atomic-write.js'
import { packageVersion } from './lib/package-root.js'
import { countWork } from './lib/work-counter.js'
import { documentValidator, indexValidator } from './lib/schemas.js'
import type { GuidexOutputIndex } from './generated/index.js'
import type { SeverityCounts } from './lib/severity-counts.js'
import { slug, wordSlug } from './lib/slug.js'
import type { DocumentRecord } from './types.js'
import {
  sha256,
  tableCsv,
  tableFileName,
  updateNoteHash,
  withoutBom,
  type WritableDocument,
} from './writable-document.js'

/** The whole index (`index.json`): the type of `schemas/index.schema.json`. */
export type OutputIndex = GuidexOutputIndex

/** A family listed in the index. */
export type IndexFamily = OutputIndex['families'][number]

/** A release listed in the index. */
export type IndexRelease = IndexFamily['releases'][number]

/** A diff listed in the index. */
export type IndexDiff = IndexFamily['diffs'][number]

/** A file listed in the index (its path relative to the output folder, with `/`). */
export type IndexFile = IndexRelease['files'][number]

/** What the index repeats of a release's metadata, to name and order releases. */
type IndexedFacts = Pick<
  IndexRelease,
  'guidanceId' | 'kind' | 'title' | 'published' | 'lastUpdated' | 'revised' | 'replaces'
>

/** The facts of a release's metadata the index holds (from a record, written or read). */
function indexedFacts(metadata: IndexedFacts): IndexedFacts {
  const { guidanceId, kind, title, published, lastUpdated, revised, replaces } = metadata
  return { guidanceId, kind, title, published, lastUpdated, revised, replaces }
}

/** What happened to one document at write time. */
export interface WriteOutcome {
  family: string
  release: string
  status: 'written' | 'unchanged' | 'restored'
  /** Path of `document.json` relative to the output folder. */
  documentPath: string
}

/** Something the store did to the output beyond writing releases, or could not do. */
export interface OutputNote {
  /** Path relative to the output folder. */
  path: string
  action: 'restored' | 'removed' | 'rebuilt' | 'unrepairable' | 'left'
  reason: string
}

/** A release in the index, and where to find it. */
interface Placed {
  family: IndexFamily
  release: IndexRelease
}

/** A file of a release as the store would write it. */
interface Planned {
  path: string
  content: Uint8Array
  sha256: string
}

/** Characters of early diff reports held in memory at most (about 32 MB as UTF-16). */
const earlyDiffBudget = 16 * 1024 * 1024

/** Version of the `index.json` shape. */
export const indexSchemaVersion = '2.0.0'

/** Files of the output folder that the index does not list, and are kept. */
const ownFiles = new Set(['index.json', 'run.json', '.guidex-lock'])

/** The paths guidex writes under a family folder (anything else there is not its own). */
const releaseFile =
  /^[a-z0-9][a-z0-9-]*\/(?:[a-z0-9][a-z0-9-]*\/(?:document\.json|text\.txt|tables\/[a-z0-9][a-z0-9-]*\.csv)|diffs\/[a-z0-9][a-z0-9-]*__[a-z0-9][a-z0-9-]*\.(?:json|md))$/

/** Files read and hashed at once when the output is checked. */
const checkLimit = pLimit(16)

/** Options of `OutputStore.open`. */
export interface StoreOptions {
  /**
   * Write nothing: compare what would be written with the disk, and report
   * the differences (`extract --check`) (default: `false`).
   */
  check?: boolean
  /**
   * Characters of diff reports made during the run to hold until the end
   * (default: 16 Mi; 0 makes every diff at the end).
   */
  earlyDiffBudget?: number
  /** Whether CSVs start with a UTF-8 byte order mark, as `writableOf` makes them (default: `true`). */
  csvBom?: boolean
}

/**
 * The output folder: reads `index.json` once (or rebuilds it from the
 * release folders when it is missing or damaged), places each record in its
 * family, writes atomically, checks and repairs what is there, and rewrites
 * `index.json`.
 */
export class OutputStore {
  readonly folder: string
  /** Whether this store only compares (`extract --check`). */
  readonly checking: boolean
  private readonly index: OutputIndex
  /** Every file found in the folder when it was opened (relative paths). */
  private readonly found: Set<string>
  /** Releases by the sha256 of their input. */
  private readonly bySha256 = new Map<string, Placed>()
  /** Families by each guidance id that keys them. */
  private readonly familyById = new Map<string, IndexFamily>()
  /** Families by name. */
  private readonly familyByName = new Map<string, IndexFamily>()
  /** Releases seen by this run (committed, or their text given again). */
  private readonly touched = new Set<IndexRelease>()
  /**
   * Releases of an index rebuilt from the release folders: what their
   * records do not hold (their reading warnings, the paths of their input)
   * is made whole when a run sees their text again.
   */
  private readonly provisional = new Set<IndexRelease>()
  /** What the check of each release found damaged, once checked. */
  private readonly damageOf = new Map<IndexRelease, Promise<string[]>>()
  /** In `check` mode: the `document.json` of releases not on disk (diffs read them). */
  private readonly unwritten = new Map<string, Uint8Array>()
  /** What the store did beyond writing releases, or could not do. */
  readonly notes: OutputNote[] = []
  /** In `check` mode: what a run would change. */
  readonly differences: string[] = []
  /**
   * Diff reports made as soon as a family had a new release beside another,
   * while the workers go on extracting (by `family/old__new`); `writeDiffs`
   * writes those still between consecutive releases at the end. Held up to
   * `earlyDiffBudget` characters: past it, the rest are made at the end, so
   * memory does not grow with the batch.
   */
  private readonly earlyDiffs = new Map<string, { json: string; markdown: string }>()
  private earlyDiffCharacters = 0
  private readonly earlyDiffBudget: number
  /** The index as the disk has it (bytes), to compare in `check` mode. */
  private readonly indexOnDisk: Buffer | undefined
  /** Whether CSVs keep their byte order mark. */
  private readonly csvBom: boolean

  /** See `open`. */
  private constructor(
    folder: string,
    index: OutputIndex,
    found: Set<string>,
    indexOnDisk: Buffer | undefined,
    options: StoreOptions,
  ) {
    this.folder = folder
    this.index = index
    this.found = found
    this.indexOnDisk = indexOnDisk
    this.checking = options.check ?? false
    this.earlyDiffBudget = options.earlyDiffBudget ?? earlyDiffBudget
    this.csvBom = options.csvBom ?? true
    for (const family of index.families) this.register(family)
  }

  /**
   * Open an output folder: read its `index.json` (or rebuild it from the
   * release folders when it is missing or damaged), and remove the
   * temporary files a stopped run left (in `check` mode: report them).
   *
   * @param folder
   *   Output folder.
   * @param options
   *   Check mode, early diffs.
   * @returns
   *   The store.
   * @throws {Error}
   *   When the folder cannot be read.
   */
  static async open(folder: string, options: StoreOptions = {}): Promise<OutputStore> {
    const found = await listFiles(folder)
    const notes: OutputNote[] = []
    const differences: string[] = []
    for (const file of [...found]) {
      if (!path.posix.basename(file).startsWith(temporaryPrefix)) continue
      found.delete(file)
      if (options.check) differences.push(`${file}: a temporary file left by a stopped run`)
      else {
        await rm(path.join(folder, file), { force: true })
        notes.push({
          path: file,
          action: 'removed',
          reason: 'a temporary file left by a stopped run',
        })
      }
    }
    let indexOnDisk: Buffer | undefined
    let index: OutputIndex | undefined
    let problem: string | undefined
    if (found.has('index.json')) {
      indexOnDisk = await readFile(path.join(folder, 'index.json'))
      try {
        const parsed: unknown = JSON.parse(indexOnDisk.toString('utf8'))
        if (indexValidator(parsed)) index = parsed as OutputIndex
        else
          problem = `invalid (\`${indexValidator.errors?.[0]?.instancePath || '/'}\` ${indexValidator.errors?.[0]?.message ?? ''})`
      } catch (error) {
        problem = `not JSON (${(error as Error).message})`
      }
    }
    const store = new OutputStore(
      folder,
      index ?? (await rebuildIndex(folder, found, notes, options.csvBom ?? true)),
      found,
      indexOnDisk,
      options,
    )
    if (!index && (problem || store.index.families.length > 0)) {
      notes.unshift({
        path: 'index.json',
        action: 'rebuilt',
        reason: `${problem ? `it was ${problem}` : 'it was missing'}; rebuilt from ${store.index.families.reduce((sum, family) => sum + family.releases.length, 0)} release folders`,
      })
    }
    if (!index)
      for (const family of store.index.families)
        for (const release of family.releases) store.provisional.add(release)
    store.notes.push(...notes)
    store.differences.push(...differences)
    return store
  }

  /** Note a family's ids and names in the lookups, and its releases by hash. */
  private register(family: IndexFamily): void {
    this.familyByName.set(family.family, family)
    for (const id of family.ids) if (!this.familyById.has(id)) this.familyById.set(id, family)
    for (const release of family.releases)
      this.bySha256.set(release.source.sha256, { family, release })
  }

  /**
   * Whether a text (by its sha256) is already a release.
   *
   * @param hash
   *   sha256 of the input's bytes.
   * @returns
   *   Family and release names holding it, and its findings, if any.
   */
  release(hash: string): { family: string; release: string; findings: SeverityCounts } | undefined {
    const placed = this.bySha256.get(hash)
    return placed
      ? {
          family: placed.family.family,
          release: placed.release.release,
          findings: { ...placed.release.findings },
        }
      : undefined
  }

  /** The index as it stands. */
  get current(): OutputIndex {
    return this.index
  }

  /**
   * The files of a release that are missing or damaged (size, then sha256,
   * against the index), checked once per run.
   *
   * @param hash
   *   sha256 of the release's input.
   * @returns
   *   Paths of the files to restore (none when the release is whole).
   */
  damaged(hash: string): Promise<string[]> {
    const placed = this.bySha256.get(hash)
    if (!placed) return Promise.resolve([])
    let damage = this.damageOf.get(placed.release)
    if (!damage) {
      damage = checkFiles(this.folder, placed.release.files)
      this.damageOf.set(placed.release, damage)
    }
    return damage
  }

  /**
   * Whether a text already written must be extracted again: files of its
   * release are missing or damaged, or its index entry was rebuilt.
   *
   * @param hash
   *   sha256 of the input's bytes.
   * @returns
   *   Whether to extract it.
   */
  async needsExtraction(hash: string): Promise<boolean> {
    const placed = this.bySha256.get(hash)
    if (!placed) return true
    return this.provisional.has(placed.release) || (await this.damaged(hash)).length > 0
  }

  /**
   * A text already written was given again: note where it was seen.
   *
   * @param hash
   *   sha256 of its bytes.
   * @param inputPath
   *   Where it was read, relative to the output folder.
   * @returns
   *   Where it is.
   */
  seen(hash: string, inputPath: string): WriteOutcome {
    const { family, release } = this.bySha256.get(hash) as Placed
    this.touched.add(release)
    seenAt(release, inputPath)
    return {
      family: family.family,
      release: release.release,
      status: 'unchanged',
      documentPath: `${family.family}/${release.release}/document.json`,
    }
  }

  /**
   * Place a record in its family and write it; a text already there is
   * restored where its files are missing or damaged, else left as it is.
   *
   * @param document
   *   The document, in writable form.
   * @param inputPath
   *   Where its text was read, relative to the output folder.
   * @param findings
   *   Its findings by severity, for the index (default: none).
   * @returns
   *   Where it went and what was written.
   */
  async commit(
    document: WritableDocument,
    inputPath: string,
    findings: SeverityCounts = { error: 0, warning: 0, info: 0 },
  ): Promise<WriteOutcome> {
    const known = this.bySha256.get(document.source.sha256)
    if (known) return this.restore(known, document, inputPath, findings)
    const family = this.familyFor(document)
    // What a commit looks at: its family's releases (lookups by key for the rest).
    countWork(1 + family.releases.length)
    const release = this.releaseName(family, document)
    const planned = this.plannedFiles(`${family.family}/${release}`, document)
    // Tables (and the text) first, the record last: a release folder with a
    // document.json is complete.
    await Promise.all(planned.slice(1).map((file) => this.write(file.path, file.content)))
    const record = planned[0] as Planned
    await this.write(record.path, record.content)
    if (this.checking) this.unwritten.set(record.path, record.content)
    const { metadata } = document
    const entry: IndexRelease = {
      release,
      ...indexedFacts(metadata),
      updateNotes: metadata.updateNotes,
      source: { ...document.source, paths: [inputPath] },
      files: planned.map(indexFile),
      findings: { ...findings },
    }
    insertRelease(family, entry)
    this.bySha256.set(document.source.sha256, { family, release: entry })
    this.touched.add(entry)
    this.damageOf.set(entry, Promise.resolve([]))
    await this.diffNeighbours(family, entry)
    return { family: family.family, release, status: 'written', documentPath: record.path }
  }

  /**
   * Write again the missing or damaged files of a release from its text
   * extracted again. The same bytes, as a rule; where they are not (another
   * version of guidex), the new bytes are written and the index follows.
   */
  private async restore(
    placed: Placed,
    document: WritableDocument,
    inputPath: string,
    findings: SeverityCounts,
  ): Promise<WriteOutcome> {
    const { family, release } = placed
    this.touched.add(release)
    seenAt(release, inputPath)
    if (this.provisional.delete(release)) release.findings = { ...findings }
    const damaged = new Set(await this.damaged(release.source.sha256))
    const planned = new Map(
      this.plannedFiles(`${family.family}/${release.release}`, document).map((file) => [
        file.path,
        file,
      ]),
    )
    let restored = 0
    for (const [at, listed] of release.files.entries()) {
      if (!damaged.has(listed.path)) continue
      const file = planned.get(listed.path)
      if (!file) {
        this.unrepairable(listed.path, `the text of ${inputPath} no longer gives it`)
        continue
      }
      await this.write(file.path, file.content)
      restored++
      if (file.sha256 !== listed.sha256) {
        release.files[at] = indexFile(file)
        this.notes.push({
          path: file.path,
          action: 'restored',
          reason: `written again from ${inputPath}, with another sha256 than index.json listed (another version of guidex, or an edited index)`,
        })
      } else {
        this.notes.push({
          path: file.path,
          action: 'restored',
          reason: `written again from ${inputPath}`,
        })
      }
    }
    if (restored > 0) this.damageOf.set(release, Promise.resolve([]))
    return {
      family: family.family,
      release: release.release,
      status: restored > 0 ? 'restored' : 'unchanged',
      documentPath: `${family.family}/${release.release}/document.json`,
    }
  }

  /**
   * Check the releases this run did not see, and mend what can be mended
   * without their input: tables from the release's own `document.json`.
   * What needs the input comes back, with the paths the input was seen at,
   * for the caller to extract again (then `commit` restores it).
   *
   * @returns
   *   Releases that need their input: sha256, and the paths to try (absolute).
   */
  async checkUntouched(): Promise<{ sha256: string; paths: string[] }[]> {
    const needInput: { sha256: string; paths: string[] }[] = []
    const untouched = this.index.families.flatMap((family) =>
      family.releases
        .filter((release) => !this.touched.has(release))
        .map((release) => ({ family, release })),
    )
    const damage = await Promise.all(
      untouched.map(({ release }) => this.damaged(release.source.sha256)),
    )
    for (const [index, { family, release }] of untouched.entries()) {
      const damaged = damage[index] as string[]
      if (damaged.length === 0) continue
      const record = `${family.family}/${release.release}/document.json`
      if (!damaged.includes(record) && !damaged.some((file) => file.endsWith('/text.txt'))) {
        // Only tables: they are made from the record itself.
        if (await this.restoreTables({ family, release }, damaged)) continue
      }
      needInput.push({
        sha256: release.source.sha256,
        paths: release.source.paths.map((file) => path.resolve(this.folder, file)),
      })
    }
    return needInput
  }

  /**
   * A release whose damaged files could not be restored: its input is gone
   * or changed, or extracting it again failed. Reported at each file's path.
   *
   * @param hash
   *   sha256 of its input.
   * @param reason
   *   Why (default: the input is gone or has changed).
   * @returns
   *   Nothing.
   */
  async cannotRestore(hash: string, reason?: string): Promise<void> {
    const placed = this.bySha256.get(hash) as Placed
    const { release } = placed
    this.touched.add(release)
    const damaged = await this.damaged(hash)
    const where = release.source.paths.length > 0 ? release.source.paths.join(', ') : 'not known'
    for (const file of damaged)
      this.unrepairable(file, reason ?? `its input (${where}) is gone or has changed`)
  }

  /** Tables of a release made again from its `document.json`; whether that mended all. */
  private async restoreTables(placed: Placed, damaged: readonly string[]): Promise<boolean> {
    const { family, release } = placed
    const record = await this.readRecord(family, release)
    if (!record) return false
    const base = `${family.family}/${release.release}`
    const made = new Map<string, { content: Uint8Array; sha256: string }>()
    for (const table of recordTables(base, record, this.csvBom))
      made.set(table.path, { content: table.content, sha256: table.sha256 })
    for (const file of damaged) {
      const table = made.get(file)
      const listed = release.files.find((candidate) => candidate.path === file)
      if (!table || !listed || table.sha256 !== listed.sha256) return false
    }
    for (const file of damaged) {
      await this.write(file, (made.get(file) as { content: Uint8Array }).content)
      this.notes.push({
        path: file,
        action: 'restored',
        reason: "made again from the release's document.json",
      })
    }
    this.damageOf.set(release, Promise.resolve([]))
    return true
  }

  /** The files of a release: `document.json` first, then its tables and text layer. */
  private plannedFiles(base: string, document: WritableDocument): Planned[] {
    const names = uniqueTableFiles(document.tables.map((table) => table.file))
    return [
      { path: `${base}/document.json`, content: document.json, sha256: document.jsonSha256 },
      ...document.tables.map((table, index) => {
        const content = this.csvBom ? table.csv : withoutBom(table.csv)
        return {
          path: `${base}/tables/${names[index]}`,
          content,
          sha256: this.csvBom ? table.sha256 : sha256(content),
        }
      }),
      ...(document.textLayer
        ? [
            {
              path: `${base}/text.txt`,
              content: document.textLayer.bytes,
              sha256: document.textLayer.sha256,
            },
          ]
        : []),
    ]
  }

  /** Report a file that cannot be restored. */
  private unrepairable(file: string, reason: string): void {
    const message = `${file}: cannot restore it: ${reason}`
    if (this.checking) this.differences.push(message)
    this.notes.push({ path: file, action: 'unrepairable', reason: `cannot restore it: ${reason}` })
  }

  /** Write a file (or, in `check` mode, compare it with the disk). */
  private async write(file: string, content: Uint8Array | string): Promise<void> {
    if (!this.checking) {
      await writeFileAtomic(path.join(this.folder, file), content)
      return
    }
    const bytes = typeof content === 'string' ? utf8.encode(content) : content
    let current: Buffer | undefined
    try {
      current = await readFile(path.join(this.folder, file))
    } catch {
      current = undefined
    }
    if (current === undefined) this.differences.push(`${file}: missing: the run would write it`)
    else if (!current.equals(bytes))
      this.differences.push(`${file}: differs from what the run would write`)
  }

  /** Read a release's `document.json` (from memory in `check` mode, where it was not written). */
  private async readRecord(
    family: IndexFamily,
    release: IndexRelease,
  ): Promise<DocumentRecord | undefined> {
    const file = `${family.family}/${release.release}/document.json`
    try {
      const bytes = this.unwritten.get(file) ?? (await readFile(path.join(this.folder, file)))
      const record: unknown = JSON.parse(new TextDecoder().decode(bytes))
      return documentValidator(record) ? (record as DocumentRecord) : undefined
    } catch {
      return undefined
    }
  }

  /** Make the diffs between a new release and the releases either side of it. */
  private async diffNeighbours(family: IndexFamily, release: IndexRelease): Promise<void> {
    const at = family.releases.indexOf(release)
    for (const [before, after] of [
      [family.releases[at - 1], family.releases[at]],
      [family.releases[at], family.releases[at + 1]],
    ]) {
      if (!before || !after) continue
      const key = diffKey(family, before, after)
      if (
        hasDiff(family, before, after) ||
        this.earlyDiffs.has(key) ||
        this.earlyDiffCharacters >= this.earlyDiffBudget
      )
        continue
      const diff = await this.makeDiff(family, before, after)
      if (!diff) continue
      this.earlyDiffs.set(key, diff)
      this.earlyDiffCharacters += diff.json.length + diff.markdown.length
    }
  }

  /** The diff report between two releases of a family, as JSON and markdown (none when one cannot be read). */
  private async makeDiff(
    family: IndexFamily,
    before: IndexRelease,
    after: IndexRelease,
  ): Promise<{ json: string; markdown: string } | undefined> {
    const [old, current] = await Promise.all([
      this.readRecord(family, before),
      this.readRecord(family, after),
    ])
    if (!old || !current) return undefined
    // The first path each text was seen at (relative to the output folder,
    // so the same from any working folder).
    const report = diffRecords(old, current, packageVersion, {
      old: { release: `${family.family}/${before.release}`, path: before.source.paths[0] ?? null },
      new: { release: `${family.family}/${after.release}`, path: after.source.paths[0] ?? null },
    })
    return { json: `${JSON.stringify(report, null, 2)}\n`, markdown: renderDiffMarkdown(report) }
  }

  /**
   * Bring the diffs in line with the releases: a diff for each pair of
   * consecutive releases (made where it is missing or damaged), none for
   * releases no longer side by side.
   *
   * @returns
   *   Paths of the diffs written, relative to the output folder.
   */
  async writeDiffs(): Promise<string[]> {
    const due: { family: IndexFamily; before: IndexRelease; after: IndexRelease; base: string }[] =
      []
    const listed = await Promise.all(
      this.index.families.flatMap((family) =>
        family.diffs.map(async (diff) => ({
          family,
          diff,
          damaged: await checkFiles(this.folder, diff.files),
        })),
      ),
    )
    const damagedDiffs = new Set(
      listed.filter(({ damaged }) => damaged.length > 0).map(({ diff }) => diff),
    )
    for (const family of this.index.families) {
      const consecutive = new Set<string>()
      for (let index = 1; index < family.releases.length; index++) {
        const before = family.releases[index - 1] as IndexRelease
        const after = family.releases[index] as IndexRelease
        consecutive.add(`${before.release}__${after.release}`)
        const diff = family.diffs.find(
          (entry) => entry.from === before.release && entry.to === after.release,
        )
        if (diff && !damagedDiffs.has(diff)) continue
        due.push({
          family,
          before,
          after,
          base: `${family.family}/diffs/${before.release}__${after.release}`,
        })
      }
      // Diffs of releases no longer side by side, or to be made again, leave the list.
      family.diffs = family.diffs.filter(
        (diff) => consecutive.has(`${diff.from}__${diff.to}`) && !damagedDiffs.has(diff),
      )
    }
    // A few at once (a batch of many families has many), each report let go
    // once written; then listed in a stable order.
    const limit = pLimit(8)
    const entries = await Promise.all(
      due.map(({ family, before, after, base }) =>
        limit(async () => {
          const key = diffKey(family, before, after)
          const diff = this.earlyDiffs.get(key) ?? (await this.makeDiff(family, before, after))
          this.earlyDiffs.delete(key)
          if (!diff) {
            this.notes.push({
              path: `${base}.json`,
              action: 'unrepairable',
              reason: 'cannot make it: a release of it cannot be read',
            })
            return undefined
          }
          await Promise.all([
            this.write(`${base}.json`, diff.json),
            this.write(`${base}.md`, diff.markdown),
          ])
          const files = [
            { path: `${base}.json`, content: utf8.encode(diff.json) },
            { path: `${base}.md`, content: utf8.encode(diff.markdown) },
          ].map(({ path: file, content }) => ({
            path: file,
            bytes: content.length,
            sha256: sha256(content),
          }))
          return { from: before.release, to: after.release, files }
        }),
      ),
    )
    for (const [index, { family }] of due.entries()) {
      const entry = entries[index]
      if (entry) family.diffs.push(entry)
    }
    for (const family of this.index.families) family.diffs.sort(compareDiffs(family))
    return due.filter((_, index) => entries[index]).map(({ base }) => `${base}.json`)
  }

  /**
   * Remove the files of the folder that the index does not list (a release
   * folder or a diff no run made, tables of a record no longer there);
   * files guidex would never write are left, and said so. In `check` mode,
   * report them.
   *
   * @returns
   *   Nothing.
   */
  async removeUnlisted(): Promise<void> {
    const listed = new Set(
      this.index.families.flatMap((family) => [
        ...family.releases.flatMap((release) => release.files.map((file) => file.path)),
        ...family.diffs.flatMap((diff) => diff.files.map((file) => file.path)),
      ]),
    )
    const folders = new Set<string>()
    for (const file of [...this.found].sort()) {
      if (listed.has(file) || ownFiles.has(file)) continue
      if (!releaseFile.test(file)) {
        this.notes.push({
          path: file,
          action: 'left',
          reason: 'not a file guidex writes, and not listed in index.json',
        })
        continue
      }
      if (this.checking) {
        this.differences.push(`${file}: not listed in index.json: the run would remove it`)
        continue
      }
      await rm(path.join(this.folder, file), { force: true })
      this.notes.push({ path: file, action: 'removed', reason: 'not listed in index.json' })
      for (
        let folder = path.posix.dirname(file);
        folder !== '.';
        folder = path.posix.dirname(folder)
      )
        folders.add(folder)
    }
    // Folders left empty, deepest first.
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      try {
        await rmdir(path.join(this.folder, folder))
      } catch {
        // Not empty: it holds what is listed.
      }
    }
  }

  /**
   * Write `index.json` (atomically), families by name; in `check` mode,
   * compare it with the disk.
   *
   * @returns
   *   Nothing.
   */
  async saveIndex(): Promise<void> {
    this.index.families.sort((a, b) => (a.family < b.family ? -1 : a.family > b.family ? 1 : 0))
    this.index.generator = { name: 'guidex', version: packageVersion }
    const text = `${JSON.stringify(this.index, null, 2)}\n`
    if (!this.checking) {
      await writeFileAtomic(path.join(this.folder, 'index.json'), text)
      return
    }
    if (this.indexOnDisk === undefined)
      this.differences.push('index.json: missing: the run would write it')
    else if (!this.indexOnDisk.equals(utf8.encode(text)))
      this.differences.push('index.json: differs from what the run would write')
  }

  /**
   * The family of a record: the family of its guidance id or of an id it
   * replaces whole or was migrated from, else a new one; a text without an
   * id gets a family of its own, keyed by its sha256.
   */
  private familyFor(record: Pick<WritableDocument, 'metadata' | 'source'>): IndexFamily {
    const { metadata } = record
    const ids = [
      ...new Set([metadata.guidanceId, ...metadata.replaces].filter((id) => id !== null)),
    ]
    if (ids.length === 0) {
      const family: IndexFamily = {
        family: this.uniqueFamilyName(
          `${wordSlug(metadata.title ?? 'untitled', 47)}-${record.source.sha256.slice(0, 12)}`,
          record.source.sha256,
        ),
        ids: [],
        content: record.source.sha256,
        releases: [],
        diffs: [],
      }
      this.index.families.push(family)
      this.register(family)
      return family
    }
    // Its own id first: where a record links two families, it joins its own.
    const known = ids.map((id) => this.familyById.get(id)).find((family) => family !== undefined)
    let family = known
    if (!family) {
      const oldest = [...metadata.replaces].sort()[0] ?? (metadata.guidanceId as string)
      family = {
        family: this.uniqueFamilyName(slug(oldest), record.source.sha256),
        ids: [],
        content: null,
        releases: [],
        diffs: [],
      }
      this.index.families.push(family)
    }
    family.ids = [...new Set([...family.ids, ...ids])].sort()
    this.register(family)
    return family
  }

  /** A family name not taken yet: the name, else with the text's hash (longer until free). */
  private uniqueFamilyName(name: string, hash: string): string {
    if (!this.familyByName.has(name) && !reserved(name)) return name
    for (let length = 8; length <= 64; length += 4) {
      const candidate = `${name}-${hash.slice(0, length)}`
      if (!this.familyByName.has(candidate)) return candidate
    }
    throw new Error(`No free family name for ${name}`)
  }

  /**
   * A release name: id and date (`htg492-2026-01`), with the text's hash
   * (longer until free) when another text holds that name.
   */
  private releaseName(
    family: IndexFamily,
    record: Pick<WritableDocument, 'metadata' | 'source'>,
  ): string {
    const { metadata } = record
    const date = metadata.revised ?? 'undated'
    const base = metadata.guidanceId ? `${slug(metadata.guidanceId)}-${date}` : date
    const taken = new Set(family.releases.map((release) => release.release))
    if (!taken.has(base)) return base
    for (let length = 8; length <= 64; length += 4) {
      const candidate = `${base}-${record.source.sha256.slice(0, length)}`
      if (!taken.has(candidate)) return candidate
    }
    throw new Error(`No free release name for ${base}`)
  }
}

/** Encodes text as UTF-8. */
const utf8 = new TextEncoder()

/** The index entry of a planned file. */
function indexFile(file: Planned): IndexFile {
  return { path: file.path, bytes: file.content.length, sha256: file.sha256 }
}

/**
 * Table file names made unique within a release: the name the writable
 * form gives (`table-1-study-details.csv`), and a number after one already
 * taken (`table-1-study-details-2.csv`): two tables of one caption id and
 * caption are two files.
 *
 * @param names
 *   File names, in table order.
 * @returns
 *   Names, in the same order, all different.
 */
export function uniqueTableFiles(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => {
    const stem = name.replace(/\.csv$/, '')
    let unique = name
    for (let count = 2; taken.has(unique); count++) unique = `${stem}-${count}.csv`
    taken.add(unique)
    return unique
  })
}

/** The CSV files of a record's tables as the store writes them (restoring from the record). */
function recordTables(base: string, record: DocumentRecord, csvBom: boolean): Planned[] {
  const names = uniqueTableFiles(record.tables.map((table) => tableFileName(table)))
  return record.tables.map((table, index) => {
    const content = utf8.encode(`${csvBom ? '\uFEFF' : ''}${tableCsv(table)}`)
    return { path: `${base}/tables/${names[index]}`, content, sha256: sha256(content) }
  })
}

/**
 * Place a new release among a family's: after every release that is not
 * newer than it (so releases of one date that nothing orders stay in the
 * order they came).
 */
function insertRelease(family: IndexFamily, release: IndexRelease): void {
  const newer = family.releases.findIndex((candidate) => compareReleases(candidate, release) > 0)
  if (newer === -1) family.releases.push(release)
  else family.releases.splice(newer, 0, release)
}

/**
 * Order two releases by the documents themselves: the date of the release
 * (its latest date of itself, `revised`), then the publication date, then the
 * update notes (a release whose notes hold all of the other's and more is
 * newer). `0` when nothing of the documents orders them; never by hash.
 *
 * @param a
 *   One release.
 * @param b
 *   The other.
 * @returns
 *   Negative when `a` is older, positive when newer, else `0`.
 */
export function compareReleases(
  a: Pick<IndexRelease, 'revised' | 'lastUpdated' | 'published' | 'updateNotes'>,
  b: Pick<IndexRelease, 'revised' | 'lastUpdated' | 'published' | 'updateNotes'>,
): number {
  const byDate = compareText(
    a.revised ?? a.lastUpdated ?? a.published ?? '',
    b.revised ?? b.lastUpdated ?? b.published ?? '',
  )
  if (byDate !== 0) return byDate
  const byPublication = compareText(a.published ?? '', b.published ?? '')
  if (byPublication !== 0) return byPublication
  if (holdsMore(a.updateNotes, b.updateNotes)) return 1
  if (holdsMore(b.updateNotes, a.updateNotes)) return -1
  return 0
}

/** Whether notes hold all of others and more. */
function holdsMore(notes: readonly string[], others: readonly string[]): boolean {
  if (notes.length <= others.length) return false
  const held = new Set(notes)
  return others.every((note) => held.has(note))
}

/** Code-unit order of two texts (not the locale's). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Diffs in the order of their releases. */
function compareDiffs(family: IndexFamily): (a: IndexDiff, b: IndexDiff) => number {
  const position = new Map(family.releases.map((release, index) => [release.release, index]))
  return (a, b) => (position.get(a.from) ?? 0) - (position.get(b.from) ?? 0)
}

/**
 * Note another path a release's text was seen at.
 *
 * @param release
 *   Release.
 * @param inputPath
 *   Path relative to the output folder.
 * @returns
 *   Whether the path was new.
 */
export function seenAt(release: IndexRelease, inputPath: string): boolean {
  const paths = release.source.paths
  if (paths.includes(inputPath)) return false
  paths.push(inputPath)
  paths.sort()
  return true
}

/** The key of the diff between two releases of a family (of the early diffs held). */
function diffKey(family: IndexFamily, before: IndexRelease, after: IndexRelease): string {
  return `${family.family}/${before.release}__${after.release}`
}

/** Whether the index lists the diff between two releases of a family. */
function hasDiff(family: IndexFamily, before: IndexRelease, after: IndexRelease): boolean {
  return family.diffs.some((diff) => diff.from === before.release && diff.to === after.release)
}

/**
 * Which of the files listed are missing or damaged on disk: the size first
 * (cheap), then the sha256.
 *
 * @param folder
 *   Output folder.
 * @param files
 *   Files as the index lists them.
 * @returns
 *   Paths of the files that are not as listed.
 */
export async function checkFiles(folder: string, files: readonly IndexFile[]): Promise<string[]> {
  const verdicts = await Promise.all(
    files.map((file) =>
      checkLimit(async () => {
        const at = path.join(folder, file.path)
        try {
          if ((await stat(at)).size !== file.bytes) return false
          return sha256(await readFile(at)) === file.sha256
        } catch {
          return false
        }
      }),
    ),
  )
  return files.filter((_, index) => !verdicts[index]).map((file) => file.path)
}

/**
 * Every file under a folder, relative to it with `/` (none when the folder
 * does not exist, unless it must).
 *
 * @param folder
 *   Folder.
 * @param options
 *   `mustExist`: a missing folder is an error (default: `false`).
 * @returns
 *   Relative paths.
 */
export async function listFiles(
  folder: string,
  options: { mustExist?: boolean } = {},
): Promise<Set<string>> {
  let entries: Dirent[]
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !options.mustExist) return new Set()
    throw error
  }
  return new Set(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) =>
        path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
      ),
  )
}

/**
 * An index made again from the release folders, when `index.json` is
 * missing or damaged: each `<family>/<release>/document.json` that is a
 * valid record becomes a release (its input's paths unknown until a run
 * sees the text again; its tables listed as its record gives them), in the
 * order of its dates and notes, then of its name. Diffs are made again.
 */
async function rebuildIndex(
  folder: string,
  found: Set<string>,
  notes: OutputNote[],
  csvBom: boolean,
): Promise<OutputIndex> {
  const index: OutputIndex = {
    schemaVersion: indexSchemaVersion,
    generator: { name: 'guidex', version: packageVersion },
    families: [],
  }
  const families = new Map<string, IndexFamily>()
  const records = [...found]
    .filter((file) => /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*\/document\.json$/.test(file))
    .sort()
  for (const file of records) {
    const [familyName, releaseName] = file.split('/') as [string, string]
    if (releaseName === 'diffs') continue
    let record: DocumentRecord | undefined
    let bytes: Buffer | undefined
    try {
      bytes = await readFile(path.join(folder, file))
      const parsed: unknown = JSON.parse(bytes.toString('utf8'))
      if (documentValidator(parsed)) record = parsed as DocumentRecord
    } catch {
      record = undefined
    }
    if (!record || !bytes) {
      notes.push({
        path: file,
        action: 'unrepairable',
        reason: 'cannot read it, and no index says what it was',
      })
      continue
    }
    let family = families.get(familyName)
    if (!family) {
      family = { family: familyName, ids: [], content: null, releases: [], diffs: [] }
      families.set(familyName, family)
      index.families.push(family)
    }
    const { metadata } = record
    const base = `${familyName}/${releaseName}`
    const files: IndexFile[] = [
      { path: file, bytes: bytes.length, sha256: sha256(bytes) },
      ...recordTables(base, record, csvBom).map(indexFile),
    ]
    if (found.has(`${base}/text.txt`)) {
      const text = await readFile(path.join(folder, base, 'text.txt'))
      files.push({ path: `${base}/text.txt`, bytes: text.length, sha256: sha256(text) })
    }
    const ids = [metadata.guidanceId, ...metadata.replaces].filter((id) => id !== null)
    family.ids = [...new Set([...family.ids, ...ids])].sort()
    if (ids.length === 0) family.content = record.source.sha256
    family.releases.push({
      release: releaseName,
      ...indexedFacts(metadata),
      updateNotes: metadata.updates.map(updateNoteHash),
      source: {
        sha256: record.source.sha256,
        bytes: record.source.bytes,
        format: record.source.format,
        paths: [],
      },
      files,
      // The record's findings (its reading warnings are not in it): made
      // whole when a run sees the text again (`provisional`).
      findings: {
        error: record.findings.filter((finding) => finding.severity === 'error').length,
        warning: record.findings.filter((finding) => finding.severity === 'warning').length,
        info: record.findings.filter((finding) => finding.severity === 'info').length,
      },
    })
  }
  for (const family of index.families) {
    family.releases.sort((a, b) => compareReleases(a, b) || compareText(a.release, b.release))
  }
  return index
}

/** Folder names Windows keeps for devices: never a family or release name alone. */
function reserved(name: string): boolean {
  return /^(?:con|prn|aux|nul|com\d|lpt\d)$/.test(name)
}

/** (Moved to `lib/slug.ts`, which a worker loads for table file names.) */
export { slug }
