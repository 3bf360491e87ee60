import type { CognitoService, Triggers } from './cognitoLocalAdapter'

/** The OpenID Connect profile attributes Cognito writes into ID tokens (besides `email`, which cognito-local writes). */
const PROFILE_CLAIMS = new Set([
  'name',
  'family_name',
  'given_name',
  'middle_name',
  'nickname',
  'preferred_username',
  'profile',
  'picture',
  'website',
  'gender',
  'birthdate',
  'zoneinfo',
  'locale',
  'updated_at',
  'address',
  'phone_number',
])

/**
 * Cognito's ID token carries the user's standard attributes that the app client may read; cognito-local's
 * carries only `email` and custom attributes, so `preferred_username` (the chat's display name) was missing.
 * cognito-local's token generator applies a pre-token-generation result when that trigger is enabled: these
 * triggers, given to the generator only, enable it and answer with the readable profile attributes. The
 * pool's own triggers (none) are unchanged.
 */
export function profileClaimsInIdToken(cognito: CognitoService, triggers: Triggers): Triggers {
  return {
    ...triggers,
    enabled: (trigger) => trigger === 'PreTokenGeneration' || triggers.enabled(trigger),
    preTokenGeneration: async (ctx, { clientId, userAttributes }) => {
      const readable = (await cognito.getAppClient(ctx, clientId))?.ReadAttributes ?? []
      const claims: Record<string, string> = {}
      for (const { Name, Value } of userAttributes ?? []) {
        if (
          PROFILE_CLAIMS.has(Name) &&
          Value !== undefined &&
          (readable.length === 0 || readable.includes(Name))
        ) {
          claims[Name] = Value
        }
      }
      return { claimsOverrideDetails: { claimsToAddOrOverride: claims } }
    },
  }
}
