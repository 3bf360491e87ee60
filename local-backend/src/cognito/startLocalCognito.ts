import { createServer as createHttpServer } from 'node:http'
import { join } from 'node:path'
import { createServer } from './cognitoLocalAdapter'
import { readAmplifyAuthSettings } from './amplifyAuthSettings'
import type { LogLine } from './codeDeliveryLog'
import { cognitoLocalLogger } from './cognitoLocalLogger'
import { createCognitoLocalServices } from './cognitoLocalServices'
import { ensureUserPool } from './ensureUserPool'
import { closeServer, listen } from '../net/listen'
import { listenHostAllowance, loopbackHostOnly } from '../net/loopbackHost'
import { localCognitoRouter } from './localCognitoRouter'
import {
  loadOrCreateLocalAwsCredentials,
  LOCAL_AWS_PROFILE,
  type LocalAwsCredentials,
} from './localAwsCredentials'
import { ensurePrivateDirectory, hashStoredPasswords, makeFilesPrivate } from './privateDataFiles'
import { requireSignedAdministration } from './requireSignedAdministration'
import { defaultAuthCliInputsPath } from './amplifyAuthSettings'
import {
  ensureUserPoolGroups,
  readUserPoolGroups,
  userPoolGroupsPathFor,
  type UserPoolGroup,
} from './userPoolGroups'

export interface LocalCognitoOptions {
  host?: string
  /** 0 picks a free port (tests). */
  port?: number
  /** Where the pool, its users and its app client are kept; a temporary directory gives a throw-away pool. */
  dataDir: string
  /**
   * Start of the tokens' `iss`. The AppSync simulator only treats issuers that start with
   * `https://cognito-idp.` as user-pool tokens. The default ends in `.invalid` (RFC 2606) so a local
   * token can never be mistaken for one from a real AWS user pool.
   */
  issuerDomain?: string
  /** Every confirmation code is this one instead of a random one (tests). */
  confirmationCode?: string
  /** Receives confirmation codes and cognito-local's errors, one line each. */
  log?: LogLine
  /** The Amplify auth resource the pool copies; defaults to amplify/backend/auth/chatauth/cli-inputs.json. */
  authCliInputsPath?: string
  /**
   * The pool's groups. Defaults to the Amplify CLI's `auth/userPoolGroups/user-pool-group-precedence.json`
   * next to the auth resource's folder (none when that file does not exist).
   */
  userPoolGroups?: readonly UserPoolGroup[]
  /**
   * Milliseconds since the epoch for the checks the local pool adds (token expiry, sign-in lockout, code
   * attempts, signature dates); tests move it instead of waiting. Token issue times follow the system clock.
   */
  now?: () => number
}

export interface LocalCognito {
  /** For aws-amplify's Auth.Cognito.userPoolEndpoint. */
  endpoint: string
  userPoolId: string
  userPoolClientId: string
  /** The exact `iss` of the pool's tokens. */
  issuer: string
  jwksUrl: string
  /**
   * The only credentials the pool accepts on its administration operations (SigV4), kept in `file` (an AWS
   * shared-credentials file, profile `local-backend`, mode 0600) in the data directory.
   */
  awsCredentials: LocalAwsCredentials
  stop(): Promise<void>
}

export const defaultIssuerDomain = 'https://cognito-idp.local.invalid'

export async function startLocalCognito({
  host = '127.0.0.1',
  port = 9229,
  dataDir,
  issuerDomain = defaultIssuerDomain,
  confirmationCode,
  log = (line) => console.log(line),
  authCliInputsPath,
  userPoolGroups,
  now = () => Date.now(),
}: LocalCognitoOptions): Promise<LocalCognito> {
  if (!issuerDomain.startsWith('https://cognito-idp.') || issuerDomain.endsWith('/')) {
    throw new Error(
      `issuerDomain must start with https://cognito-idp. and not end with a slash (got ${issuerDomain})`,
    )
  }
  const settings = await readAmplifyAuthSettings(authCliInputsPath)
  const groups =
    userPoolGroups ??
    (await readUserPoolGroups(userPoolGroupsPathFor(authCliInputsPath ?? defaultAuthCliInputsPath)))
  await ensurePrivateDirectory(dataDir)
  const awsCredentials = await loadOrCreateLocalAwsCredentials(dataDir, (file) =>
    log(`Local AWS credentials for signed requests (profile ${LOCAL_AWS_PROFILE}) written to ${file}`),
  )
  const logger = cognitoLocalLogger(log)
  const ctx = { logger }
  // A subdirectory, because cognito-local reads every *.json file in its directory as a user pool.
  const poolsDir = join(dataDir, 'user-pools')
  await ensurePrivateDirectory(poolsDir)
  await makeFilesPrivate(poolsDir)
  const services = await createCognitoLocalServices(ctx, {
    poolsDir,
    issuerDomain,
    confirmationCode,
    log,
  })
  const router = localCognitoRouter(services, { now })
  const { userPoolId, userPoolClientId } = await ensureUserPool(ctx, services.cognito, router, settings)
  const groupChanges = await ensureUserPoolGroups(ctx, router, userPoolId, groups)
  if (groupChanges.created.length > 0) log(`Created user pool group(s): ${groupChanges.created.join(', ')}`)
  if (groupChanges.updated.length > 0)
    log(`Updated the precedence of group(s): ${groupChanges.updated.join(', ')}`)
  if (groupChanges.notInProject.length > 0) {
    log(`Group(s) in the local pool but not in the project, kept: ${groupChanges.notInProject.join(', ')}`)
  }
  const hashed = await hashStoredPasswords(ctx, services.cognito)
  if (hashed > 0) log(`Hashed ${hashed} plaintext password(s) kept by an older local backend in ${poolsDir}`)

  // Without services cognito-local adds no /oauth2 routes: the app signs in through the API, and that
  // login form compared passwords with no lockout.
  const app = createServer(router, logger, { development: false, https: false }).application
  const server = createHttpServer(
    loopbackHostOnly(
      requireSignedAdministration(app, { credentials: awsCredentials, now }),
      listenHostAllowance(host),
    ),
  )
  const boundPort = await listen(server, {
    host,
    port,
    name: 'The local Cognito user pool',
    option: '--cognito-port',
  })
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${boundPort}`
  return {
    endpoint,
    userPoolId,
    userPoolClientId,
    issuer: `${issuerDomain}/${userPoolId}`,
    jwksUrl: `${endpoint}/${userPoolId}/.well-known/jwks.json`,
    awsCredentials,
    stop: () => closeServer(server),
  }
}
