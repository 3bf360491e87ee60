/**
 * The start of a message on one line, for a label that must say which message a button acts on
 * ("Edit message by ann, 10:05: “see you at…”"): whitespace runs become one space, and a text longer
 * than `max` characters is cut at a character boundary with an ellipsis.
 */
export function messageSnippet(message: string, max = 40): string {
  const line = message.replace(/\s+/g, ' ').trim()
  const characters = Array.from(line)
  return characters.length <= max
    ? line
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`
}
