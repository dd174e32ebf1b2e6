/**
 * Families from identity, never from look-alike names: a family is keyed by
 * guidance ids (a release's own, and those it replaces whole or was migrated
 * from) or, without an id, by the text's sha256; release names are unique;
 * releases of one date are ordered by the documents themselves, then by the
 * order they came, never by hash; two tables of one caption id are two files.
 */

import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { workCounter } from '../pipeline/lib/work-counter.js'
import { sha256, type WritableDocument } from '../pipeline/writable-document.js'
import { type OutputIndex, OutputStore, uniqueTableFiles } from '../pipeline/write-output.js'
import { repositoryRoot } from './helpers.js'

const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')

/** Extract texts (by file name) into a fresh output; the index. */
function extractTexts(texts: Record<string, string>): {
  index: OutputIndex
  out: string
  stderr: string
} {
  const folder = mkdtempSync(path.join(tmpdir(), 'guidex-families-'))
  const inputs = path.join(folder, 'in')
  mkdirSync(inputs)
  for (const [name, text] of Object.entries(texts)) writeFileSync(path.join(inputs, name), text)
  const out = path.join(folder, 'out')
  const run = spawnSync(process.execPath, [cli, 'extract', inputs, '--out', out], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  })
  expect(run.status, run.stderr).toBe(0)
  return {
    index: JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')) as OutputIndex,
    out,
    stderr: run.stderr,
  }
}

/** A guidance text without an id: a title, a date, one numbered paragraph. */
const untitledGuidance = (title: string, paragraph = 'The procedure can be used.') =>
  `${title}\n\nPublished: 1 January 2020\n\n1 Recommendations\n\n1.1 ${paragraph}\n`

/** Each family with the names of its releases. */
const familyNames = (index: OutputIndex) => index.families.map((family) => family.family)

describe('families of texts without an id', () => {
  it('never share a family for a look-alike title', () => {
    const long =
      'Interventional procedure overview of transcatheter aortic valve implantation for aortic stenosis in people at'
    const { index } = extractTexts({
      'a.txt': untitledGuidance(`${long} low surgical risk`),
      'b.txt': untitledGuidance(`${long} high surgical risk`),
      'c.txt': untitledGuidance('CON'),
      'd.txt': untitledGuidance('con', 'Another text.'),
      'e.txt': untitledGuidance('経皮的冠動脈インターベンション'),
      'f.txt': untitledGuidance('Διαδερμική στεφανιαία παρέμβαση'),
    })
    expect(index.families).toHaveLength(6)
    for (const family of index.families) {
      expect(family.releases).toHaveLength(1)
      expect(family.ids).toEqual([])
      // Keyed by the text's own hash, named for people with the start of it.
      expect(family.content).toBe(family.releases[0]?.source.sha256)
      expect(family.family.endsWith(`-${family.content?.slice(0, 12)}`)).toBe(true)
    }
    expect(familyNames(index).filter((name) => name.startsWith('untitled-'))).toHaveLength(2)
    expect(familyNames(index).filter((name) => name.startsWith('con-'))).toHaveLength(2)
  })
})

describe('families of guidance ids', () => {
  const withId = (id: string, paragraph: string) =>
    `Some guidance\n\nNICE guideline\n\nPublished: 1 January 2020\n\nwww.nice.org.uk/guidance/${id.toLowerCase()}\n\n1 Recommendations\n\n1.1 ${paragraph}\n`

  it('follows a whole replacement, and not a partial one', () => {
    const { index } = extractTexts({
      'a.txt': withId('NG12', 'The first text.'),
      'b.txt': withId('NG300', 'This guideline replaces NG12.'),
      'c.txt': withId('NG301', 'This guideline partially replaces NG12.'),
    })
    expect(index.families.map((family) => [family.family, family.ids])).toEqual([
      ['ng12', ['NG12', 'NG300']],
      ['ng301', ['NG301']],
    ])
  })

  it('keeps apart two guidelines that each partially replace one older guideline', () => {
    // NG137 and NG192 both say they partially replace CG132.
    const { index } = extractTexts({
      'twins.txt': withId('NG137', 'This guideline partially replaces CG132.'),
      'caesarean.txt': withId('NG192', 'This guideline partially replaces CG132.'),
    })
    expect(index.families.map((family) => [family.family, family.ids])).toEqual([
      ['ng137', ['NG137']],
      ['ng192', ['NG192']],
    ])
  })

  it('takes no id from a citation in the body', () => {
    const { index } = extractTexts({
      'a.txt': withId('HTG492', 'The first text.'),
      'b.txt': untitledGuidance('Another text', 'See www.nice.org.uk/guidance/htg492 for more.'),
    })
    expect(index.families).toHaveLength(2)
  })
})

