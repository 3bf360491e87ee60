import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import {
  checkCognitoLocalVersion,
  installedCognitoLocalVersion,
  SUPPORTED_COGNITO_LOCAL_VERSIONS,
} from '../../local-backend/src/cognito/cognitoLocalAdapter'

describe('cognitoLocalAdapter', () => {
  it('accepts the installed cognito-local, which is the version package.json pins', () => {
    const { devDependencies } = createRequire(import.meta.url)('../../package.json') as {
      devDependencies: Record<string, string>
    }

    expect(installedCognitoLocalVersion).toBe(devDependencies['cognito-local'])
    expect(SUPPORTED_COGNITO_LOCAL_VERSIONS).toContain(installedCognitoLocalVersion)
    expect(() => checkCognitoLocalVersion(installedCognitoLocalVersion)).not.toThrow()
  })

  it('refuses a version it was not written for, naming both versions and the fix', () => {
    for (const other of ['5.3.1', '5.2.0', '6.0.0', '5.3.0-beta.1', '']) {
      expect(() => checkCognitoLocalVersion(other), other).toThrow(
        new RegExp(
          `^cognito-local ${other.replace(/\./g, '\\.')} is installed, .*5\\.3\\.0.*npm ci.*cognitoLocalAdapter\\.ts`,
        ),
      )
    }
  })
})
