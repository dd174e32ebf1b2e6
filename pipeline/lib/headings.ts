/**
 * What guidex knows about the headings of NICE documents: which headings
 * stand at the top of their document (the standard headings of each kind of
 * document, `vocabulary/headings.ts`, and the heads of groups in a flat
 * contents list), and a form of a heading comparable with the entries of a
 * contents list.
 */

import type { DocumentKind, GuidanceRoot, TextBlock } from '../types.js'
import { standardHeadings, topHeadingPattern } from '../vocabulary/headings.js'

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

/** A heading in the form the standard headings are compared in (`Is this procedure right for me` with or without `?`). */
function standardForm(text: string): string {
  return comparable(text).replace(/\?$/, '')
}

/** The standard headings of every kind, in their compared form, by kind. */
const standardByKind = new Map<DocumentKind, Set<string>>(
  Object.entries(standardHeadings).map(([kind, headings]) => [
    kind as DocumentKind,
    new Set(headings.map(standardForm)),
  ]),
)

/** The standard headings of any kind (the stages that place headings run before the kind is known). */
const anyStandard = new Set([...standardByKind.values()].flatMap((headings) => [...headings]))

/**
 * Whether a heading is one of the standard headings of a kind of document.
 *
 * @param kind
 *   Kind of document.
 * @param heading
 *   Heading text.
 * @returns
 *   Whether it is.
 */
export function isStandardHeading(kind: DocumentKind, heading: string): boolean {
  return standardByKind.get(kind)?.has(standardForm(heading)) ?? false
}

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

/**
 * Whether a heading stands at the top of its document: a standard top
 * heading of some kind of NICE document, an appendix or a quality statement.
 *
 * @param heading
 *   Heading text.
 * @returns
 *   Whether it is top level.
 */
export function isTopLevelHeading(heading: string): boolean {
  return anyStandard.has(standardForm(heading)) || topHeadingPattern.test(heading)
}

/**
 * The heads of groups in a flat contents list: a contents heading that
 * another contents heading follows at once, with nothing between, heads the
 * group of entries listed under it, and stands at the top.
 *
 * It serves the contents list of an unnumbered document that lists two levels
 * without indentation: in an overview's
 * `Clinical assessment tools.....3` / `SCAI SHOCK classification 3`, the body
 * has `Clinical assessment tools` and at once `SCAI SHOCK classification`, so
 * the first is a top heading and the second sits under it.
 *
 * @param tree
 *   The block tree (after classification).
 * @param contentsTitles
 *   The contents titles, in `comparable` form.
 * @returns
 *   The heading blocks that head a group.
 */
export function contentsGroupHeads(
  tree: GuidanceRoot,
  contentsTitles: ReadonlySet<string>,
): Set<TextBlock> {
  const heads = new Set<TextBlock>()
  if (contentsTitles.size === 0) return heads
  const listed = (block: GuidanceRoot['children'][number] | undefined): block is TextBlock =>
    block?.type === 'textBlock' &&
    block.role === 'heading' &&
    contentsTitles.has(comparable(block.plain?.value ?? ''))
  for (const [index, block] of tree.children.entries()) {
    if (listed(block) && listed(tree.children[index + 1])) heads.add(block)
  }
  return heads
}
