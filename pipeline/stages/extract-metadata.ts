/**
 * Stage `extractMetadata`: kind, title, guidance id, programme, dates,
 * lineage (`replaces`, `migrated to`), ISBN, URL, update notes, endorsing
 * organisation, committee and project team.
 *
 * Front matter is read from the blocks classify marked as title and front
 * matter; the rest from the sections sectionize built.
 */

import type { VFile } from 'vfile'
import { flattenParagraphs } from '../lib/paragraphs.js'
import { isoDate } from '../lib/dates.js'
import { isStandardHeading } from '../lib/headings.js'
import type { LineIndex } from '../lib/line-index.js'
import { joinMapped } from '../lib/mapped-text.js'
import { monthAlternation } from '../vocabulary/months.js'
import {
  overviewTitle,
  programmeNamed,
  programmeOfId,
  programmeOfLine,
} from '../vocabulary/programmes.js'
import { sourceOf } from './sectionize.js'
import type {
  DocumentKind,
  GuidanceRoot,
  Lineage,
  Metadata,
  Paragraph,
  Section,
  Source,
  TextBlock,
  UpdateNote,
} from '../types.js'

declare module 'vfile' {
  interface DataMap {
    metadata: Metadata
  }
}

/** A guidance page address: `nice.org.uk/guidance/htg492`, `…/indevelopment/gid-ipg10404`. */
const guidanceAddress =
  /nice\.org\.uk\/guidance\/(?:indevelopment\/)?(?:gid-)?([a-z]{2,4}\d{1,6})(?![a-z\d])/i

/**
 * `This guidance replaces IPG633.`, `It replaces IPG1 and IPG2.`,
 * `This guideline partially replaces CG149.`, `… updates and replaces NICE
 * guideline CG37 (published July 2006)`: group 1 says whether the
 * replacement is partial, group 2 holds the ids.
 */
const replacesSentence =
  /\b(partially |in part )?replaces? (?:NICE (?:guideline|guidance) |the (?:NICE )?guideline )?((?:[A-Z]{2,4}\d{1,6}(?:, | and |, and )?)+)/g

/** `This guideline updates and replaces the recommendations on endometriosis in NICE's guideline on …`. */
const replacesSectionSentence =
  /\bupdates and replaces (the (?:recommendations|section|sections) on [^.]{3,200}?)(?:\.|,? which|$)/g

/** `This guideline is the basis of QS35 and QS172.` */
const basisSentence = /\bis the basis of ((?:[A-Z]{2,4}\d{1,6}(?:, | and |, and )?)+)/g

/** `Interventional procedures guidance 633 has been migrated to HealthTech guidance 492`. */
const migratedSentence =
  /\b([A-Z][A-Za-z ]{2,45}? guid(?:ance|eline)) (\d{1,6}) has been (?:migrated|moved|transferred) to ([A-Z][A-Za-z ]{2,45}? guid(?:ance|eline)) (\d{1,6})/g

/** A dated update note: `January 2026: …`. */
const datedNote = new RegExp(
  String.raw`^((?:\d{1,2} )?(?:${monthAlternation}) \d{4}):\s*(.+)$`,
  'is',
)

/**
 * Attach the metadata stage.
 *
 * @returns
 *   Transformer.
 */
