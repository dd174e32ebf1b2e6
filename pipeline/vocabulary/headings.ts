/**
 * The standard headings of NICE documents, by kind of document: the
 * unnumbered headings that stand at the top of a document of that kind (its
 * template's sections, not one document's contents). `lib/headings.ts`
 * decides levels with them; `extractMetadata` tells information for the
 * public by them.
 */

import type { DocumentKind } from '../types.js'

/** Top headings that any NICE document may have: its back matter. */
const backMatter = [
  'Your responsibility',
  'Update information',
  'Endorsing organisation',
  'Finding more information and committee details',
]

/** Unnumbered top headings by kind of document. */
export const standardHeadings: Record<DocumentKind, readonly string[]> = {
  // Interventional procedures and HealthTech guidance number their own
  // sections (`1 Recommendations`); only the back matter is unnumbered.
  guidance: backMatter,
  guideline: [
    'Overview',
    'Recommendations',
    'Recommendations for research',
    'Rationale and impact',
    'Implementation',
    'Putting this guideline into practice',
    'Context',
    ...backMatter,
  ],
  'quality-standard': ['Quality statements', 'About this quality standard', ...backMatter],
  // The template of an interventional procedure overview.
  'procedure-overview': [
    'The procedure, condition, current practice and unmet need',
    'Outcome measures',
    'Evidence summary',
    'Ongoing trials',
    'Existing assessments of this procedure',
    'Related NICE guidance',
    'Professional societies',
    'Evidence from people who have had the procedure and patient organisations',
    'Company engagement',
    'References',
  ],
  'information-for-the-public': [
    'Is this procedure right for me?',
    'Some questions to think about',
    'About this procedure',
    'Information and support',
    'What does this mean for me?',
  ],
}

/**
 * Numbered parts of a template that head a top section whatever they are
 * called: `Appendix A: Methods …`, `Quality statement 2: Referral …`.
 */
export const topHeadingPattern = /^(?:appendix [a-z0-9]+|quality statement \d+:)/i
