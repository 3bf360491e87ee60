import { NotAuthorizedError, type CognitoService, type Route } from './cognitoLocalAdapter'

/** Cognito's default for how long a sign-in session (between challenge steps) is valid: 3 minutes. */
const SESSION_VALIDITY_MS = 3 * 60 * 1000

interface IssuedSession {
  userPoolId: string
  username: string
  challenge: string
  expiresAt: number
}

interface ChallengeRequest {
  ClientId?: unknown
  ChallengeName?: unknown
  Session?: unknown
  ChallengeResponses?: { USERNAME?: unknown }
}

interface ChallengeResponse {
  ChallengeName?: string
  Session?: string
  ChallengeParameters?: { USER_ID_FOR_SRP?: string }
}

/**
 * cognito-local answers RespondToAuthChallenge for any Session string: NEW_PASSWORD_REQUIRED with a made-up
 * session set any user's password and signed in as them. Here a challenge can be answered only with the
 * session the sign-in step issued, for the same user and challenge, once, within Cognito's 3 minutes.
 */
export function challengeSessions(cognito: CognitoService, now: () => number) {
  const issued = new Map<string, IssuedSession>()

  const remember = (route: Route): Route => {
    return async (ctx, req: ChallengeRequest | undefined) => {
      const response = (await route(ctx, req)) as ChallengeResponse | undefined
      const username = response?.ChallengeParameters?.USER_ID_FOR_SRP
      if (response?.ChallengeName && response.Session && username) {
        const userPool = await cognito.getUserPoolForClientId(ctx, String(req?.ClientId))
        for (const [session, entry] of issued) if (entry.expiresAt <= now()) issued.delete(session)
        issued.set(response.Session, {
          userPoolId: userPool.options.Id ?? '',
          username,
          challenge: response.ChallengeName,
          expiresAt: now() + SESSION_VALIDITY_MS,
        })
      }
      return response
    }
  }

  const requireIssuedSession = (route: Route): Route => {
    return async (ctx, req: ChallengeRequest | undefined) => {
      const entry = typeof req?.Session === 'string' ? issued.get(req.Session) : undefined
      if (!entry) throw new NotAuthorizedError('Invalid session for the user.')
      issued.delete(req?.Session as string)
      if (entry.expiresAt <= now())
        throw new NotAuthorizedError('Invalid session for the user, session is expired.')
      const userPool = await cognito.getUserPoolForClientId(ctx, String(req?.ClientId))
      const user = await userPool.getUserByUsername(ctx, String(req?.ChallengeResponses?.USERNAME))
      if (
        entry.userPoolId !== userPool.options.Id ||
        entry.username !== user?.Username ||
        entry.challenge !== req?.ChallengeName
      ) {
        throw new NotAuthorizedError('Invalid session for the user.')
      }
      return route(ctx, req)
    }
  }

  return { remember, requireIssuedSession }
}
