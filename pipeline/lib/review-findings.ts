/**
 * Findings as an evidence reviewer reads them: grouped by file; each with the
 * sentence saying what is wrong, its study, group and outcome, its place in
 * the document's terms (section, or table, row and column), and the words of
 * the source with the figures marked; the other place of a disagreement
 * beneath it.
 */

import type { VFileMessage } from 'vfile-message'
import type { DocumentRecord, Finding, Source } from '../types.js'
import { type Excerpt, excerptOf } from './excerpt.js'
import { placeInWords, type RecordPlaces, recordPlaces } from './finding-context.js'
import { messageData } from './format-message.js'
import type { ReportedMessage } from './report-messages.js'
import { type SeverityCounts, severityWords } from './severity-counts.js'

/** A finding (or reading warning) made ready for a reviewer. */
export interface ReviewedFinding {
  message: ReportedMessage
  /** `study: … · group: … · outcome: …`, where known. */
  about: string | null
  /** `table 3 (Study outcomes), row 2, column …` or `section …`. */
  where: string | null
  excerpt: Excerpt | undefined
  /** The other places of a disagreement. */
  related: { label: string; excerpt: Excerpt | undefined }[]
}

/** One file's findings, in document order. */
export interface ReviewedFile {
  path: string
  /** `IPG10404: Interventional procedures overview of …`, where known. */
  title: string | null
  findings: ReviewedFinding[]
}

/** Where a related place stands: in this document, or in another one of the batch. */
export interface OtherDocument {
  path: string
  record: DocumentRecord
  raw: string
}

/**
 * Review one document's findings and reading warnings.
 *
 * @param path
 *   The input's path.
 * @param record
 *   Its record.
 * @param raw
 *   Its text (as decoded), for excerpts.
 * @param messages
 *   Its non-fatal vfile messages (reading warnings).
 * @returns
 *   Findings made ready for a reviewer, in document order.
 */
export function reviewDocument(
  path: string,
  record: DocumentRecord,
  raw: string,
  messages: readonly VFileMessage[],
): ReviewedFile {
  const places = recordPlaces(record)
  const findings = [
    ...record.findings.map((finding) => reviewFinding(finding, { record, raw, places })),
    ...messages.map((message) => reviewMessage(message, { record, raw, places })),
  ].sort(
    (a, b) => (a.message.offset ?? 0) - (b.message.offset ?? 0) || a.message.line - b.message.line,
  )
  return { path, title: titleOf(record), findings }
}

/**
 * Review a finding whose related places may be in another document (the
 * checks across documents).
 *
 * @param finding
 *   The finding.
 * @param at
 *   The document it stands in.
 * @param other
 *   The document of its related places.
 * @returns
 *   The finding made ready for a reviewer.
 */
export function reviewAcross(
  finding: Finding,
  at: OtherDocument,
  other: OtherDocument,
): ReviewedFinding {
  return reviewFinding(
    finding,
    { record: at.record, raw: at.raw, places: recordPlaces(at.record) },
    { path: other.path, raw: other.raw, places: recordPlaces(other.record) },
  )
}

/** A document being reviewed. */
interface Reviewing {
  record: DocumentRecord
  raw: string
  places: RecordPlaces
}

/** One finding of the record. */
function reviewFinding(
  finding: Finding,
  document: Reviewing,
  relatedIn?: { path: string; raw: string; places: RecordPlaces },
): ReviewedFinding {
  const context = document.places.contextOf(finding.source)
  const about = [
    context.study ? `study: ${context.study}` : null,
    context.group ? `group: ${context.group}` : null,
    context.outcome ? `outcome: ${context.outcome}` : null,
    context.timepoint ? `timepoint: ${context.timepoint}` : null,
  ].filter((part) => part !== null)
  const where = placeInWords(context)
  const relatedDocument = relatedIn ?? { path: null, raw: document.raw, places: document.places }
  return {
    message: {
      line: finding.source.line,
      column: finding.source.column,
      offset: finding.source.offset,
      end: endOf(document.raw, finding.source),
      severity: finding.severity,
      ruleId: finding.check,
      reason: finding.message,
      actual: finding.source.text,
      note: [
        about.join(' · '),
        where ? `in ${where}` : '',
        `> ${excerptOf(document.raw, finding.source)?.text ?? finding.source.text}`,
      ]
        .filter((line) => line !== '')
        .join('\n'),
    },
    about: about.length > 0 ? about.join(' · ') : null,
    where,
    excerpt: excerptOf(document.raw, finding.source),
    related: (finding.related ?? []).map((source) => {
      const place = placeInWords(relatedDocument.places.contextOf(source))
      return {
        label: `see ${relatedDocument.path ? `${relatedDocument.path}:` : ''}${source.line}:${source.column}${place ? `, ${place}` : ''}`,
        excerpt: excerptOf(relatedDocument.raw, source),
      }
    }),
  }
}

