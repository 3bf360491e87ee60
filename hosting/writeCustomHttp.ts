/** Writes customHttp.yml at the project root from hosting/securityHeaders.ts. */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { CUSTOM_HTTP_FILE, customHttpYaml } from './customHttpYaml'

const target = path.join(import.meta.dirname, '..', CUSTOM_HTTP_FILE)
await writeFile(target, customHttpYaml())
console.log(`wrote ${path.relative(process.cwd(), target) || CUSTOM_HTTP_FILE}`)