describe('tables with the same caption', () => {
  it('are two files, each listed with its own hash', () => {
    const { index, out } = extractTexts({
      'a.txt': `${untitledGuidance('Two tables')}\nTable 1 Data\n\nA\tB\none\t1\n\nText between.\n\nTable 1 Data\n\nA\tB\ntwo\t2\n`,
    })
    const files = index.families[0]?.releases[0]?.files ?? []
    expect(files.map((file) => file.path.split('/').slice(2).join('/'))).toEqual([
      'document.json',
      'tables/table-1-data.csv',
      'tables/table-1-data-2.csv',
    ])
    expect(new Set(files.map((file) => file.sha256)).size).toBe(3)
    const base = path.join(
      out,
      path.dirname(index.families[0]?.releases[0]?.files[0]?.path as string),
    )
    // Each with its own row (and the byte order mark CSVs start with).
    expect(readFileSync(path.join(base, 'tables/table-1-data.csv'), 'utf8')).toBe(
      '\uFEFFA,B\r\none,1\r\n',
    )
    expect(readFileSync(path.join(base, 'tables/table-1-data-2.csv'), 'utf8')).toBe(
      '\uFEFFA,B\r\ntwo,2\r\n',
    )
    expect(uniqueTableFiles(['a.csv', 'a.csv', 'b.csv', 'a.csv', 'a-2.csv'])).toEqual([
      'a.csv',
      'a-2.csv',
      'b.csv',
      'a-3.csv',
      'a-2-2.csv',
    ])
  })
})

/** A writable document made by hand (the store reads only these fields). */
function document(
  hash: string,
  metadata: Partial<WritableDocument['metadata']> = {},
): WritableDocument {
  const json = new TextEncoder().encode(`{"source":"${hash}"}\n`)
  return {
    source: { sha256: hash, bytes: 1, format: 'text' },
    metadata: {
      kind: 'guidance',
      title: 'A guidance',
      guidanceId: 'HTG900',
      published: '2020-01-01',
      lastUpdated: '2026-01',
      revised: '2026-01',
      replaces: [],
      updateNotes: [],
      ...metadata,
    },
    json,
    jsonSha256: sha256(json),
    tables: [],
  }
}

describe('release names and order', () => {
  it('gives each text of one id and date a name of its own, longer where the short one is taken', async () => {
    const store = await OutputStore.open(mkdtempSync(path.join(tmpdir(), 'guidex-names-')), {
      check: true,
    })
    const names = []
    for (const hash of [
      'a'.repeat(64),
      `${'a'.repeat(8)}${'b'.repeat(56)}`,
      `${'a'.repeat(8)}${'c'.repeat(56)}`,
    ])
      names.push((await store.commit(document(hash), `../${hash}.txt`)).release)
    expect(names).toEqual([
      'htg900-2026-01',
      `htg900-2026-01-${'a'.repeat(8)}`,
      `htg900-2026-01-${'a'.repeat(8)}cccc`,
    ])
  })

  it('orders releases of one date by their own dates, then their notes, then as they came; never by hash', async () => {
    const store = await OutputStore.open(mkdtempSync(path.join(tmpdir(), 'guidex-order-')), {
      check: true,
    })
    const order = async (documents: WritableDocument[]) => {
      for (const [at, entry] of documents.entries()) await store.commit(entry, `../${at}.txt`)
      return store.current.families.at(-1)?.releases.map((release) => release.source.sha256[0])
    }
    // Published later is newer, whatever its hash or place.
    expect(
      await order([
        document('9'.repeat(64), { guidanceId: 'NG1', published: '2021-01-01' }),
        document('1'.repeat(64), { guidanceId: 'NG1', published: '2020-01-01' }),
      ]),
    ).toEqual(['1', '9'])
    // Notes that hold the other's and more are newer.
    expect(
      await order([
        document('8'.repeat(64), { guidanceId: 'NG2', updateNotes: ['x', 'y'] }),
        document('2'.repeat(64), { guidanceId: 'NG2', updateNotes: ['x'] }),
      ]),
    ).toEqual(['2', '8'])
    // Nothing of the documents orders them: as they came (the higher hash first).
    expect(
      await order([
        document('7'.repeat(64), { guidanceId: 'NG3', updateNotes: ['x'] }),
        document('3'.repeat(64), { guidanceId: 'NG3', updateNotes: ['y'] }),
      ]),
    ).toEqual(['7', '3'])
  })
})

describe('many files', () => {
  it('does the same work per document however many the index holds', async () => {
    const work = async (count: number) => {
      const store = await OutputStore.open(mkdtempSync(path.join(tmpdir(), 'guidex-many-')), {
        check: true,
      })
      workCounter.steps = 0
      for (let index = 0; index < count; index++) {
        const hash = sha256(String(index))
        await store.commit(
          document(hash, { guidanceId: null, title: `Text ${index}` }),
          `../${index}.txt`,
        )
        store.seen(hash, `../again-${index}.txt`)
      }
      return workCounter.steps
    }
    expect(await work(2000)).toBeLessThanOrEqual(2.1 * (await work(1000)))
  })
})
