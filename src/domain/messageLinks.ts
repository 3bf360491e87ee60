/** A piece of a message's text: plain text, or a link to `href` shown as `text` (what the author wrote). */
export type MessagePart = { text: string; href?: undefined } | { text: string; href: string }

/**
 * Where a link may start and what it may hold. It starts with `http://` or `https://` (any letter case),
 * not glued to a word, a path or another scheme (`xhttp://`, `a/http://`), and runs to the first
 * whitespace, control or format character (bidi overrides included), quote, angle bracket or backslash.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_:/.@%+~-])https?:\/\/[^\s\p{C}<>"'`\\]+/giu
/** Punctuation that ends a sentence rather than a link: "see https://example.com." */
const TRAILING = /[.,;:!?]$/
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

function count(text: string, char: string): number {
  let n = 0
  for (const c of text) if (c === char) n++
  return n
}

/** Drops trailing punctuation, and a closing bracket the link does not open: "(https://example.com)". */
function trimEnd(candidate: string): string {
  let text = candidate
  for (;;) {
    const last = text[text.length - 1]
    const opener = CLOSERS[last]
    if (TRAILING.test(text)) text = text.slice(0, -1)
    else if (opener && count(text, last) > count(text, opener)) text = text.slice(0, -1)
    else return text
  }
}

/**
 * The address a link goes to, or null when `text` is not one this app opens: http(s) only, a host,
 * no user name or password (`https://bank.example@evil.example` goes to evil.example, whatever it
 * looks like), nothing after the scheme's slashes but the host (`https:///x`).
 */
export function linkTarget(text: string): string | null {
  if (!/^https?:\/\/[^/\\]/i.test(text)) return null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null
  return url.href
}

/**
 * A message's text cut into plain text and http(s) links, in order; joined, the parts' texts are the
 * message unchanged. Nothing else is interpreted: no markup, no other scheme (`javascript:`, `data:`,
 * `//host`), no address without its scheme.
 */
export function splitLinks(message: string): MessagePart[] {
  const parts: MessagePart[] = []
  let done = 0
  for (const match of message.matchAll(CANDIDATE)) {
    const text = trimEnd(match[0])
    const href = linkTarget(text)
    if (href === null) continue
    const start = match.index
    if (start > done) parts.push({ text: message.slice(done, start) })
    parts.push({ text, href })
    done = start + text.length
  }
  if (done < message.length || parts.length === 0) parts.push({ text: message.slice(done) })
  return parts
}
