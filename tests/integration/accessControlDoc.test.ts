import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { format, resolveConfig } from 'prettier'
import { ACCESS_CONTROL_DOC_PATH, renderAccessControlDoc } from '../../scripts/accessControlDoc'
import { accessControlMatrix, identities } from '../../testkit/accessControlMatrix'

const docFile = path.resolve(import.meta.dirname, '../..', ACCESS_CONTROL_DOC_PATH)

describe('docs/access-control.md', () => {
  it('is what `npm run docs:access-control` renders from the matrix', async () => {
    const committed = await readFile(docFile, 'utf8').catch(() => '')
    expect(committed, 'docs/access-control.md is stale: run `npm run docs:access-control`').toBe(
      renderAccessControlDoc(),
    )
  })

  it('shows every cell of the matrix', () => {
    const lines = renderAccessControlDoc().split('\n')
    for (const row of accessControlMatrix) {
      const line = lines.find((l) => l.includes(`| \`${row.operation}\` `))
      const marks = line?.match(/[✅❌➖]/gu)
      const mark = { allowed: '✅', denied: '❌', filtered: '➖' }
      expect(marks, row.operation).toEqual(identities.map(({ id }) => mark[row.access[id]]))
    }
  })

  // `npm test` runs `prettier --check .`: a rendering Prettier would rewrite could never be both formatted and
  // fresh.
  it('is already formatted as Prettier would format it', async () => {
    const rendered = renderAccessControlDoc()
    const options = await resolveConfig(docFile)
    expect(await format(rendered, { ...options, filepath: docFile })).toBe(rendered)
  })
})
