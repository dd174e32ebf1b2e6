/**
 * The parts NICE documents are made of, by their headings: what a section is
 * for, so that downstream tools find a guideline's recommendations, its
 * rationale or its research recommendations without knowing its headings.
 *
 * A section takes the role its heading names, or else its parent's
 * (`1.1 Reducing the risk …` is part of `Recommendations`).
 */

/** What a section of a NICE document is for. */
export const sectionRoles = [
  'responsibility',
  'overview',
  'recommendations',
  'rationale',
  'research-recommendations',
  'terms',
  'context',
  'committee',
  'update-information',
  'procedure',
  'committee-considerations',
  'evidence',
  'quality-statements',
  'quality-statement',
  'quality-measures',
  'about',
  'references',
] as const

/** A section's role. */
export type SectionRole = (typeof sectionRoles)[number]

/**
 * Headings and the role each names, first match wins. The number of a
 * numbered heading is not part of the text matched (`1 Recommendations`
 * matches `recommendations`).
 */
const roleHeadings: readonly [RegExp, SectionRole][] = [
  [/^your responsibility$/i, 'responsibility'],
  [/^(?:overview|who is it for\??)$/i, 'overview'],
  [/^(?:key |other )?recommendations for research\b/i, 'research-recommendations'],
  [/^(?:recommendations|guidance)$/i, 'recommendations'],
  [
    /^(?:rationale and impact|rationale|why the committee made the recommendations?)$/i,
    'rationale',
  ],
  [
    /^(?:terms used in this (?:guideline|guidance|quality standard)|definitions? of terms\b.*|glossary)$/i,
    'terms',
  ],
  [/^context$/i, 'context'],
  [
    /^(?:finding more information and committee details|committee members\b.*|(?:\w+ )?committee and (?:nice )?project team|nice project team|project team)$/i,
    'committee',
  ],
  [/^(?:update information|changes since publication)$/i, 'update-information'],
  [
    /^(?:the procedure|information about the procedure|the (?:condition|technology)\b.*)$/i,
    'procedure',
  ],
  [/^committee (?:considerations|discussion|comments)$/i, 'committee-considerations'],
  [
    /^(?:sources of evidence|the evidence|evidence summary|summary of (?:key )?evidence)$/i,
    'evidence',
  ],
  [/^quality statements$/i, 'quality-statements'],
  [/^quality statement \d{1,3}\b/i, 'quality-statement'],
  [/^quality measures$/i, 'quality-measures'],
  [/^about this (?:guidance|guideline|quality standard)$/i, 'about'],
  [/^references$/i, 'references'],
]

/**
 * The role a heading names.
 *
 * @param heading
 *   The heading as written, with its number (`1 Recommendations`).
 * @returns
 *   The role, or `undefined` where the heading names none.
 */
export function roleOfHeading(heading: string): SectionRole | undefined {
  const text = heading.replace(/^\d{1,2}(?:\.\d{1,3})*\s+/, '').trim()
  return roleHeadings.find(([pattern]) => pattern.test(text))?.[1]
}