export function extractMetadata() {
  return (tree: GuidanceRoot, file: VFile): void => {
    const lineIndex = file.data.lineIndex as LineIndex
    const sections = file.data.sections ?? []
    const textBlocks = tree.children.filter((block) => block.type === 'textBlock')
    // A title set over several lines may reach here as several blocks.
    const titlePlains = textBlocks.flatMap((block) =>
      block.role === 'title' && block.plain ? [block.plain] : [],
    )
    const titleText = titlePlains.length > 0 ? joinMapped(titlePlains) : undefined
    const frontMatter = textBlocks.filter((block) => block.role === 'front-matter')
    const title = titleText?.value.trim() || null
    const lines = frontMatter.map((block) => ({ block, text: block.plain?.value.trim() ?? '' }))
    const programmeLine = (
      lines.find((line) => programmeNamed(line.text) !== undefined) ??
      lines.find((line) => programmeOfLine(line.text) !== undefined)
    )?.text

    const urlLine = lines.find((line) => /nice\.org\.uk/i.test(line.text))
    const url = urlLine ? addressOf(urlLine.block) : null
    const ownAddress = url ? guidanceAddress.exec(url) : null
    // The document's own id: its address, else its running title
    // (`Antenatal care (NG201)`), else, for an overview, the page it is
    // published on (`…/guidance/indevelopment/gid-ipg10404/documents`);
    // never a citation in its body.
    const runningTitle = ownAddress ? undefined : runningTitleId(file.data.furniture ?? [])
    const overviewPage =
      ownAddress || runningTitle || !overviewTitle.test(title ?? '')
        ? null
        : documentsPage.exec(lineIndex.raw)
    const guidanceId = ownAddress
      ? (ownAddress[1] as string).toUpperCase()
      : (runningTitle?.id ?? (overviewPage ? (overviewPage[1] as string).toUpperCase() : null))
    const kind = documentKind(title, programmeLine, guidanceId, textBlocks, file)

    let programme: string | null = null
    if (programmeLine && programmeOfLine(programmeLine)?.kind !== 'information-for-the-public')
      programme = programmeLine
    else if (guidanceId && kind !== 'information-for-the-public') {
      programme = programmeOfId(guidanceId)?.name ?? null
    }

    const publishedLine = lines.find((line) => /^published\b/i.test(line.text))
    const published = isoDate(publishedLine?.text ?? '')
    const isbnFound = lines.find((line) => /^ISBN/i.test(line.text))
    const isbnLine = isbnFound?.text
    const isbn = isbnLine ? (/ISBN:?\s*([\dX-]{10,20})/i.exec(isbnLine)?.[1] ?? null) : null
    const updatedLine = lines.find((line) => /^last updated\b/i.test(line.text))
    const programmeFound = lines.find((line) => line.text === programmeLine)
    const placeOf = (block: TextBlock | undefined) =>
      block?.plain ? sourceOf(lineIndex, block.plain) : undefined

    const allParagraphs = [...(file.data.preamble ?? []), ...flattenParagraphs(sections)]
    const updates = updateNotes(sections)
    const lineage = readLineage(allParagraphs, updates, guidanceId, lineIndex)
    const explicitUpdated = isoDate(updatedLine?.text ?? '')
    const datedUpdates = updates.flatMap((note) => (note.date ? [note.date] : [])).sort()

    const people = file.data.people ?? []
    const metadata: Metadata = {
      kind,
      title,
      guidanceId,
      programme,
      published,
      lastUpdated: explicitUpdated,
      revised: latestDate([
        explicitUpdated,
        datedUpdates[datedUpdates.length - 1] ?? null,
        published,
      ]),
      // Whole replacements and migrations only: a partial replacement links two families.
      replaces: [
        ...new Set(
          lineage.flatMap((link) =>
            link.from === null || link.from === guidanceId || !wholeRelations.has(link.relation)
              ? []
              : [link.from],
          ),
        ),
      ],
      basisOf: basisOf(allParagraphs, guidanceId),
      lineage,
      isbn,
      url,
      updates,
      endorsingOrganisation: endorsingOrganisation(sections),
      sources: definedOnly({
        title: title === null || !titleText ? undefined : sourceOf(lineIndex, titleText),
        guidanceId: ownAddress
          ? placeOf(urlLine?.block)
          : (runningTitle?.source ??
            (overviewPage
              ? lineIndex.source(overviewPage.index, overviewPage.index + overviewPage[0].length)
              : undefined)),
        programme: programme === programmeLine ? placeOf(programmeFound?.block) : undefined,
        published: published === null ? undefined : placeOf(publishedLine?.block),
        lastUpdated: explicitUpdated === null ? undefined : placeOf(updatedLine?.block),
        isbn: isbn === null ? undefined : placeOf(isbnFound?.block),
        url: url === null ? undefined : placeOf(urlLine?.block),
      }),
      committee: people
        .filter((person) => !/project team/i.test(person.group))
        .map(({ name, role, source }) => ({ name, role, source })),
      projectTeam: people
        .filter((person) => /project team/i.test(person.group))
        .map(({ name, role, source }) => ({ name, role, source })),
    }
    file.data.metadata = metadata
  }
}

