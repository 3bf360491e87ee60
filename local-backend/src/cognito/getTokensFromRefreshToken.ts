import type { Route } from './cognitoLocalAdapter'

interface GetTokensFromRefreshTokenRequest {
  ClientId?: string
  RefreshToken?: string
  ClientMetadata?: Record<string, string>
}

interface AuthenticationResult {
  AccessToken?: string
  IdToken?: string
}

/**
 * aws-amplify >= 6.15 refreshes tokens with the GetTokensFromRefreshToken target, which cognito-local
 * does not know ("Unsupported x-amz-target"), so every session died when its access token expired.
 * It is answered here with cognito-local's own REFRESH_TOKEN_AUTH flow. Without rotation (the Gen 1
 * default) Cognito returns no new refresh token, and neither does this.
 */
export function getTokensFromRefreshToken(initiateAuth: Route): Route {
  return async (ctx, req: GetTokensFromRefreshTokenRequest) => {
    const response: { AuthenticationResult?: AuthenticationResult } = await initiateAuth(ctx, {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: req.ClientId,
      AuthParameters: { REFRESH_TOKEN: req.RefreshToken },
      ClientMetadata: req.ClientMetadata,
    })
    const { AccessToken, IdToken } = response.AuthenticationResult ?? {}
    return {
      AuthenticationResult: {
        AccessToken,
        IdToken,
        TokenType: 'Bearer',
        ExpiresIn: AccessToken ? secondsValid(AccessToken) : undefined,
      },
    }
  }
}

function secondsValid(jwt: string): number | undefined {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    exp?: number
    iat?: number
  }
  return payload.exp !== undefined && payload.iat !== undefined ? payload.exp - payload.iat : undefined
}
