/**
 * What NICE sets around its recommendations, by the words each opens with:
 * the boxes after a group of recommendations, and the standing paragraphs at
 * the head of a recommendations section. Neither is part of the
 * recommendation before it.
 */

/**
 * `For a short explanation of why the committee made these recommendations …`,
 * `Full details of the evidence and the committee's discussion are in …`,
 * `People have the right to be involved in discussions …`.
 */
export const boxOpening =
  /^(?:For a short explanation of why the committee|Full details of the evidence and the committee's discussion|For more information, see the|People have the right to be involved in discussions|Making decisions using NICE guidelines explains)/i