/** The page an overview is published on, among its guidance's documents: `…/gid-ipg10404/documents`. */
const documentsPage =
  /nice\.org\.uk\/guidance\/(?:indevelopment\/)?(?:gid-)?([a-z]{2,4}\d{1,6})\/documents\b/i

/** A running title with the document's id at its end: `Antenatal care (NG201)`. */
const runningTitleWithId = /\(([A-Z]{1,5}\d{1,6})\)\s*$/

/**
 * The id of the document's running title, the first of its page furniture
 * to end with one, and its place.
 */
function runningTitleId(furniture: readonly Source[]): { id: string; source: Source } | undefined {
  for (const source of furniture) {
    const match = runningTitleWithId.exec(source.text)
    if (match) return { id: match[1] as string, source }
  }
  return undefined
}

/** An object without its `undefined` values (the schema has no `undefined`). */
function definedOnly<T extends object>(value: { [K in keyof T]: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, field]) => field !== undefined),
  ) as Partial<T>
}

/**
 * The latest of some ISO dates, precise or not (`2026-01` is later than
 * `2025-12-18`; of `2026-01` and `2026-01-14`, the precise one).
 *
 * @param dates
 *   Dates, `null` where unknown.
 * @returns
 *   The latest, or `null` when none is known.
 */
function latestDate(dates: readonly (string | null)[]): string | null {
  let latest: string | null = null
  for (const date of dates) {
    if (date === null) continue
    if (latest === null || date.localeCompare(latest) > 0) latest = date
  }
  return latest
}

/**
 * Decide the kind of document from its title, programme line, headings and
 * id: an overview by its title, information for the public by its programme
 * line or headings, else the kind its programme publishes (`Quality
 * standard` or `QS172`: a quality standard).
 */
function documentKind(
  title: string | null,
  programmeLine: string | undefined,
  guidanceId: string | null,
  blocks: readonly TextBlock[],
  file: VFile,
): DocumentKind {
  const furniture = file.data.furniture ?? []
  if (
    overviewTitle.test(title ?? '') ||
    furniture.some((line) => overviewTitle.test(line.text.trim()))
  ) {
    return 'procedure-overview'
  }
  const programme =
    (programmeLine ? programmeOfLine(programmeLine) : undefined) ??
    (guidanceId ? programmeOfId(guidanceId) : undefined)
  if (programme?.kind === 'information-for-the-public') {
    return 'information-for-the-public'
  }
  // A guideline or a quality standard says so on its front page.
  const stated = programmeLine ? programmeOfLine(programmeLine)?.kind : undefined
  if (stated === 'guideline' || stated === 'quality-standard') return stated
  const headings = blocks.filter((block) => block.role === 'heading')
  if (
    headings.some((block) =>
      isStandardHeading('information-for-the-public', block.plain?.value.trim() ?? ''),
    )
  ) {
    return 'information-for-the-public'
  }
  return programme?.kind ?? 'guidance'
}

/** The address a front-matter URL line points at, with its scheme. */
function addressOf(block: TextBlock): string {
  const link = block.links?.[0]
  const address = link && link.url !== '#' ? link.url : (block.plain?.value.trim() ?? '')
  return /^https?:\/\//i.test(address) ? address : `https://${address}`
}

/** Sections anywhere in the tree whose heading matches. */
function findSections(sections: readonly Section[], heading: RegExp): Section[] {
  return sections.flatMap((section) => [
    ...(heading.test(section.heading) ? [section] : []),
    ...findSections(section.sections, heading),
  ])
}

/**
 * The notes under `Update information`, with their dates and group headings.
 */
function updateNotes(sections: readonly Section[]): UpdateNote[] {
  const notes: UpdateNote[] = []
  const visit = (section: Section, heading: string | null) => {
    for (const paragraph of section.paragraphs) {
      if (paragraph.text === '') continue
      const match = datedNote.exec(paragraph.text)
      notes.push({
        date: match ? isoDate(match[1] as string) : null,
        text: match ? (match[2] as string).trim() : paragraph.text,
        heading,
        source: paragraph.source,
      })
    }
    for (const child of section.sections) visit(child, child.heading)
  }
  for (const section of findSections(sections, /^update information$/i)) visit(section, null)
  return notes
}

