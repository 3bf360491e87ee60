/**
 * Everything this folder takes from cognito-local that its package does not promise. cognito-local's
 * public entry point only starts a server from `.cognito/` in the working directory; the local backend
 * needs its parts (router, services, data store, errors) wired its own way, and those live in its
 * compiled `lib/` modules, which any release may move or change. So they are reached only here, and only
 * after checking that the installed version is one this code was written and tested against.
 *
 * What is relied on, beyond the module paths below:
 * - `Router(services)(target)` returns the route for an `x-amz-target` operation name; routes take
 *   `(ctx, body)` and throw `CognitoError` subclasses, which the HTTP layer answers as
 *   `{ __type: error.code, message }` with status 400.
 * - The HTTP layer (`createServer(...).application`, an express app) reads the operation from the
 *   second dot-separated part of `x-amz-target`, and uses a request body that is already read
 *   (body-parser skips a request whose stream has ended and keeps `req.body`).
 * - A user record (`User`) keeps `Password` and `ConfirmationCode` as strings and is written through
 *   `UserPoolService.saveUser`; the StormDB data store writes one `<id>.json` file per pool and
 *   `clients.json`, rewriting files in place (so a file's mode, once set, stays).
 * - The token generator signs with the key pair shipped in `lib/keys/` (kid `CognitoLocal`).
 * - `pino` is a dependency of cognito-local (its HTTP logger accepts only a pino logger).
 */
import { readFileSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import type * as ErrorsModule from 'cognito-local/lib/errors.js'
import type * as RouterModule from 'cognito-local/lib/server/Router.js'
import type * as ServerModule from 'cognito-local/lib/server/server.js'
import type * as ClockModule from 'cognito-local/lib/services/clock.js'
import type * as CognitoServiceModule from 'cognito-local/lib/services/cognitoService.js'
import type * as StormDbModule from 'cognito-local/lib/services/dataStore/stormDb.js'
import type * as DeliveryMethodModule from 'cognito-local/lib/services/messageDelivery/deliveryMethod.js'
import type * as TokenGeneratorModule from 'cognito-local/lib/services/tokenGenerator.js'
import type * as UserPoolServiceModule from 'cognito-local/lib/services/userPoolService.js'

export type { Config } from 'cognito-local/lib/server/config.js'
export type { Route } from 'cognito-local/lib/server/Router.js'
export type { CognitoService } from 'cognito-local/lib/services/cognitoService.js'
export type { Context } from 'cognito-local/lib/services/context.js'
export type { DataStore } from 'cognito-local/lib/services/dataStore/dataStore.js'
export type { DataStoreFactory } from 'cognito-local/lib/services/dataStore/factory.js'
export type { Services } from 'cognito-local/lib/services/index.js'
export type { Messages } from 'cognito-local/lib/services/messages.js'
export type { Triggers } from 'cognito-local/lib/services/triggers/triggers.js'
export type { User, UserPoolService } from 'cognito-local/lib/services/userPoolService.js'
export type Router = RouterModule.Router
export type CognitoLocalLogger = Parameters<typeof ServerModule.createServer>[1]

/** The cognito-local releases whose private modules this folder was written against and tested with. */
export const SUPPORTED_COGNITO_LOCAL_VERSIONS: readonly string[] = ['5.3.0']

/** Throws, naming both versions and what to do, unless `installed` is a supported version. */
export function checkCognitoLocalVersion(installed: string): void {
  if (SUPPORTED_COGNITO_LOCAL_VERSIONS.includes(installed)) return
  throw new Error(
    `cognito-local ${installed} is installed, but local-backend/src/cognito uses private modules of cognito-local ` +
      `${SUPPORTED_COGNITO_LOCAL_VERSIONS.join(' or ')}. Install the pinned version (npm ci), or check what ` +
      `cognitoLocalAdapter.ts relies on against the new release and add it there.`,
  )
}

const requireFromHere = createRequire(import.meta.url)

export const installedCognitoLocalVersion = (
  requireFromHere('cognito-local/package.json') as { version: string }
).version

// Before any private module is loaded, so a moved module cannot fail first with a less helpful error.
checkCognitoLocalVersion(installedCognitoLocalVersion)

const load = <T>(path: string): T => requireFromHere(`cognito-local/lib/${path}`) as T

export const { Router } = load<typeof RouterModule>('server/Router.js')
export const { createServer } = load<typeof ServerModule>('server/server.js')
export const { DateClock } = load<typeof ClockModule>('services/clock.js')
export const { CognitoServiceFactoryImpl } = load<typeof CognitoServiceModule>('services/cognitoService.js')
export const { StormDBDataStoreFactory } = load<typeof StormDbModule>('services/dataStore/stormDb.js')
export const { JwtTokenGenerator } = load<typeof TokenGeneratorModule>('services/tokenGenerator.js')
export const { UserPoolServiceFactoryImpl, attribute, attributesAppend, attributeValue } = load<
  typeof UserPoolServiceModule
>('services/userPoolService.js')
export const { selectAppropriateDeliveryMethod } = load<typeof DeliveryMethodModule>(
  'services/messageDelivery/deliveryMethod.js',
)
export const { CognitoError, InvalidParameterError, NotAuthorizedError } =
  load<typeof ErrorsModule>('errors.js')

/** The public half of the key pair cognito-local signs every pool's tokens with, as a JWKS. */
export function cognitoLocalJwks(): { keys: Record<string, unknown>[] } {
  const { jwk } = load<{ jwk: Record<string, unknown> }>('keys/cognitoLocal.public.json')
  return { keys: [jwk] }
}

/** The private half, shipped in the npm package (which is why the pool is for development only); tests forge with it. */
export function cognitoLocalPrivateKeyPem(): string {
  const path = requireFromHere.resolve('cognito-local/lib/keys/cognitoLocal.private.json')
  return (JSON.parse(readFileSync(path, 'utf8')) as { pem: string }).pem
}

/** pino as cognito-local itself resolves it: its HTTP layer accepts only a pino logger. */
export function cognitoLocalPino(): (
  options: object,
  stream: { write(line: string): void },
) => CognitoLocalLogger {
  const requireFromCognitoLocal = createRequire(requireFromHere.resolve('cognito-local'))
  return requireFromCognitoLocal('pino') as (
    options: object,
    stream: { write(line: string): void },
  ) => CognitoLocalLogger
}

/**
 * The operation cognito-local's server routes a request to: the second dot-separated part of
 * `x-amz-target`, whatever the first part says. A check in front of it must read the header the same way.
 * Undefined when cognito-local itself refuses the request (no target, or more than one header).
 */
export function cognitoLocalOperationName(target: string | string[] | undefined): string | undefined {
  if (typeof target !== 'string') return undefined
  return target.split('.')[1] || undefined
}

/**
 * Hands a body that was already read (to check its signature) to cognito-local's express app: body-parser
 * leaves a request whose stream has ended alone and keeps `req.body`.
 */
export function handOverReadBody(req: IncomingMessage, body: unknown): void {
  ;(req as IncomingMessage & { body?: unknown }).body = body
}
