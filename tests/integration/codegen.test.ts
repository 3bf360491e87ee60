import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, it } from 'vitest'
import { generateClientCode } from '../../scripts/generateClientCode'
import { projectRoot } from '../../local-backend/src/compile/readApiProject'

it('the committed generated files match the schema (run `npm run codegen` when this fails)', async () => {
  const files = await generateClientCode()
  expect(Object.keys(files).sort()).toEqual([
    'src/API.ts',
    'src/graphql/mutations.ts',
    'src/graphql/queries.ts',
    'src/graphql/subscriptions.ts',
  ])
  for (const [file, content] of Object.entries(files)) {
    expect(await readFile(path.join(projectRoot, file), 'utf8'), file).toBe(content)
  }
})
