/**
 * What guidex knows about the headings of NICE documents: the unnumbered
 * headings that stand at the top of guidance and overviews, and a form of a
 * heading comparable with the entries of a contents list.
 */

/**
 * A heading in a form comparable with contents entries: lower case, single
 * spaces, no trailing dots.
 *
 * @param text
 *   Heading or contents title.
 * @returns
 *   Comparable form.
 */
export function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[ .]+$/, '')
    .trim()
}

/** Unnumbered headings that stand at the top of NICE guidance and overviews. */
const topLevelHeadings = new Set(
  [
    'Your responsibility',
    'Update information',
    'Endorsing organisation',
    'Finding more information and committee details',
    'The procedure, condition, current practice and unmet need',
    'Clinical assessment tools',
    'Outcome measures',
    'Evidence summary',
    'Ongoing trials',
    'Existing assessments of this procedure',
    'Related NICE guidance',
    'Professional societies',
    'Evidence from people who have had the procedure and patient organisations',
    'Company engagement',
    'References',
    // NICE guidelines
    'Overview',
    'Recommendations',
    'Recommendations for research',
    'Rationale and impact',
    'Context',
    'Putting this guideline into practice',
    // Quality standards
    'Quality statements',
    'About this quality standard',
  ].map(comparable),
)

/** A quality statement heads its own part of a quality standard: `Quality statement 1: Presentation with …`. */
const qualityStatementHeading = /^quality statement \d{1,3}\b/i

/** The heading of a guideline's recommendations, under which `1.1`, `1.2` … are numbered. */
const recommendationsHeading = /^recommendations$/i

/**
 * Whether a heading heads a document's numbered recommendations.
 *
 * @param heading
 *   Heading text.
 * @returns
 *   Whether it is `Recommendations`.
 */
export function isRecommendationsHeading(heading: string): boolean {
  return recommendationsHeading.test(heading.trim())
}

/** A heading that heads an appendix is always top level. */
const appendixHeading = /^appendix [a-z0-9]+\b/i

/**
 * Whether a heading stands at the top of its document: a standard top
 * heading of NICE guidance or overviews, or an appendix.
 *
 * @param heading
 *   Heading text.
 * @returns
 *   Whether it is top level.
 */
export function isTopLevelHeading(heading: string): boolean {
  return (
    topLevelHeadings.has(comparable(heading)) ||
    appendixHeading.test(heading) ||
    qualityStatementHeading.test(heading)
  )
}
