import { accessControlMatrix, identities, type AccessRow } from '../testkit/accessControlMatrix'

export const ACCESS_CONTROL_DOC_PATH = 'docs/access-control.md'

const mark = { allowed: '✅', denied: '❌', filtered: '➖' } as const
type Align = 'left' | 'center'

/** Display width as Prettier measures it, so the aligned table is already in Prettier's form. */
const displayWidth = (text: string) =>
  [...text].reduce(
    (sum, char) => sum + (/\p{Emoji_Presentation}/u.test(char) ? 2 : /\p{M}/u.test(char) ? 0 : 1),
    0,
  )

function alignedTable(columns: { title: string; align: Align }[], rows: string[][]): string[] {
  const widths = columns.map(({ title }, i) =>
    Math.max(3, displayWidth(title), ...rows.map((r) => displayWidth(r[i]))),
  )
  const pad = (text: string, i: number) => {
    const space = widths[i] - displayWidth(text)
    const left = columns[i].align === 'center' ? Math.floor(space / 2) : 0
    return ' '.repeat(left) + text + ' '.repeat(space - left)
  }
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`
  const rule = columns.map(({ align }, i) =>
    align === 'center' ? `:${'-'.repeat(widths[i] - 2)}:` : '-'.repeat(widths[i]),
  )
  return [line(columns.map(({ title }) => title)), `| ${rule.join(' | ')} |`, ...rows.map(line)]
}

const cellText = (text: string) => text.replaceAll('|', '\\|')

const matrixTable = () =>
  alignedTable(
    [
      { title: 'Model', align: 'left' },
      { title: 'Operation', align: 'left' },
      ...identities.map(({ label }) => ({ title: label, align: 'center' as const })),
      { title: 'Note', align: 'left' },
    ],
    accessControlMatrix.map((row: AccessRow) => [
      row.model,
      `\`${row.operation}\``,
      ...identities.map(({ id }) => mark[row.access[id]]),
      cellText(row.note ?? ''),
    ]),
  )

/**
 * docs/access-control.md, rendered from the matrix the access-control test runs, so the document cannot
 * promise what the API does not do. The output is already in Prettier's form, so
 * `npm run format` leaves it alone.
 */
export function renderAccessControlDoc(): string {
  return [
    '# Access control',
    '',
    'Who may call each operation of the chat API, by kind of caller. Every cell is run against the real ' +
      'compiled API on the local backend by `tests/integration/accessControl.test.ts`.',
    '',
    '## Legend',
    '',
    `- ${mark.allowed} allowed: the request returns data (for a subscription: the start is acknowledged).`,
    `- ${mark.denied} denied: the request is refused (HTTP 401 or an \`Unauthorized\` GraphQL error, or the ` +
      'subscription start or connection is refused) and nothing changes.',
    `- ${mark.filtered} filtered: the request succeeds but returns or delivers none of what the caller may not ` +
      "read (a list without another team's messages; a subscription acknowledged that delivers only the " +
      "caller's teams, as `tests/integration/teamLeak.test.ts` checks).",
    ...identities.map(({ label, description }) => `- **${label}**: ${description}.`),
    '- Update and delete rows act on a message posted by user A (closed rooms, TeamRed) or with the API key ' +
      '(open chat, rooms).',
    '- The IAM column is the role named in `amplify/backend/api/chatapi/custom-roles.json`: Gen 1 makes it an ' +
      'admin of every model, so keep its IAM policy to the fields it needs (docs/teams.md).',
    '',
    '## Matrix',
    '',
    ...matrixTable(),
    '',
    `Generated from \`testkit/accessControlMatrix.ts\` by \`npm run docs:access-control\`; ` +
      '`tests/integration/accessControlDoc.test.ts` fails when this file is out of date. Do not edit it by hand.',
    '',
  ].join('\n')
}
