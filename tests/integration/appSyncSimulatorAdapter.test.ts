// The local backend relies on private internals of @aws-amplify/amplify-appsync-simulator, all behind
// local-backend/src/simulator/appSyncSimulatorAdapter.ts, which refuses a simulator version it was not written for.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { expect, it } from 'vitest'
import {
  assertSupportedSimulatorVersion,
  installedSimulatorVersion,
  SUPPORTED_SIMULATOR_VERSIONS,
} from '../../local-backend/src/simulator/appSyncSimulatorAdapter'

it('reads the installed simulator version from its package.json, and it is a supported one', () => {
  const entry = createRequire(import.meta.url).resolve('@aws-amplify/amplify-appsync-simulator')
  const packageJson = path.join(path.dirname(entry), '..', 'package.json')
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }
  expect(installedSimulatorVersion()).toBe(version)
  expect(SUPPORTED_SIMULATOR_VERSIONS).toContain(version)
  expect(() => assertSupportedSimulatorVersion()).not.toThrow()
})

it.each(['2.16.21', '2.17.0', '3.0.0', 'unknown'])(
  'refuses to start on simulator %s with a message naming the version and the adapter',
  (version) => {
    expect(() => assertSupportedSimulatorVersion(version)).toThrow(
      new RegExp(
        `amplify-appsync-simulator ${version.replace(/\./g, '\\.')} is installed.*appSyncSimulatorAdapter\\.ts`,
      ),
    )
  },
)
