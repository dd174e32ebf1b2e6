/**
 * Text from outside (a file name, a caption) made safe to print on one line
 * of a terminal or a log: control characters (newlines, escapes that colour
 * or move the cursor), and the marks that reorder text, are written as
 * escapes (`\n`, `\x1b`, `\u202e`), and so is a backslash, so that no name
 * can forge a line of its own (`a.txt:1:1: error: …`) or hide in one.
 */

/** What is escaped: C0 and C1 controls, DEL, line and paragraph separators, bidirectional marks, backslash. */
const unprintable =
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** Short escapes of the common controls. */
const short: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Escape what a terminal would not print as itself.
 *
 * @param text
 *   Any text.
 * @param options
 *   `backslash`: escape backslashes too, so that an escape in the output
 *   can only be one printable made (default: `true`; a message's reason,
 *   whose backslashes are its own, keeps them).
 * @returns
 *   The text, safe on one line.
 */
export function printable(text: string, options: { backslash?: boolean } = {}): string {
  const keepBackslash = options.backslash === false
  return text.replace(unprintable, (character) => {
    if (character === '\\' && keepBackslash) return character
    const escaped = short[character]
    if (escaped) return escaped
    const code = character.charCodeAt(0)
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`
  })
}
