import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

/** Files under `dir`, recursively, as sorted `/`-separated paths relative to it ([] when it does not exist). */
export function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return []
  const files: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) files.push(...listFiles(full, base))
    else if (entry.isFile()) files.push(path.relative(base, full).split(path.sep).join('/'))
  }
  return files.sort()
}
