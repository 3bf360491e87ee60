import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { generateClientCode } from './generateClientCode'
import { projectRoot } from '../local-backend/src/compile/readApiProject'

// `npm run codegen`: regenerate; `npm run codegen -- --check`: fail when the committed files are stale.
const check = process.argv.includes('--check')
const files = await generateClientCode()
const stale: string[] = []
for (const [file, content] of Object.entries(files)) {
  const target = path.join(projectRoot, file)
  const current = await readFile(target, 'utf8').catch(() => undefined)
  if (current === content) continue
  stale.push(file)
  if (!check) {
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, content)
  }
}
if (check && stale.length) {
  console.error(`Generated files are stale: ${stale.join(', ')}. Run \`npm run codegen\`.`)
  process.exit(1)
}
console.log(
  stale.length ? `${check ? 'Stale' : 'Wrote'}: ${stale.join(', ')}` : 'Generated files are up to date.',
)
