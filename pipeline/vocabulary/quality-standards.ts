/**
 * How NICE's quality standards write their statements and measures.
 */

/** `Quality statement 1: Presentation with suspected endometriosis`. */
export const statementHeading = /^quality statement (\d{1,3})\s*[:.–-]?\s*(.*)$/i

/** The kind of a measure, as its heading or first word names it: `Structure`, `Process`, `Outcome`. */
export const measureKind = /^(structure|process|outcome)\b\s*/i

/** A measure's label: `a) Evidence of …`, `(b) Proportion of …`. */
export const measureLabel = /^\(?([a-z])\)\s+/

/** The parts of a measure, each on a line of its own: `Numerator – …`, `Denominator – …`, `Data source: …`. */
export const measurePart = /^(numerator|denominator|data source)\s*[–:-]\s*/i
