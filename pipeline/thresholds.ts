/**
 * The distances and sizes the layout rules of the text stages (`normalize`,
 * `classifyBlocks`) decide by, named and explained in one place. Each is a
 * property of how guidance text is laid out, not of one document.
 */

/**
 * Lines repeated at least this often, each standing alone between blank
 * lines, are page furniture (a running header, `Page 3 of 12`).
 */
export const furnitureMinimumRepeats = 3

/** A long standalone line (a title in a running header) is furniture when it repeats only twice. */
export const furnitureLongLine = 50

/**
 * A running header shorter than this is not looked for at the end of text
 * lines (a short one, `Page #`, would be found inside sentences).
 */
export const gluedHeaderMinimumLength = 20

/** Characters of a running header's start looked for in a line before its full pattern is tried. */
export const gluedHeaderProbeLength = 12

/** A wrap width needs at least this many wrapped lines to be measured. */
export const wrapWidthMinimumLines = 5

/**
 * In a hard-wrapped text, a line that ends a sentence and is shorter than
 * this share of the wrap width ends its paragraph (`… in 2019.` on a line of
 * 30 characters when lines wrap at 90).
 */
export const paragraphEndShare = 0.6

/** A heading or caption is at most this many characters (`Study outcomes`, `3 Committee considerations`). */
export const headingMaximumLength = 120

/** A heading or subheading is at most this many words. */
export const headingMaximumWords = 14

/** A title line is at most this many characters. */
export const titleMaximumLength = 300

/** Characters before a page break in which a link (`](…)`) must end for a link after it to go on. */
export const linkLookback = 80
