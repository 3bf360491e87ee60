import type { Gen1Config } from './gen1Config'
import { missingConfigKeys } from './gen1Config'

// A glob, not an import: with no src/amplifyconfiguration.json the build still succeeds and the app
// explains how to create the file instead of failing.
const configFiles = import.meta.glob<Gen1Config>('../amplifyconfiguration.json', {
  eager: true,
  import: 'default',
})

export type ConfigResult =
  { ok: true; config: Gen1Config } | { ok: false; reason: 'missing' | 'incomplete'; missingKeys: string[] }

export function checkAmplifyConfig(config: Gen1Config | undefined): ConfigResult {
  if (!config) return { ok: false, reason: 'missing', missingKeys: [] }
  const missingKeys = missingConfigKeys(config)
  if (missingKeys.length > 0) return { ok: false, reason: 'incomplete', missingKeys }
  return { ok: true, config }
}

export function loadAmplifyConfig(): ConfigResult {
  return checkAmplifyConfig(configFiles['../amplifyconfiguration.json'])
}
