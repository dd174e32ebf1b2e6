/**
 * The diff report for people: which two releases (folder and input file),
 * summary counts, then every change with its section and line.
 */

import { counted } from '../lib/plural.js'
import type { DiffReport, ParagraphChange, RowChange } from './diff-records.js'

/**
 * Render a diff report as Markdown.
 *
 * @param report
 *   The report.
 * @returns
 *   Markdown text.
 */
export function renderDiffMarkdown(report: DiffReport): string {
  const { summary } = report
  const name = (release: DiffReport['old']) =>
    release.release ??
    `${release.guidanceId ?? 'untitled'} (${release.revised ?? release.lastUpdated ?? release.published ?? 'undated'})`
  const cell = (value: string | null) => (value === null ? '–' : `\`${value}\``)
  const lines: string[] = [
    `# ${report.new.guidanceId ?? report.old.guidanceId ?? 'Diff'}: ${name(report.old)} → ${name(report.new)}`,
    '',
    '| | old | new |',
    '| --- | --- | --- |',
    `| release | ${cell(report.old.release)} | ${cell(report.new.release)} |`,
    `| input file | ${cell(report.old.path)} | ${cell(report.new.path)} |`,
    `| guidance id | ${report.old.guidanceId ?? '–'} | ${report.new.guidanceId ?? '–'} |`,
    `| published | ${report.old.published ?? '–'} | ${report.new.published ?? '–'} |`,
    `| last updated | ${report.old.lastUpdated ?? '–'} | ${report.new.lastUpdated ?? '–'} |`,
    `| revised | ${report.old.revised ?? '–'} | ${report.new.revised ?? '–'} |`,
    `| sha256 | \`${report.old.sha256.slice(0, 12)}…\` | \`${report.new.sha256.slice(0, 12)}…\` |`,
    '',
    'Lines are those of the new release, or of the old one for what was removed.',
    '',
  ]
  const recommendations = summary.recommendationsUnchanged + summary.recommendationsChanged
  if (recommendations > 0) {
    lines.push(
      summary.recommendationsChanged === 0
        ? `Recommendations unchanged (${counted(recommendations, 'numbered paragraph')}).`
        : `Recommendations: ${summary.recommendationsChanged} of ${counted(recommendations, 'numbered paragraph')} changed.`,
      '',
    )
  }
  lines.push(
    '| | |',
    '| --- | --- |',
    `| metadata changes | ${summary.metadataChanges} |`,
    `| sections added / removed | ${summary.sectionsAdded} / ${summary.sectionsRemoved} |`,
    `| paragraphs unchanged | ${summary.paragraphsUnchanged} |`,
    `| paragraphs renumbered | ${summary.paragraphsRenumbered} |`,
    `| paragraphs reworded | ${summary.paragraphsReworded} |`,
    `| paragraphs removed / inserted | ${summary.paragraphsRemoved} / ${summary.paragraphsInserted} |`,
    `| list items added / removed | ${summary.itemsAdded} / ${summary.itemsRemoved} |`,
    `| committee and team changes | ${summary.peopleChanges} |`,
    `| table rows added / removed / changed | ${summary.tableRowsAdded} / ${summary.tableRowsRemoved} / ${summary.tableRowsChanged} |`,
    '',
  )
  if (report.metadata.length > 0) {
    lines.push('## Metadata', '')
    for (const change of report.metadata) {
      if (change.field === 'updates') {
        for (const note of change.new as string[]) lines.push(`- update note added: ${note}`)
        for (const note of change.old as string[]) lines.push(`- update note removed: ${note}`)
      } else {
        lines.push(`- ${change.field}: ${show(change.old)} → ${show(change.new)}`)
      }
    }
    lines.push('')
  }
  if (report.sections.added.length + report.sections.removed.length > 0) {
    lines.push('## Sections', '')
    for (const section of report.sections.added)
      lines.push(`- added: ${section.heading} (line ${section.line})`)
    for (const section of report.sections.removed)
      lines.push(`- removed: ${section.heading} (old line ${section.line})`)
    lines.push('')
  }
  if (report.paragraphs.length > 0) {
    lines.push('## Paragraphs', '')
    for (const change of report.paragraphs) lines.push(...paragraphLines(change))
    lines.push('')
  }
  if (report.people.length > 0) {
    lines.push('## Committee and project team', '')
    for (const person of report.people) {
      const list = person.list === 'committee' ? 'committee' : 'project team'
      const line = person.change === 'removed' ? `old line ${person.line}` : `line ${person.line}`
      if (person.change === 'added')
        lines.push(`- ${list}: added ${person.name} (${person.newRole}; ${line})`)
      else if (person.change === 'removed')
        lines.push(`- ${list}: removed ${person.name} (${person.oldRole}; ${line})`)
      else lines.push(`- ${list}: ${person.name}: ${person.oldRole} → ${person.newRole} (${line})`)
    }
    lines.push('')
  }
  if (report.tables.length > 0) {
    lines.push('## Tables', '')
    for (const row of report.tables) lines.push(...rowLines(row))
    lines.push('')
  }
  if (lines[lines.length - 1] === '') lines.pop()
  return `${lines.join('\n')}\n`
}

