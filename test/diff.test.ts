/**
 * Diffs between releases: the public IPG633 → HTG492 pair, and release pairs
 * built from HTG775 with one kind of change each, reported for what they are.
 */

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { diffRecords } from '../pipeline/diff/diff-records.js'
import { renderDiffMarkdown } from '../pipeline/diff/render-markdown.js'
import { extractRepositoryFile, extractText, repositoryRoot } from './helpers.js'

/** The 1-based line of the first line of a text that is exactly `line` (read from the input). */
function lineOf(text: string, line: string): number {
  const index = text.split('\n').indexOf(line)
  if (index === -1) throw new Error(`No line \`${line}\``)
  return index + 1
}

const validateDiff = new Ajv2020({ strict: true, allErrors: true }).compile(
  JSON.parse(readFileSync(path.join(repositoryRoot, 'schemas/diff.schema.json'), 'utf8')),
)

describe('IPG633 → HTG492', () => {
  const before = extractRepositoryFile('input/releases/ipg633-2018-11-28.txt').record
  const { record: after, raw: afterText } = extractRepositoryFile('input/001_28967b82888de774.txt')
  const report = diffRecords(before, after, 'test')

  it('reports the id and programme change and the update added', () => {
    expect(report.metadata.map((change) => [change.field, change.old, change.new])).toEqual([
      ['guidanceId', 'IPG633', 'HTG492'],
      ['programme', 'Interventional procedures guidance', 'HealthTech guidance'],
      // HTG492 states no `Last updated`; its migration note of January 2026 is its latest date.
      ['revised', '2018-11-28', '2026-01'],
      ['replaces', [], ['IPG633']],
      ['url', 'https://www.nice.org.uk/guidance/ipg633', 'https://www.nice.org.uk/guidance/htg492'],
      [
        'updates',
        [],
        [
          '2026-01: Interventional procedures guidance 633 has been migrated to HealthTech guidance 492. The recommendations and accompanying content remain unchanged.',
        ],
      ],
    ])
    // The headings' own lines (the contents list names `Update information` first).
    expect(report.sections).toEqual({
      added: [
        { heading: 'Update information', line: lineOf(afterText, 'Update information') },
        {
          heading: 'Minor changes after publication',
          line: lineOf(afterText, 'Minor changes after publication'),
        },
      ],
      removed: [],
    })
  })

  it('reports the recommendations unchanged', () => {
    expect(report.summary).toMatchObject({
      recommendationsUnchanged: 5,
      recommendationsChanged: 0,
      paragraphsRenumbered: 0,
      paragraphsReworded: 0,
      paragraphsRemoved: 0,
    })
    // Only what the migration added: the environmental duty, the `replaces` line, the update note.
    expect(
      report.paragraphs.map((change) => [change.change, change.new?.text.slice(0, 30)]),
    ).toEqual([
      ['inserted', 'Commissioners and providers ha'],
      ['inserted', 'This guidance replaces IPG633.'],
      ['inserted', 'January 2026: Interventional p'],
    ])
    expect(renderDiffMarkdown(report)).toContain(
      'Recommendations unchanged (5 numbered paragraphs).',
    )
  })

  it('validates against the diff schema', () => {
    expect(validateDiff(report), JSON.stringify(validateDiff.errors)).toBe(true)
  })
})

