import type { CognitoService, Context, Router } from './cognitoLocalAdapter'
import type { AmplifyAuthSettings } from './amplifyAuthSettings'

export interface UserPoolIds {
  userPoolId: string
  userPoolClientId: string
}

/**
 * Finds the pool and app client by name in cognito-local's data, or creates them through its
 * CreateUserPool / CreateUserPoolClient targets (the same code an AWS SDK call would run). The ids live in
 * cognito-local's own files, so they stay stable for as long as the data directory is kept.
 */
export async function ensureUserPool(
  ctx: Context,
  cognito: CognitoService,
  router: Router,
  settings: AmplifyAuthSettings,
): Promise<UserPoolIds> {
  const pools = await cognito.listUserPools(ctx)
  let userPoolId = pools.find((pool) => pool.Name === settings.userPool.PoolName)?.Id
  if (!userPoolId) {
    const created: { UserPool: { Id: string } } = await router('CreateUserPool')(ctx, settings.userPool)
    userPoolId = created.UserPool.Id
  }
  const clients = await cognito.listAppClients(ctx, userPoolId)
  const existing = clients.find((client) => client.ClientName === settings.userPoolClient.ClientName)
  let userPoolClientId = existing?.ClientId
  if (existing && userPoolClientId && !sameAttributeAccess(existing, settings.userPoolClient)) {
    // Which attributes the app may read and write follows the auth resource, as `amplify push` updates an
    // app client in place: a pool made before the display name (preferred_username) keeps its accounts.
    await router('UpdateUserPoolClient')(ctx, {
      UserPoolId: userPoolId,
      ClientId: userPoolClientId,
      ReadAttributes: settings.userPoolClient.ReadAttributes,
      WriteAttributes: settings.userPoolClient.WriteAttributes,
    })
  }
  if (!userPoolClientId) {
    const created: { UserPoolClient: { ClientId: string } } = await router('CreateUserPoolClient')(ctx, {
      ...settings.userPoolClient,
      UserPoolId: userPoolId,
    })
    userPoolClientId = created.UserPoolClient.ClientId
  }
  return { userPoolId, userPoolClientId }
}

interface AttributeAccess {
  ReadAttributes?: string[]
  WriteAttributes?: string[]
}

function sameAttributeAccess(current: AttributeAccess, wanted: AttributeAccess): boolean {
  const same = (a: string[] = [], b: string[] = []) =>
    a.length === b.length && a.every((name) => b.includes(name))
  return (
    same(current.ReadAttributes, wanted.ReadAttributes) &&
    same(current.WriteAttributes, wanted.WriteAttributes)
  )
}
