/**
 * Exact text comparison with a readable summary. Differences are never normalised away: the
 * classification only says what kind of difference it is (line endings, final newline, whitespace,
 * content) so that a harmless one can be explained instead of hidden.
 */

export type DifferenceKind = 'line endings' | 'final newline' | 'whitespace only' | 'content'

export interface TextDifference {
  name: string
  kind: DifferenceKind
  /** A unified-style excerpt: `-` lines are the reference's, `+` lines the compared side's. */
  excerpt: string[]
}

const CONTEXT = 2
const MAX_EXCERPT_LINES = 40
/** Above this many cells in the line table, only the first differing line is shown. */
const MAX_TABLE_CELLS = 4_000_000

export function classify(reference: string, other: string): DifferenceKind {
  if (reference.replace(/\r\n/g, '\n') === other.replace(/\r\n/g, '\n')) return 'line endings'
  if (reference.replace(/\n+$/, '') === other.replace(/\n+$/, '')) return 'final newline'
  const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim()
  if (squeeze(reference) === squeeze(other)) return 'whitespace only'
  return 'content'
}

export function compareTexts(name: string, reference: string, other: string): TextDifference | undefined {
  if (reference === other) return undefined
  const kind = classify(reference, other)
  if (kind === 'line endings') {
    return { name, kind, excerpt: [`reference: ${lineEndings(reference)}; compared: ${lineEndings(other)}`] }
  }
  if (kind === 'final newline') {
    const trailing = (text: string) => /\n*$/.exec(text)?.[0].length ?? 0
    return {
      name,
      kind,
      excerpt: [`reference ends with ${trailing(reference)} newline(s), compared with ${trailing(other)}`],
    }
  }
  // Whitespace differences are invisible in plain text: show those lines as JSON strings.
  const render = kind === 'content' ? (line: string) => line : (line: string) => JSON.stringify(line)
  return { name, kind, excerpt: lineDiff(reference, other, render) }
}

/** `---`/`+++` headers and the excerpt of each difference, as lines for a failure report. */
export function formatDifferences(
  differences: TextDifference[],
  referenceLabel: string,
  otherLabel: string,
): string[] {
  return differences.flatMap((difference) => [
    `--- ${referenceLabel}: ${difference.name}`,
    `+++ ${otherLabel}: ${difference.name}  [${difference.kind}]`,
    ...difference.excerpt,
  ])
}

function lineEndings(text: string): string {
  const crlf = text.match(/\r\n/g)?.length ?? 0
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf
  return `${crlf} CRLF and ${lf} LF line endings`
}

type Op = { type: ' ' | '-' | '+'; line: string; refLine: number; otherLine: number }

function lineDiff(reference: string, other: string, render: (line: string) => string): string[] {
  const a = reference.split('\n')
  const b = other.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  let ops: Op[]
  if ((midA.length + 1) * (midB.length + 1) > MAX_TABLE_CELLS) {
    ops = [
      { type: '-', line: midA[0] ?? '', refLine: start + 1, otherLine: start + 1 },
      { type: '+', line: midB[0] ?? '', refLine: start + 1, otherLine: start + 1 },
    ]
  } else {
    ops = lcsOps(midA, midB, start)
  }
  const before: Op[] = a.slice(Math.max(0, start - CONTEXT), start).map((line, index, list) => ({
    type: ' ',
    line,
    refLine: start - list.length + index + 1,
    otherLine: start - list.length + index + 1,
  }))
  const after: Op[] = a.slice(endA, endA + CONTEXT).map((line, index) => ({
    type: ' ',
    line,
    refLine: endA + index + 1,
    otherLine: endB + index + 1,
  }))
  const all = [...before, ...ops, ...after]
  const firstChange = ops.find((op) => op.type !== ' ')
  const header = `@@ first difference at line ${firstChange?.refLine ?? start + 1} (reference) / ${firstChange?.otherLine ?? start + 1} (compared) @@`
  const lines = [
    header,
    ...collapseContext(all).map((op) => (op ? `${op.type} ${render(op.line)}` : '  ...')),
  ]
  if (lines.length > MAX_EXCERPT_LINES) {
    const hidden = lines.length - MAX_EXCERPT_LINES
    return [...lines.slice(0, MAX_EXCERPT_LINES), `  ... ${hidden} more diff lines`]
  }
  return lines
}

/** Longest-common-subsequence diff of the differing middle part (small after trimming). */
function lcsOps(a: string[], b: string[], offset: number): Op[] {
  const width = b.length + 1
  const table = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j]
          ? table[(i + 1) * width + j + 1] + 1
          : Math.max(table[(i + 1) * width + j], table[i * width + j + 1])
    }
  }
  const ops: Op[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      ops.push({ type: ' ', line: a[i], refLine: offset + i + 1, otherLine: offset + j + 1 })
      i++
      j++
    } else if (i < a.length && (j === b.length || table[(i + 1) * width + j] >= table[i * width + j + 1])) {
      // Removals before additions, as in a unified diff.
      ops.push({ type: '-', line: a[i], refLine: offset + i + 1, otherLine: offset + j + 1 })
      i++
    } else {
      ops.push({ type: '+', line: b[j], refLine: offset + i + 1, otherLine: offset + j + 1 })
      j++
    }
  }
  return ops
}

/** Keeps changed lines with CONTEXT lines around them; long unchanged runs become one `...` (undefined). */
function collapseContext(ops: Op[]): (Op | undefined)[] {
  const keep = ops.map(() => false)
  ops.forEach((op, index) => {
    if (op.type === ' ') return
    for (let k = Math.max(0, index - CONTEXT); k <= Math.min(ops.length - 1, index + CONTEXT); k++)
      keep[k] = true
  })
  const result: (Op | undefined)[] = []
  ops.forEach((op, index) => {
    if (keep[index]) result.push(op)
    else if (result[result.length - 1] !== undefined || result.length === 0) result.push(undefined)
  })
  return result
}