/** One reading warning (a vfile message of the stages). */
function reviewMessage(message: VFileMessage, document: Reviewing): ReviewedFinding {
  const data = messageData(message)
  const offset = message.place && 'start' in message.place ? message.place.start.offset : undefined
  const context = offset === undefined ? null : document.places.contextOf({ offset })
  const where = context ? placeInWords(context) : null
  const lineStart = lineOffset(document.raw, data.line)
  const excerpt =
    lineStart === undefined
      ? undefined
      : excerptOf(document.raw, {
          line: data.line,
          column: data.column,
          offset: lineStart + data.column - 1,
          text: document.raw.slice(lineStart + data.column - 1).split(/\s/, 1)[0] ?? '',
        })
  return {
    message: { ...data, ...(offset === undefined ? {} : { offset }) },
    about: null,
    where,
    excerpt,
    related: [],
  }
}

/** The offset where a 1-based line starts. */
function lineOffset(raw: string, line: number): number | undefined {
  let offset = 0
  for (let current = 1; current < line; current++) {
    const next = raw.indexOf('\n', offset)
    if (next === -1) return undefined
    offset = next + 1
  }
  return offset
}

/** The end of a place, as line and column. */
function endOf(raw: string, source: Source): { line: number; column: number; offset: number } {
  const text = raw.slice(source.offset, source.offset + source.text.length)
  const breaks = text.split('\n')
  const last = breaks[breaks.length - 1] as string
  return {
    line: source.line + breaks.length - 1,
    column: breaks.length === 1 ? source.column + text.length : last.length + 1,
    offset: source.offset + source.text.length,
  }
}

/** `HTG775: title`, as short as will do. */
function titleOf(record: DocumentRecord): string | null {
  const { guidanceId, title } = record.metadata
  if (!guidanceId && !title) return null
  const short = title && title.length > 70 ? `${title.slice(0, 69)}…` : title
  return [guidanceId, short].filter(Boolean).join(': ')
}

/**
 * Count findings by severity.
 *
 * @param findings
 *   Findings.
 * @returns
 *   Counts.
 */
export function countSeverities(findings: readonly ReviewedFinding[]): SeverityCounts {
  const counts = { error: 0, warning: 0, info: 0 }
  for (const finding of findings) counts[finding.message.severity]++
  return counts
}

/**
 * Render reviewed files as text: vfile-reporter's shape (the path, then
 * `line:column  severity  reason  rule`), each finding with its context,
 * place and excerpt indented beneath it.
 *
 * @param files
 *   Files, in input order.
 * @param options
 *   `quiet`: leave out information and files without findings.
 * @returns
 *   Lines.
 */
export function renderReview(
  files: readonly ReviewedFile[],
  options: { quiet?: boolean } = {},
): string[] {
  const lines: string[] = []
  for (const file of files) {
    const findings = file.findings.filter(
      (finding) => !options.quiet || finding.message.severity !== 'info',
    )
    if (findings.length === 0) {
      if (!options.quiet) lines.push(`${file.path}: no findings`, '')
      continue
    }
    lines.push(
      `${file.path}${file.title ? `  (${file.title})` : ''}: ${severityWords(countSeverities(findings))}`,
    )
    for (const finding of findings) lines.push(...findingLines(finding))
    lines.push('')
  }
  return lines
}

/**
 * The lines of one finding: `line:column  severity  reason  rule`, then its
 * context, place, excerpt and related places, indented.
 *
 * @param finding
 *   The finding.
 * @param prefix
 *   Before `line:column` (a path, for findings shown apart from their file).
 * @returns
 *   Lines.
 */
export function findingLines(finding: ReviewedFinding, prefix = ''): string[] {
  const { message } = finding
  const lines = [
    `  ${prefix}${message.line}:${message.column}  ${message.severity}  ${message.reason}  ${message.ruleId ?? ''}`.trimEnd(),
  ]
  if (finding.about) lines.push(`      ${finding.about}`)
  if (finding.where) lines.push(`      in ${finding.where}`)
  if (finding.excerpt) lines.push(...excerptLines(finding.excerpt))
  for (const related of finding.related) {
    lines.push(`      ${related.label}`)
    if (related.excerpt) lines.push(...excerptLines(related.excerpt))
  }
  return lines
}

/** An excerpt and its marks, indented, behind a bar. */
function excerptLines(excerpt: Excerpt): string[] {
  return [`      | ${excerpt.text}`, `      | ${excerpt.marks}`]
}
