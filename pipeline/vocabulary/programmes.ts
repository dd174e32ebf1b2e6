/**
 * NICE's programmes, in one place: the name written under a document's
 * title (`Interventional procedures guidance`), the prefix of its ids (`IPG`
 * in `IPG633`), and the kind of document it publishes. Front matter
 * (`classifyBlocks`), the programme and the id read from prose
 * (`Interventional procedures guidance 633 has been migrated to …`) and the
 * document kind (`extractMetadata`) are derived from this list.
 */

import type { DocumentKind } from '../types.js'

/** One programme. */
export interface Programme {
  /** As NICE writes it under a title. */
  name: string
  /** Other ways it is written. */
  spellings: readonly string[]
  /** The prefix of its guidance ids, upper case; `null` where it has none. */
  prefix: string | null
  /** The kind of document it publishes. */
  kind: DocumentKind
}

/** NICE's programmes. */
export const programmes: readonly Programme[] = [
  { name: 'NICE guideline', spellings: [], prefix: 'NG', kind: 'guideline' },
  // Guidelines NICE publishes under their own names, numbered as NICE guidelines.
  { name: 'Antimicrobial prescribing guideline', spellings: [], prefix: null, kind: 'guideline' },
  { name: 'COVID-19 rapid guideline', spellings: [], prefix: null, kind: 'guideline' },
  { name: 'Safe staffing guideline', spellings: [], prefix: 'SG', kind: 'guideline' },
  { name: 'Medicines practice guideline', spellings: [], prefix: 'MPG', kind: 'guideline' },
  { name: 'Cancer service guideline', spellings: [], prefix: 'CSG', kind: 'guideline' },
  { name: 'Clinical guideline', spellings: [], prefix: 'CG', kind: 'guideline' },
  { name: 'Public health guideline', spellings: [], prefix: 'PH', kind: 'guideline' },
  { name: 'Social care guideline', spellings: [], prefix: 'SC', kind: 'guideline' },
  { name: 'Quality standard', spellings: [], prefix: 'QS', kind: 'quality-standard' },
  {
    name: 'Interventional procedures guidance',
    spellings: ['Interventional procedure guidance'],
    prefix: 'IPG',
    kind: 'guidance',
  },
  { name: 'HealthTech guidance', spellings: [], prefix: 'HTG', kind: 'guidance' },
  { name: 'Technology appraisal guidance', spellings: [], prefix: 'TA', kind: 'guidance' },
  {
    name: 'Highly specialised technologies guidance',
    spellings: [],
    prefix: 'HST',
    kind: 'guidance',
  },
  { name: 'Diagnostics guidance', spellings: [], prefix: 'DG', kind: 'guidance' },
  { name: 'Medical technologies guidance', spellings: [], prefix: 'MTG', kind: 'guidance' },
  { name: 'Medtech innovation briefing', spellings: [], prefix: 'MIB', kind: 'guidance' },
  { name: 'Evidence summary', spellings: [], prefix: 'ES', kind: 'guidance' },
  { name: 'Early value assessment', spellings: [], prefix: 'HTE', kind: 'guidance' },
  {
    name: 'Information for the public',
    spellings: [],
    prefix: null,
    kind: 'information-for-the-public',
  },
]

/** Programmes by every written form, lower case. */
const byName = new Map<string, Programme>()
for (const programme of programmes) {
  for (const name of [programme.name, ...programme.spellings])
    byName.set(name.toLowerCase(), programme)
}

/** Programmes by id prefix. */
const byPrefix = new Map<string, Programme>()
for (const programme of programmes) if (programme.prefix) byPrefix.set(programme.prefix, programme)

/**
 * The programme a line names, whole (`Quality standard`, any case).
 *
 * @param line
 *   A line of text, trimmed.
 * @returns
 *   The programme, or `undefined`.
 */
export function programmeNamed(line: string): Programme | undefined {
  return byName.get(line.toLowerCase())
}

/**
 * The programme of a guidance id, by its prefix.
 *
 * @param id
 *   `IPG633`, `NG28` (upper case).
 * @returns
 *   The programme, or `undefined` for an unknown prefix.
 */
export function programmeOfId(id: string): Programme | undefined {
  return byPrefix.get(/^[A-Z]+/.exec(id)?.[0] ?? '')
}

/**
 * A programme line NICE may add that the list above does not know yet: a
 * few words under the title ending as programmes' names end
 * (`… guideline`, `… guidance`, `… standard`, `… briefing`).
 */
const programmeShape =
  /^(?:[A-Z][\w-]*)(?: [\w-]+){0,5} (guideline|guidance|standard|briefing|summary|assessment)$/

/**
 * The programme a line names, or one it has the shape of (its kind from its
 * last word).
 *
 * @param line
 *   A line of a front page.
 * @returns
 *   The programme, known or not.
 */
export function programmeOfLine(line: string): Programme | undefined {
  const known = programmeNamed(line)
  if (known) return known
  const shaped = programmeShape.exec(line)
  if (!shaped) return undefined
  const word = shaped[1] as string
  const kind: DocumentKind =
    word === 'guideline' ? 'guideline' : word === 'standard' ? 'quality-standard' : 'guidance'
  return { name: line, spellings: [], prefix: null, kind }
}

/** The title line of an interventional procedure overview (`Interventional procedure overview: …`). */
export const overviewTitle = /^interventional procedures? overview\b/i
