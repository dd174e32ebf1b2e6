/**
 * Stage `write` (after the processor): the output tree of the contract.
 *
 * ```
 * <out>/index.json
 * <out>/<family>/<release>/document.json
 * ```
 *
 * A family is one piece of guidance through its life (IPG633 → HTG492); a
 * release is one distinct text of it. A written release is never overwritten,
 * and a text already written (same sha256) changes nothing. Family and
 * release names are derived from content and reduced to `[a-z0-9-]`, so they
 * can never leave the output folder.
 */

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import pLimit from 'p-limit'
import { diffRecords } from './diff/diff-records.js'
import { renderDiffMarkdown } from './diff/render-markdown.js'
import { writeFileAtomic } from './lib/atomic-write.js'
import { packageVersion } from './lib/package-root.js'
import { indexValidator } from './lib/schemas.js'
import type { SeverityCounts } from './lib/severity-counts.js'
import { slug } from './lib/slug.js'
import type { DocumentRecord } from './types.js'
import { sha256, type WritableDocument, withoutBom } from './writable-document.js'

/** A file listed in the index. */
export interface IndexFile {
  /** Path relative to the output folder, with `/`. */
  path: string
  sha256: string
}

/** A release listed in the index. */
export interface IndexRelease {
  release: string
  guidanceId: string | null
  kind: string
  title: string | null
  published: string | null
  lastUpdated: string | null
  /** The release's latest date: see `Metadata.revised` (absent in indexes of guidex 0.1.0). */
  revised?: string | null
  replaces: string[]
  source: { path: string; sha256: string; bytes: number; format?: 'text' | 'pdf' }
  files: IndexFile[]
  /**
   * Its findings and reading warnings, by severity: a re-run that skips the
   * text still totals them (absent in indexes of guidex 0.1.0).
   */
  findings?: SeverityCounts
}

/** A family listed in the index. */
export interface IndexFamily {
  family: string
  releases: IndexRelease[]
  diffs: { from: string; to: string; files: IndexFile[] }[]
}

/** The whole index. */
export interface OutputIndex {
  schemaVersion: string
  generator: { name: 'guidex'; version: string }
  families: IndexFamily[]
}

/** What happened to one document at write time. */
export interface WriteOutcome {
  family: string
  release: string
  status: 'written' | 'unchanged'
  /** Path of `document.json` relative to the output folder. */
  documentPath: string
}

/** Characters of early diff reports held in memory at most (about 32 MB as UTF-16). */
const earlyDiffBudget = 16 * 1024 * 1024

/** Version of the `index.json` shape. */
export const indexSchemaVersion = '1.0.0'

/**
 * The output folder: reads `index.json` once, places each record in its
 * family, writes atomically, and rewrites `index.json` at the end.
 */
export class OutputStore {
  readonly folder: string
  private index: OutputIndex
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
  /** Whether CSVs start with a UTF-8 byte order mark (as they come from `writableOf`). */
  private readonly csvBom: boolean

  /**
   * @param folder
   *   Output folder.
   * @param index
   *   Index read from it (or a new one).
   * @param earlyDiffBudget
   *   Characters of early diff reports to hold at most.
   * @param csvBom
   *   Whether CSVs keep their byte order mark.
   */
  private constructor(
    folder: string,
    index: OutputIndex,
    earlyDiffBudget: number,
    csvBom: boolean,
  ) {
    this.folder = folder
    this.index = index
    this.earlyDiffBudget = earlyDiffBudget
    this.csvBom = csvBom
  }

