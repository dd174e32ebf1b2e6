/**
 * Short quotes of a text in messages.
 */

/** Characters of a text quoted in a message before it is cut. */
export const quotedLength = 40

/**
 * The first characters of a text, for a message (`first cell \`…\``).
 *
 * @param text
 *   Text.
 * @returns
 *   The text, or its first `quotedLength` characters and `…`.
 */
export function clip(text: string): string {
  return text.length > quotedLength ? `${text.slice(0, quotedLength)}…` : text
}
