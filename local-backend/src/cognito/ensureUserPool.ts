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
  let userPoolClientId = clients.find(
    (client) => client.ClientName === settings.userPoolClient.ClientName,
  )?.ClientId
  if (!userPoolClientId) {
    const created: { UserPoolClient: { ClientId: string } } = await router('CreateUserPoolClient')(ctx, {
      ...settings.userPoolClient,
      UserPoolId: userPoolId,
    })
    userPoolClientId = created.UserPoolClient.ClientId
  }
  return { userPoolId, userPoolClientId }
}
