/**
 * Stage `extractMetadata`: kind, title, guidance id, programme, dates,
 * lineage (`replaces`, `migrated to`), ISBN, URL, update notes, endorsing
 * organisation, committee and project team.
 *
 * Front matter is read from the blocks classify marked as title and front
 * matter; the rest from the sections sectionize built.
 */

import type { VFile } from 'vfile'
import { flattenParagraphs } from '../lib/cross-document.js'
import { isoDate } from '../lib/dates.js'
import type { LineIndex } from '../lib/line-index.js'
import type {
  DocumentKind,
  GuidanceRoot,
  Lineage,
  Metadata,
  Paragraph,
  Section,
  TextBlock,
  UpdateNote,
} from '../types.js'

/** Programme names by the prefix of a guidance id. */
const programmeByPrefix: Record<string, string> = {
  HTG: 'HealthTech guidance',
  IPG: 'Interventional procedures guidance',
  NG: 'NICE guideline',
  CG: 'Clinical guideline',
  TA: 'Technology appraisal guidance',
  MTG: 'Medical technologies guidance',
  DG: 'Diagnostics guidance',
  HST: 'Highly specialised technologies guidance',
  QS: 'Quality standard',
  PH: 'Public health guideline',
  MIB: 'Medtech innovation briefing',
}

/** Kinds of document named by their programme line (`NICE guideline`, `Quality standard`). */
const kindByProgramme: [RegExp, DocumentKind][] = [
  [/^(?:NICE|clinical|public health|social care|safe staffing) guidelines?$/i, 'guideline'],
  [/^quality standards?$/i, 'quality-standard'],
]

/** Programme names as written in prose, to read `… guidance 633` as an id. */
const prefixByProgramme: [RegExp, string][] = [
  [/^interventional procedures? guidance$/i, 'IPG'],
  [/^healthtech guidance$/i, 'HTG'],
  [/^nice guideline$/i, 'NG'],
  [/^clinical guideline$/i, 'CG'],
  [/^technology appraisal guidance$/i, 'TA'],
  [/^medical technologies guidance$/i, 'MTG'],
  [/^diagnostics guidance$/i, 'DG'],
  [/^highly specialised technologies guidance$/i, 'HST'],
]

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
const datedNote =
  /^((?:\d{1,2} )?(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}):\s*(.+)$/is

/** Headings that mark information-for-the-public texts. */
const publicHeadings =
  /^(?:is this procedure right for me\??|some questions to think about|about this procedure|information and support|what does this mean for me\??)$/i

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
    const titleBlock = textBlocks.find((block) => block.role === 'title')
    const frontMatter = textBlocks.filter((block) => block.role === 'front-matter')
    const title = titleBlock?.plain?.value.trim() || null
    const lines = frontMatter.map((block) => ({ block, text: block.plain?.value.trim() ?? '' }))
    const programmeLine = lines.find(
      (line) =>
        line.text.length < 80 &&
        /(?:guidance|guideline|briefing|standard|public)$/i.test(line.text),
    )?.text

    const kind = documentKind(title, programmeLine, textBlocks, file)
    const urlLine = lines.find((line) => /nice\.org\.uk/i.test(line.text))
    const url = urlLine ? addressOf(urlLine.block) : null
    const ownAddress = url ? guidanceAddress.exec(url) : null
    const anyAddress = ownAddress ?? guidanceAddress.exec(lineIndex.raw)
    const guidanceId = anyAddress ? (anyAddress[1] as string).toUpperCase() : null

    let programme: string | null = null
    if (programmeLine && !/^information for the public$/i.test(programmeLine))
      programme = programmeLine
    else if (guidanceId && kind !== 'information-for-the-public') {
      programme = programmeByPrefix[/^[A-Z]+/.exec(guidanceId)?.[0] ?? ''] ?? null
    }

    const published = isoDate(lines.find((line) => /^published\b/i.test(line.text))?.text ?? '')
    const isbnLine = lines.find((line) => /^ISBN/i.test(line.text))?.text
    const isbn = isbnLine ? (/ISBN:?\s*([\dX-]{10,20})/i.exec(isbnLine)?.[1] ?? null) : null

    const allParagraphs = [...(file.data.preamble ?? []), ...flattenParagraphs(sections)]
    const updates = updateNotes(sections)
    const lineage = readLineage(allParagraphs, updates, guidanceId)
    const explicitUpdated = isoDate(
      lines.find((line) => /^last updated\b/i.test(line.text))?.text ?? '',
    )
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
 * Decide the kind of document from its title, programme line and headings.
 */
function documentKind(
  title: string | null,
  programmeLine: string | undefined,
  blocks: readonly TextBlock[],
  file: VFile,
): DocumentKind {
  const furniture = file.data.furniture ?? []
  if (
    /^interventional procedures? overview\b/i.test(title ?? '') ||
    furniture.some((line) => /^interventional procedures? overview\b/i.test(line.text.trim()))
  ) {
    return 'procedure-overview'
  }
  if (programmeLine && /^information for the public$/i.test(programmeLine)) {
    return 'information-for-the-public'
  }
  const programmeKind = programmeLine
    ? kindByProgramme.find(([pattern]) => pattern.test(programmeLine))?.[1]
    : undefined
  if (programmeKind) return programmeKind
  const headings = blocks.filter((block) => block.role === 'heading')
  if (headings.some((block) => publicHeadings.test(block.plain?.value.trim() ?? ''))) {
    return 'information-for-the-public'
  }
  return 'guidance'
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
 * `X has been migrated to Y` update notes.
 */
function readLineage(
  paragraphs: readonly Paragraph[],
  updates: readonly UpdateNote[],
  guidanceId: string | null,
): Lineage[] {
  const lineage: Lineage[] = []
  for (const paragraph of paragraphs) {
    if (!guidanceId) continue
    for (const match of paragraph.text.matchAll(replacesSentence)) {
      const relation = match[1] ? 'partially-replaces' : 'replaces'
      for (const id of (match[2] as string).match(/[A-Z]{2,4}\d{1,6}/g) ?? []) {
        if (
          id !== guidanceId &&
          !lineage.some((link) => link.from === id && link.relation === relation)
        ) {
          lineage.push({ from: id, to: guidanceId, relation, source: paragraph.source })
        }
      }
    }
    for (const match of paragraph.text.matchAll(replacesSectionSentence)) {
      lineage.push({
        from: null,
        to: guidanceId,
        relation: 'updates-section',
        subject: (match[1] as string).trim(),
        source: paragraph.source,
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
  const name = programme.trim()
  const prefix = prefixByProgramme.find(([pattern]) => pattern.test(name))?.[1]
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