/** A value in a sentence. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)'
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ')
  return `\`${String(value)}\``
}

/** `3.5`, or the paragraph's first words. */
function label(reference: ParagraphChange['old']): string {
  if (!reference) return ''
  if (reference.number) return reference.number
  return `“${reference.text.slice(0, 60)}${reference.text.length > 60 ? '…' : ''}”`
}

/** `(3 Committee considerations, line 120)`: where a paragraph stands. */
function where(reference: ParagraphChange['old'], old = false): string {
  if (!reference) return ''
  const line = `${old ? 'old line' : 'line'} ${reference.line}`
  return ` (${reference.section ? `${reference.section}, ` : ''}${line})`
}

/** The lines of one paragraph change. */
function paragraphLines(change: ParagraphChange): string[] {
  const lines: string[] = []
  switch (change.change) {
    case 'renumbered':
      lines.push(`- renumbered ${label(change.old)} → ${label(change.new)}${where(change.new)}`)
      break
    case 'reworded': {
      const numbers =
        change.old?.number !== change.new?.number
          ? ` (renumbered ${label(change.old)} → ${label(change.new)})`
          : ''
      lines.push(
        `- reworded ${label(change.new)}${numbers}${where(change.new)}: ${(change.words ?? []).map((word) => (word.op === 'equal' ? word.text : word.op === 'delete' ? `~~${word.text}~~` : `**${word.text}**`)).join(' ')}`,
      )
      break
    }
    // The whole text follows: an unnumbered paragraph is not named by its first words too.
    case 'removed':
      lines.push(
        `- removed ${change.old?.number ?? 'paragraph'}${where(change.old, true)}: ${change.old?.text ?? ''}`,
      )
      break
    case 'inserted':
      lines.push(
        `- inserted ${change.new?.number ?? 'paragraph'}${where(change.new)}: ${change.new?.text ?? ''}`,
      )
      break
    default:
      lines.push(`- list items changed in ${label(change.new)}${where(change.new)}`)
  }
  for (const item of change.itemsAdded) lines.push(`  - item added: ${item}`)
  for (const item of change.itemsRemoved) lines.push(`  - item removed: ${item}`)
  return lines
}

/** The lines of one table row change: the row's study, then each changed cell and result. */
function rowLines(row: RowChange): string[] {
  const line = row.change === 'removed' ? `old line ${row.line}` : `line ${row.line}`
  const head = `table ${row.table}${row.caption ? ` (${row.caption})` : ''}, row ${row.row} ${row.study ?? row.key} (${line})`
  if (row.change !== 'changed') return [`- ${row.change}: ${head}`]
  const lines = [`- ${head}:`]
  for (const cell of row.cells) {
    const numbers = cell.numbers.length > 0 ? `: ${cell.numbers.join('; ')}` : ': text changed'
    lines.push(`  - column ${cell.column}${numbers}`)
    for (const result of cell.results) {
      const about = [result.outcome, result.group, result.timepoint].filter(Boolean).join(', ')
      const was = result.old === null ? '(new)' : `\`${result.old}\``
      const now = result.new === null ? '(removed)' : `\`${result.new}\``
      lines.push(`    - ${about || 'result'}: ${was} → ${now}`)
    }
  }
  return lines
}