  /**
   * Open an output folder, reading its `index.json` if there is one.
   *
   * @param folder
   *   Output folder.
   * @param options
   *   `earlyDiffBudget`: characters of diff reports made during the run to
   *   hold until the end (default 16 Mi; 0 makes every diff at the end);
   *   `csvBom`: whether CSVs start with a UTF-8 byte order mark (default: `true`).
   * @returns
   *   The store.
   * @throws {Error}
   *   When an existing `index.json` is not valid.
   */
  static async open(
    folder: string,
    options: { earlyDiffBudget?: number; csvBom?: boolean } = {},
  ): Promise<OutputStore> {
    let index: OutputIndex = {
      schemaVersion: indexSchemaVersion,
      generator: { name: 'guidex', version: packageVersion },
      families: [],
    }
    let text: string | undefined
    try {
      text = await readFile(path.join(folder, 'index.json'), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
    if (text !== undefined) {
      const parsed: unknown = JSON.parse(text)
      if (!indexValidator(parsed)) {
        throw new Error(
          `${path.join(folder, 'index.json')}: invalid index: ${indexValidator.errors?.[0]?.instancePath} ${indexValidator.errors?.[0]?.message}`,
        )
      }
      index = parsed as OutputIndex
    }
    return new OutputStore(
      folder,
      index,
      options.earlyDiffBudget ?? earlyDiffBudget,
      options.csvBom ?? true,
    )
  }

  /**
   * Whether a text (by its sha256) is already a release: the incremental
   * run skips it without reading it again.
   *
   * @param hash
   *   sha256 of the input's bytes.
   * @returns
   *   Family and release holding it, and its findings, if any.
   */
  release(hash: string): { family: string; release: string; findings: SeverityCounts } | undefined {
    for (const family of this.index.families) {
      const found = family.releases.find((release) => release.source.sha256 === hash)
      if (found)
        return {
          family: family.family,
          release: found.release,
          findings: { ...(found.findings ?? { error: 0, warning: 0, info: 0 }) },
        }
    }
    return undefined
  }

  /** The index as it stands. */
  get current(): OutputIndex {
    return this.index
  }

  /**
   * Place a record in its family and write it, unless that text is already
   * there.
   *
   * @param document
   *   The document, in writable form.
   * @param findings
   *   Its findings by severity, for the index (optional).
   * @returns
   *   Where it went and whether anything was written.
   */
  async commit(document: WritableDocument, findings?: SeverityCounts): Promise<WriteOutcome> {
    const family = this.familyFor(document)
    const existing = family.releases.find(
      (release) => release.source.sha256 === document.source.sha256,
    )
    if (existing) {
      return {
        family: family.family,
        release: existing.release,
        status: 'unchanged',
        documentPath: `${family.family}/${existing.release}/document.json`,
      }
    }
    const release = this.releaseName(family, document)
    const documentPath = `${family.family}/${release}/document.json`
    // Tables first (all at once), the record last: a release folder with a
    // document.json is complete.
    const tables = document.tables.map((table) => ({
      path: `${family.family}/${release}/tables/${table.file}`,
      ...this.csvOf(table),
    }))
    // A PDF's text layer, which the record's offsets point into.
    const textLayer = document.textLayer
      ? { path: `${family.family}/${release}/text.txt`, ...document.textLayer }
      : undefined
    await Promise.all([
      ...tables.map((table) => writeFileAtomic(path.join(this.folder, table.path), table.csv)),
      ...(textLayer
        ? [writeFileAtomic(path.join(this.folder, textLayer.path), textLayer.bytes)]
        : []),
    ])
    await writeFileAtomic(path.join(this.folder, documentPath), document.json)
    const files: IndexFile[] = [
      { path: documentPath, sha256: document.jsonSha256 },
      ...tables.map((table) => ({ path: table.path, sha256: table.sha256 })),
      ...(textLayer ? [{ path: textLayer.path, sha256: textLayer.sha256 }] : []),
    ]
    const { metadata } = document
    family.releases.push({
      release,
      guidanceId: metadata.guidanceId,
      kind: metadata.kind,
      title: metadata.title,
      published: metadata.published,
      lastUpdated: metadata.lastUpdated,
      revised: metadata.revised,
      replaces: metadata.replaces,
      source: document.source,
      files,
      ...(findings ? { findings: { ...findings } } : {}),
    })
    family.releases.sort(compareReleases)
    await this.diffNeighbours(family, release)
    return { family: family.family, release, status: 'written', documentPath }
  }

  /** Make the diffs between a new release and the releases either side of it. */
  private async diffNeighbours(family: IndexFamily, release: string): Promise<void> {
    const at = family.releases.findIndex((candidate) => candidate.release === release)
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
      this.earlyDiffs.set(key, diff)
      this.earlyDiffCharacters += diff.json.length + diff.markdown.length
    }
  }

  /** The diff report between two releases of a family, as JSON and markdown. */
  private async makeDiff(
    family: IndexFamily,
    before: IndexRelease,
    after: IndexRelease,
  ): Promise<{ json: string; markdown: string }> {
    const read = async (release: IndexRelease) =>
      JSON.parse(
        await readFile(
          path.join(this.folder, family.family, release.release, 'document.json'),
          'utf8',
        ),
      ) as DocumentRecord
    const report = diffRecords(await read(before), await read(after), packageVersion, {
      old: { release: `${family.family}/${before.release}`, path: before.source.path },
      new: { release: `${family.family}/${after.release}`, path: after.source.path },
    })
    return { json: `${JSON.stringify(report, null, 2)}\n`, markdown: renderDiffMarkdown(report) }
  }

  /**
   * Write the diff report between each pair of consecutive releases that has
   * none yet (`<family>/diffs/<old>__<new>.json` and `.md`).
   *
   * @returns
   *   Paths written, relative to the output folder.
   */
  async writeDiffs(): Promise<string[]> {
    const due: { family: IndexFamily; before: IndexRelease; after: IndexRelease; base: string }[] =
      []
    for (const family of this.index.families) {
      for (let index = 1; index < family.releases.length; index++) {
        const before = family.releases[index - 1] as IndexRelease
        const after = family.releases[index] as IndexRelease
        if (hasDiff(family, before, after)) continue
        due.push({
          family,
          before,
          after,
          base: `${family.family}/diffs/${before.release}__${after.release}`,
        })
      }
    }
    // A few at once (a batch of many families has many), each report let go
    // once written; then listed in a stable order.
    const limit = pLimit(8)
    const entries = await Promise.all(
      due.map(({ family, before, after, base }) =>
        limit(async () => {
          const key = diffKey(family, before, after)
          const { json, markdown } =
            this.earlyDiffs.get(key) ?? (await this.makeDiff(family, before, after))
          this.earlyDiffs.delete(key)
          await Promise.all([
            writeFileAtomic(path.join(this.folder, `${base}.json`), json),
            writeFileAtomic(path.join(this.folder, `${base}.md`), markdown),
          ])
          return {
            from: before.release,
            to: after.release,
            files: [
              { path: `${base}.json`, sha256: sha256(json) },
              { path: `${base}.md`, sha256: sha256(markdown) },
            ],
          }
        }),
      ),
    )
    for (const [index, { family }] of due.entries()) {
      family.diffs.push(entries[index] as IndexFamily['diffs'][number])
    }
    return due.map(({ base }) => `${base}.json`)
  }

  /**
   * Write `index.json` (atomically), families and releases in a stable order.
   *
   * @returns
   *   Nothing.
   */
  async saveIndex(): Promise<void> {
    this.index.families.sort((a, b) => a.family.localeCompare(b.family))
    this.index.generator = { name: 'guidex', version: packageVersion }
    await writeFileAtomic(
      path.join(this.folder, 'index.json'),
      `${JSON.stringify(this.index, null, 2)}\n`,
    )
  }

  /**
   * Compare what the output holds for a record with what would be written
   * now, without writing (`extract --check`).
   *
   * @param document
   *   The document, in writable form.
   * @returns
   *   What differs (empty when the output is up to date).
   */
  async compare(document: WritableDocument): Promise<string[]> {
    const family = this.findFamily(document)
    const release = family?.releases.find(
      (candidate) => candidate.source.sha256 === document.source.sha256,
    )
    if (!family || !release) return [`${document.source.path}: not in the output yet`]
    const expected = new Map<string, Uint8Array>([
      [`${family.family}/${release.release}/document.json`, document.json],
    ])
    for (const table of document.tables) {
      expected.set(
        `${family.family}/${release.release}/tables/${table.file}`,
        this.csvOf(table).csv,
      )
    }
    if (document.textLayer) {
      expected.set(`${family.family}/${release.release}/text.txt`, document.textLayer.bytes)
    }
    const differences: string[] = []
    for (const [file, content] of expected) {
      let current: Buffer | undefined
      try {
        current = await readFile(path.join(this.folder, file))
      } catch {
        current = undefined
      }
      if (current === undefined) differences.push(`${file}: missing`)
      else if (!current.equals(content))
        differences.push(`${file}: differs from what ${document.source.path} gives now`)
    }
    return differences
  }

  /** A table's CSV as this store writes it: without its byte order mark under `csvBom: false`. */
  private csvOf(table: WritableDocument['tables'][number]): { csv: Uint8Array; sha256: string } {
    if (this.csvBom) return { csv: table.csv, sha256: table.sha256 }
    const csv = withoutBom(table.csv)
    return { csv, sha256: sha256(csv) }
  }

  /** The family already holding a record's id or an id it replaces. */
  private findFamily(
    record: Pick<WritableDocument, 'metadata' | 'source'>,
  ): IndexFamily | undefined {
    const { metadata } = record
    const ids = new Set([metadata.guidanceId, ...metadata.replaces].filter((id) => id !== null))
    const known = this.index.families.find((family) =>
      family.releases.some(
        (release) =>
          (release.guidanceId !== null && ids.has(release.guidanceId)) ||
          release.replaces.some((id) => ids.has(id)),
      ),
    )
    return known ?? this.index.families.find((family) => family.family === familyName(record))
  }

  /**
   * The family of a record: the family already holding its id or an id it
   * replaces, else a new one named after its oldest known id.
   */
  private familyFor(record: Pick<WritableDocument, 'metadata' | 'source'>): IndexFamily {
    let family = this.findFamily(record)
    if (!family) {
      family = { family: familyName(record), releases: [], diffs: [] }
      this.index.families.push(family)
    }
    return family
  }

  /**
   * A release name: id and date (`htg492-2026-01`), with a hash suffix when a
   * different text already holds that name.
   */
  private releaseName(
    family: IndexFamily,
    record: Pick<WritableDocument, 'metadata' | 'source'>,
  ): string {
    const { metadata } = record
    const date = metadata.revised ?? 'undated'
    const base = metadata.guidanceId ? `${slug(metadata.guidanceId)}-${date}` : date
    const taken = new Set(family.releases.map((release) => release.release))
    return taken.has(base) ? `${base}-${record.source.sha256.slice(0, 8)}` : base
  }
}

/** The key of the diff between two releases of a family (of the early diffs held). */
function diffKey(family: IndexFamily, before: IndexRelease, after: IndexRelease): string {
  return `${family.family}/${before.release}__${after.release}`
}

/** Whether the index lists the diff between two releases of a family. */
function hasDiff(family: IndexFamily, before: IndexRelease, after: IndexRelease): boolean {
  return family.diffs.some((diff) => diff.from === before.release && diff.to === after.release)
}

/** A new family's name: the record's oldest known id, else its title, else its hash. */
function familyName(record: Pick<WritableDocument, 'metadata' | 'source'>): string {
  const { metadata } = record
  const oldest = [...metadata.replaces].sort()[0] ?? metadata.guidanceId
  if (oldest) return slug(oldest)
  return metadata.title ? slug(metadata.title) : `untitled-${record.source.sha256.slice(0, 12)}`
}

/** Releases in order: by date (the latest each records of itself), then name. */
function compareReleases(a: IndexRelease, b: IndexRelease): number {
  const dateA = a.revised ?? a.lastUpdated ?? a.published ?? ''
  const dateB = b.revised ?? b.lastUpdated ?? b.published ?? ''
  return dateA.localeCompare(dateB) || a.release.localeCompare(b.release)
}

/** (Moved to `lib/slug.ts`, which a worker loads for table file names.) */
export { slug }
