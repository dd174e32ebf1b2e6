/**
 * The diff report for people: summary counts first, then what changed.
 */

import type { DiffReport, ParagraphChange } from './diff-records.js'

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
    `${release.guidanceId ?? 'untitled'} (${release.revised ?? release.lastUpdated ?? release.published ?? 'undated'})`
  const lines: string[] = [`# ${name(report.old)} → ${name(report.new)}`, '']
  const recommendations = summary.recommendationsUnchanged + summary.recommendationsChanged
  if (recommendations > 0) {
    lines.push(
      summary.recommendationsChanged === 0
        ? `Recommendations unchanged (${recommendations} numbered paragraphs).`
        : `Recommendations: ${summary.recommendationsChanged} of ${recommendations} numbered paragraphs changed.`,
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
    for (const heading of report.sections.added) lines.push(`- added: ${heading}`)
    for (const heading of report.sections.removed) lines.push(`- removed: ${heading}`)
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
      if (person.change === 'added')
        lines.push(`- ${list}: added ${person.name} (${person.newRole})`)
      else if (person.change === 'removed')
        lines.push(`- ${list}: removed ${person.name} (${person.oldRole})`)
      else lines.push(`- ${list}: ${person.name}: ${person.oldRole} → ${person.newRole}`)
    }
    lines.push('')
  }
  if (report.tables.length > 0) {
    lines.push('## Tables', '')
    for (const row of report.tables) {
      if (row.change !== 'changed') {
        lines.push(`- table ${row.table}: ${row.change} row ${row.key}`)
        continue
      }
      for (const cell of row.cells) {
        const numbers = cell.numbers.length > 0 ? cell.numbers.join('; ') : 'text changed'
        lines.push(`- table ${row.table}, ${row.key}, ${cell.column}: ${numbers}`)
      }
    }
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

/** The lines of one paragraph change. */
function paragraphLines(change: ParagraphChange): string[] {
  const label = (reference: ParagraphChange['old']) =>
    reference
      ? reference.number
        ? reference.number
        : `“${reference.text.slice(0, 60)}${reference.text.length > 60 ? '…' : ''}”`
      : ''
  const lines: string[] = []
  switch (change.change) {
    case 'renumbered':
      lines.push(`- renumbered ${label(change.old)} → ${label(change.new)}`)
      break
    case 'reworded': {
      const numbers =
        change.old?.number !== change.new?.number
          ? ` (renumbered ${label(change.old)} → ${label(change.new)})`
          : ''
      lines.push(
        `- reworded ${label(change.new)}${numbers}: ${(change.words ?? []).map((word) => (word.op === 'equal' ? word.text : word.op === 'delete' ? `~~${word.text}~~` : `**${word.text}**`)).join(' ')}`,
      )
      break
    }
    case 'removed':
      lines.push(`- removed ${label(change.old)}: ${change.old?.text ?? ''}`)
      break
    case 'inserted':
      lines.push(`- inserted ${label(change.new)}: ${change.new?.text ?? ''}`)
      break
    default:
      lines.push(`- list items changed in ${label(change.new)}`)
  }
  for (const item of change.itemsAdded) lines.push(`  - item added: ${item}`)
  for (const item of change.itemsRemoved) lines.push(`  - item removed: ${item}`)
  return lines
}
