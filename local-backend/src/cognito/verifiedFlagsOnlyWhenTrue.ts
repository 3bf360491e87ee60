import type { Services } from './cognitoLocalAdapter'

type TokenGenerator = Services['tokenGenerator']

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified'])

/**
 * cognito-local writes `email_verified: Boolean(<attribute value>)` into ID tokens, and Boolean("false") is
 * true: an address changed and not yet confirmed was announced as verified. Flags that are not "true" are
 * left out of what the generator sees, so the token says false, as Cognito's does.
 */
export function verifiedFlagsOnlyWhenTrue(generator: TokenGenerator): TokenGenerator {
  return {
    generate: (ctx, user, ...rest) =>
      generator.generate(
        ctx,
        {
          ...user,
          Attributes: (user.Attributes ?? []).filter(
            (attribute) => !VERIFIED_FLAGS.has(attribute.Name) || attribute.Value === 'true',
          ),
        },
        ...rest,
      ),
  }
}