/**
 * Earlier identities of this guidance: `replaces X` sentences and
 * `X has been migrated to Y` update notes. Each link once, placed at the id
 * that names it (not at its whole paragraph: a paragraph naming thousands of
 * ids would be copied thousands of times, and each looked for among the
 * links so far).
 */
function readLineage(
  paragraphs: readonly Paragraph[],
  updates: readonly UpdateNote[],
  guidanceId: string | null,
  lineIndex: LineIndex,
): Lineage[] {
  const lineage: Lineage[] = []
  const seen = new Set<string>()
  for (const paragraph of paragraphs) {
    if (!guidanceId) continue
    // Where the next id is looked for in the paragraph's raw text.
    let cursor = 0
    for (const match of paragraph.text.matchAll(replacesSentence)) {
      const relation = match[1] ? 'partially-replaces' : 'replaces'
      for (const id of (match[2] as string).match(/[A-Z]{2,4}\d{1,6}/g) ?? []) {
        const at = paragraph.source.text.indexOf(id, cursor)
        if (at !== -1) cursor = at + id.length
        const key = `${relation} ${id}`
        if (id === guidanceId || seen.has(key)) continue
        seen.add(key)
        const offset = paragraph.source.offset + at
        const source = at === -1 ? paragraph.source : lineIndex.source(offset, offset + id.length)
        lineage.push({ from: id, to: guidanceId, relation, source })
      }
    }
    let sectionCursor = 0
    for (const match of paragraph.text.matchAll(replacesSectionSentence)) {
      const subject = (match[1] as string).trim()
      const at = paragraph.source.text.indexOf(subject, sectionCursor)
      if (at !== -1) sectionCursor = at + subject.length
      if (seen.has(`updates-section ${subject}`)) continue
      seen.add(`updates-section ${subject}`)
      const offset = paragraph.source.offset + at
      lineage.push({
        from: null,
        to: guidanceId,
        relation: 'updates-section',
        subject,
        source: at === -1 ? paragraph.source : lineIndex.source(offset, offset + subject.length),
      })
    }
  }
  for (const note of updates) {
    for (const match of note.text.matchAll(migratedSentence)) {
      const from = idFromProse(match[1] as string, match[2] as string)
      const to = idFromProse(match[3] as string, match[4] as string)
      if (from && to) lineage.push({ from, to, relation: 'migrated', source: note.source })
    }
  }
  return lineage
}

/** Relations that make two ids one guidance through its life. */
const wholeRelations = new Set<Lineage['relation']>(['replaces', 'migrated'])

/**
 * The quality standards and other guidance this one is the basis of.
 *
 * @param paragraphs
 *   Every paragraph.
 * @param guidanceId
 *   The document's own id.
 * @returns
 *   Ids, in the order written.
 */
function basisOf(paragraphs: readonly Paragraph[], guidanceId: string | null): string[] {
  const ids = new Set<string>()
  for (const paragraph of paragraphs) {
    for (const match of paragraph.text.matchAll(basisSentence)) {
      for (const id of (match[1] as string).match(/[A-Z]{2,4}\d{1,6}/g) ?? []) {
        if (id !== guidanceId) ids.add(id)
      }
    }
  }
  return [...ids]
}

/** `Interventional procedures guidance` + `633` into `IPG633`. */
function idFromProse(programme: string, number: string): string | undefined {
  const prefix = programmeNamed(programme.trim())?.prefix
  return prefix ? `${prefix}${number}` : undefined
}

/** `This guidance has been endorsed by X.` under `Endorsing organisation`. */
function endorsingOrganisation(sections: readonly Section[]): string | null {
  for (const section of findSections(sections, /^endorsing organi[sz]ation$/i)) {
    for (const paragraph of section.paragraphs) {
      const match = /endorsed by (.+?)\.?$/i.exec(paragraph.text)
      if (match) return (match[1] as string).trim()
    }
  }
  return null
}
