/**
 * The command line on NICE's own PDFs, as a maintainer runs it: every PDF of
 * `../shared/nice/pdf` extracted in one batch (the real CLI, in a subprocess),
 * then validated. The families are those of the guidance (the two NG73
 * releases of 2024 are one family, in their order; a guideline that only
 * partially replaces an older one is not merged with it), each record has its
 * text layer beside it, and the diff between the NG73 releases runs forward;
 * a copy whose footers give another copyright year diffs as unchanged.
 *
 * The PDFs are NICE's: read in place, never copied into the repository.
 */

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DocumentRecord } from '../../pipeline/types.js'
import { repositoryRoot } from '../helpers.js'
import { nice } from './nice-folder.js'

const pdfs = path.join(nice, 'pdf')
const present = existsSync(pdfs)

const cli = path.join(repositoryRoot, 'dist', 'pipeline', 'cli.js')

/** What `index.json` says of one family (the fields read here). */
interface IndexFamily {
  family: string
  releases: { release: string; guidanceId: string | null; files: { path: string }[] }[]
  diffs: { from: string; to: string }[]
}

describe.skipIf(!present)('guidex extract over NICE’s PDFs', () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'guidex-real-')), 'out')
  let run: ReturnType<typeof spawnSync>
  let families: IndexFamily[] = []

  beforeAll(() => {
    run = spawnSync(process.execPath, [cli, 'extract', pdfs, '--out', out, '--quiet'], {
      encoding: 'utf8',
    })
    families = (
      JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as { families: IndexFamily[] }
    ).families
  }, 300_000)

  it('writes every document and exits 0', () => {
    expect(run.status).toBe(0)
    const releases = families.flatMap((family) => family.releases)
    expect(releases).toHaveLength(13)
  })

  it('keeps the guidance apart: the two NG73 releases one family, in order, and nothing else merged', () => {
    const byId = (id: string) =>
      families.filter((family) => family.releases.some((release) => release.guidanceId === id))
    const ng73 = byId('NG73')
    expect(ng73).toHaveLength(1)
    const releases = (ng73[0] as IndexFamily).releases
    expect(releases).toHaveLength(2)
    // The April 2024 release before the November 2024 one.
    const inputs = releases.map((release) => {
      const record = JSON.parse(
        readFileSync(
          path.join(out, `${(ng73[0] as IndexFamily).family}/${release.release}/document.json`),
          'utf8',
        ),
      ) as DocumentRecord
      return record.metadata.lastUpdated
    })
    expect(inputs).toEqual(['2024-04-16', '2024-11-11'])
    // Twelve guidances, one family each: NG195 partially replaces CG149 and stays its own.
    expect(families).toHaveLength(12)
    for (const family of families) {
      expect(new Set(family.releases.map((release) => release.guidanceId)).size).toBe(1)
    }
  })

  it('writes each PDF’s text layer beside its record, listed in the index', () => {
    for (const family of families) {
      for (const release of family.releases) {
        const text = `${family.family}/${release.release}/text.txt`
        expect(release.files.map((file) => file.path)).toContain(text)
        expect(existsSync(path.join(out, text))).toBe(true)
      }
    }
  })

  it('diffs the NG73 releases forward, with their changed recommendations', () => {
    const ng73 = families.find((family) =>
      family.releases.some((release) => release.guidanceId === 'NG73'),
    ) as IndexFamily
    expect(ng73.diffs).toHaveLength(1)
    const diff = ng73.diffs[0] as { from: string; to: string }
    expect([diff.from, diff.to]).toEqual(ng73.releases.map((release) => release.release))
    const report = JSON.parse(
      readFileSync(path.join(out, ng73.family, 'diffs', `${diff.from}__${diff.to}.json`), 'utf8'),
    ) as {
      old: { path: string | null }
      new: { path: string | null }
      summary: { recommendationsChanged: number }
    }
    expect(path.basename(report.old.path ?? '')).toBe('ng73-2024-04.pdf')
    expect(path.basename(report.new.path ?? '')).toBe('ng73-2024-11.pdf')
    // The November 2024 update rewrote the recommendations on diagnosis.
    expect(report.summary.recommendationsChanged).toBeGreaterThan(0)
  })

  it('validates what it wrote', () => {
    const validation = spawnSync(process.execPath, [cli, 'validate', out], { encoding: 'utf8' })
    expect(validation.status).toBe(0)
  })
})

describe.skipIf(!present)('a copy re-rendered with another copyright year in its footers', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'guidex-real-year-'))
  const texts = ['text-plain', 'text-layout'].flatMap((rendering) =>
    readdirSync(path.join(nice, rendering))
      .filter((name) => name.endsWith('.txt'))
      .map((name) => [rendering, name] as const),
  )

  it.each(texts)('%s/%s: is not reported as changed', (rendering, name) => {
    const original = path.join(nice, rendering, name)
    const text = readFileSync(original, 'utf8')
    // The footer's year only: `© NICE 2024. All rights reserved. …` on every page.
    const copy = path.join(folder, `${rendering}-${name}`)
    const years = text.replaceAll(/© NICE \d{4}\./g, '© NICE 2031.')
    expect(years).not.toBe(text)
    writeFileSync(copy, years)
    const out = path.join(folder, `${rendering}-${name}-diff`)
    const run = spawnSync(process.execPath, [cli, 'diff', original, copy, '--out', out], {
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    const report = readdirSync(out).find((file) => file.endsWith('.json')) as string
    const { summary } = JSON.parse(readFileSync(path.join(out, report), 'utf8')) as {
      summary: Record<string, number>
    }
    const changes = Object.entries(summary).filter(
      ([key, count]) => !/Unchanged$/.test(key) && count !== 0,
    )
    expect(changes).toEqual([])
    expect(summary.paragraphsUnchanged).toBeGreaterThan(0)
  })
})
