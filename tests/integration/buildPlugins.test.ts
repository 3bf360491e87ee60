import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Plugin } from 'vite'
import config from '../../vite.config'

// The build plugins that rewrite a package's code (vite.config.ts) check the text they replace and only
// warn when it changed. Run against the packages installed here, so an upgrade that changes that text
// fails this test instead of quietly putting back what the plugin removed.
function plugin(name: string): Plugin {
  const plugins: unknown[] = []
  const collect = (entry: unknown): void => {
    if (Array.isArray(entry)) entry.forEach(collect)
    else plugins.push(entry)
  }
  collect(config.plugins ?? [])
  const found = plugins.find((entry) => (entry as Plugin | null)?.name === name)
  if (!found) throw new Error(`vite.config.ts has no plugin ${name}`)
  return found as Plugin
}

function transform(target: Plugin, code: string, id: string): { code: string | null; warnings: string[] } {
  const warnings: string[] = []
  const hook = target.transform as (this: unknown, code: string, id: string) => { code: string } | null
  const result = hook.call({ warn: (message: string) => warnings.push(message) }, code, id)
  return { code: result?.code ?? null, warnings }
}

describe('build plugins against the installed packages', () => {
  it("reads Vue's current instance in @vuetify/v0 by name, without Vue's namespace", () => {
    const vuetify = createRequire(import.meta.url).resolve('vuetify/package.json')
    const v0 = dirname(createRequire(vuetify).resolve('@vuetify/v0/package.json'))
    const file = join(v0, 'dist', 'utilities', 'instance.mjs')
    const { code, warnings } = transform(
      plugin('vuetify-instance-without-vue-namespace'),
      readFileSync(file, 'utf8'),
      file,
    )
    expect(warnings).toEqual([])
    expect(code).not.toContain('import * as Vue')
    expect(code).toMatch(/import \{ (getCurrentInstance|currentInstance) \} from "vue";/)
  })

  it('warns and changes nothing when the text it replaces is not there', () => {
    const { code, warnings } = transform(
      plugin('vuetify-instance-without-vue-namespace'),
      'import * as Vue from "vue";\nexport const other = Vue.version\n',
      '/x/node_modules/@vuetify/v0/dist/utilities/instance.mjs',
    )
    expect(code).toBeNull()
    expect(warnings).toHaveLength(1)
  })
})
