import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { ACCESS_CONTROL_DOC_PATH, renderAccessControlDoc } from './accessControlDoc'

// `npm run docs:access-control`: write docs/access-control.md from the access-control matrix;
// `npm run docs:access-control -- --check`: exit 1 when the committed file is stale.
const check = process.argv.includes('--check')
const target = path.resolve(import.meta.dirname, '..', ACCESS_CONTROL_DOC_PATH)
const content = renderAccessControlDoc()
const current = await readFile(target, 'utf8').catch(() => undefined)

if (current === content) {
  console.log(`${ACCESS_CONTROL_DOC_PATH} is up to date.`)
} else if (check) {
  console.error(`${ACCESS_CONTROL_DOC_PATH} is stale. Run \`npm run docs:access-control\`.`)
  process.exit(1)
} else {
  await mkdir(path.dirname(target), { recursive: true })
  await writeFile(target, content)
  console.log(`Wrote ${ACCESS_CONTROL_DOC_PATH}.`)
}