describe('built release pairs', () => {
  const original = readFileSync(path.join(repositoryRoot, 'input/002_72932ba4be983c8d.txt'), 'utf8')
  const before = extractText(original, 'old.txt').record

  /** The report for a changed copy of HTG775. */
  function diffAfter(change: (text: string) => string) {
    const changed = change(original)
    expect(changed).not.toBe(original)
    return diffRecords(before, extractText(changed, 'new.txt').record, 'test')
  }

  it('reports a reworded paragraph with its word diff', () => {
    const report = diffAfter((text) =>
      text.replace(
        '3.12 There is a lack of evidence in women.',
        '3.12 There is very little evidence in women.',
      ),
    )
    expect(report.paragraphs).toHaveLength(1)
    expect(report.paragraphs[0]).toMatchObject({
      change: 'reworded',
      old: { number: '3.12' },
      new: { number: '3.12' },
    })
    expect(report.paragraphs[0]?.words).toEqual([
      { op: 'equal', text: 'There is' },
      { op: 'delete', text: 'a lack of' },
      { op: 'insert', text: 'very little' },
      { op: 'equal', text: 'evidence in women.' },
    ])
    // Every other paragraph is matched as unchanged.
    const paragraphs = (sections: typeof before.sections): number =>
      sections.reduce(
        (sum, section) => sum + section.paragraphs.length + paragraphs(section.sections),
        0,
      )
    expect(report.summary.paragraphsUnchanged).toBe(
      before.preamble.length + paragraphs(before.sections) - 1,
    )
  })

  it('reports a removal and the renumbering after it, not everything as changed', () => {
    const report = diffAfter((text) =>
      text
        .replace('3.8 There are ongoing studies for this procedure.\n\n', '')
        .replace('3.9 Technology', '3.8 Technology')
        .replace('3.10 Centres', '3.9 Centres'),
    )
    expect(paragraphChanges(report)).toEqual([
      ['removed', '3.8', null],
      ['renumbered', '3.9', '3.8'],
      ['renumbered', '3.10', '3.9'],
    ])
    expect(report.summary).toMatchObject({
      paragraphsRemoved: 1,
      paragraphsRenumbered: 2,
      paragraphsReworded: 0,
      paragraphsInserted: 0,
    })
  })

  it('reports an inserted paragraph', () => {
    const report = diffAfter((text) =>
      text.replace(
        '3.14 People with heart failure',
        '3.14 Children were not included in the evidence.\n\n3.15 People with heart failure',
      ),
    )
    expect(paragraphChanges(report)).toEqual([
      ['inserted', null, '3.14'],
      ['renumbered', '3.14', '3.15'],
    ])
  })

  it('reports list items added and removed within a paragraph', () => {
    const report = diffAfter((text) =>
      text
        .replace('- cardiac perforation.', '- arrhythmia\n- cardiac tamponade.')
        .replace(' - stroke\n', ''),
    )
    expect(report.paragraphs).toEqual([
      expect.objectContaining({
        change: 'items-changed',
        itemsAdded: ['arrhythmia', 'cardiac tamponade.'],
        itemsRemoved: ['stroke', 'cardiac perforation.'],
      }),
    ])
  })

  it('reports committee and team changes, each at its line', () => {
    const change = (text: string) =>
      text
        .replace('Evan Campbell\n\nTechnical adviser\n\n', '')
        .replace('Helen Gallo\n\nTechnical lead', 'Helen Gallo\n\nSenior technical lead')
        .replace('Rick Body\n\nChair', 'Rick Body\n\nChair'.replace('Rick Body', 'Anna Smith'))
    const report = diffAfter(change)
    const changed = change(original)
    expect(report.people).toEqual([
      {
        list: 'committee',
        change: 'added',
        name: 'Anna Smith',
        oldRole: null,
        newRole: 'Chair, interventional procedures advisory committee',
        line: lineOf(changed, 'Anna Smith'),
      },
      {
        list: 'committee',
        change: 'removed',
        name: 'Rick Body',
        oldRole: 'Chair, interventional procedures advisory committee',
        newRole: null,
        // Removed: its line in the old release.
        line: lineOf(original, 'Rick Body'),
      },
      {
        list: 'projectTeam',
        change: 'role-changed',
        name: 'Helen Gallo',
        oldRole: 'Technical lead',
        newRole: 'Senior technical lead',
        line: lineOf(changed, 'Helen Gallo'),
      },
      {
        list: 'projectTeam',
        change: 'removed',
        name: 'Evan Campbell',
        oldRole: 'Technical adviser',
        newRole: null,
        line: lineOf(original, 'Evan Campbell'),
      },
    ])
  })

  it('matches table rows by study and reports numeric deltas', () => {
    const overview = readFileSync(
      path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
      'utf8',
    )
    const old = extractText(overview, 'old.txt').record
    const changed = overview.replace('RR 4.74, 95% CI 2.36 to 9.55', 'RR 4.74, 95% CI 2.40 to 9.10')
    expect(changed).not.toBe(overview)
    const report = diffRecords(old, extractText(changed, 'new.txt').record, 'test')
    expect(report.tables).toEqual([
      expect.objectContaining({
        table: '3',
        key: 'Møller J 2024',
        change: 'changed',
        cells: [
          expect.objectContaining({
            column: 'Safety outcomes',
            numbers: ['CI 2.36–9.55 → 2.40–9.10'],
          }),
        ],
      }),
    ])
  })
})

describe('table cell changes for a reviewer', () => {
  it('gives the row’s study and line, and each changed result with its outcome', () => {
    const overview = readFileSync(
      path.join(repositoryRoot, 'input/003_40de2706bbf25dc3.txt'),
      'utf8',
    )
    // Thiele's 6-month mortality (as treated): the lower bound 0.87 made 0.88.
    const was = 'HR=1.04 (95% CI 0.87 to 1.23, p=0.10)'
    const now = 'HR=1.04 (95% CI 0.88 to 1.23, p=0.10)'
    const changed = overview.replace(was, now)
    expect(changed).not.toBe(overview)
    const report = diffRecords(
      extractText(overview, 'old.txt').record,
      extractText(changed, 'new.txt').record,
      'test',
    )
    expect(report.tables).toHaveLength(1)
    const row = report.tables[0]
    expect(row).toMatchObject({
      table: '3',
      caption: 'Study outcomes',
      study: 'Thiele H, 2024',
      // The second study of table 3, on the input's line that starts with it.
      row: 2,
      line: lineOf(
        changed,
        changed.split('\n').find((line) => line.startsWith('Thiele H, 2024\t')) as string,
      ),
    })
    expect(row?.cells).toHaveLength(1)
    expect(row?.cells[0]?.results).toEqual([
      expect.objectContaining({
        outcome: '6-month mortality (as treated)',
        old: expect.stringContaining('0.87 to 1.23'),
        new: expect.stringContaining('0.88 to 1.23'),
      }),
    ])
    expect(renderDiffMarkdown(report)).toContain(
      `- table 3 (Study outcomes), row 2 Thiele H, 2024 (line ${row?.line}):`,
    )
    expect(validateDiff(report), JSON.stringify(validateDiff.errors)).toBe(true)
  })
})

describe('table rows that share a key', () => {
  it('are matched in their order, so that only the row that changed is reported', () => {
    const table = (oldest: string) =>
      [
        'Sepsis: made-up criteria',
        '',
        'Table 1 Respiratory rate by age',
        '',
        'Sign\tAge\tHigh risk',
        'Respiratory\tUnder 1 year\t60 breaths per minute or more',
        'Respiratory\t1 to 2 years\t50 breaths per minute or more',
        `Respiratory\t3 to 4 years\t${oldest} breaths per minute or more`,
        '',
      ].join('\n')
    const before = extractText(table('40'), 'old.txt').record
    expect(before.tables[0]?.rows).toHaveLength(3)
    const report = diffRecords(before, extractText(table('45'), 'new.txt').record, 'test')
    expect(report.tables.map(({ key, row, change }) => ({ key, row, change }))).toEqual([
      { key: 'Respiratory', row: 3, change: 'changed' },
    ])
    expect(report.tables[0]?.cells.map((cell) => [cell.old, cell.new])).toEqual([
      ['40 breaths per minute or more', '45 breaths per minute or more'],
    ])
  })
})

describe('guidex diff', () => {
  it('diffs two release folders and writes JSON and Markdown', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'guidex-diff-'))
    const cli = path.join(repositoryRoot, 'dist/pipeline/cli.js')
    const run = (...argv: string[]) =>
      spawnSync(process.execPath, [cli, ...argv], { cwd: repositoryRoot, encoding: 'utf8' })
    expect(
      run('extract', 'input/001_28967b82888de774.txt', 'input/releases', '--out', out).status,
    ).toBe(0)
    const family = path.join(out, 'ipg633')
    // Written by extract, for the consecutive pair.
    const written = JSON.parse(
      readFileSync(path.join(family, 'diffs/ipg633-2018-11-28__htg492-2026-01.json'), 'utf8'),
    )
    expect(written.summary.recommendationsUnchanged).toBe(5)
    // On demand.
    const printed = run(
      'diff',
      path.join(family, 'ipg633-2018-11-28'),
      path.join(family, 'htg492-2026-01'),
    )
    expect(printed.status).toBe(0)
    expect(printed.stdout).toContain('- guidanceId: `IPG633` → `HTG492`')
    const target = path.join(out, 'on-demand')
    expect(
      run(
        'diff',
        path.join(family, 'ipg633-2018-11-28/document.json'),
        path.join(family, 'htg492-2026-01'),
        '--out',
        target,
      ).status,
    ).toBe(0)
    expect(readFileSync(path.join(target, 'ipg633-2018-11-28__htg492-2026-01.md'), 'utf8')).toBe(
      readFileSync(path.join(family, 'diffs/ipg633-2018-11-28__htg492-2026-01.md'), 'utf8'),
    )
    // A family folder is no release (a text that is no guidance would fail as an input: 1).
    expect(run('diff', path.join(family, 'ipg633-2018-11-28'), family).status).toBe(2)
    writeFileSync(path.join(out, 'not-json.json'), 'nope')
    expect(run('diff', path.join(out, 'not-json.json'), family).status).toBe(1)
  })
})

/** Each paragraph change as [change, old number, new number]. */
function paragraphChanges(report: ReturnType<typeof diffRecords>) {
  return report.paragraphs.map((change) => [
    change.change,
    change.old?.number ?? null,
    change.new?.number ?? null,
  ])
}
