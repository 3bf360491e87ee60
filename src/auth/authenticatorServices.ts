import type { SignInInput, SignInOutput, SignUpInput, SignUpOutput } from 'aws-amplify/auth'

/** The Authenticator's `services` overrides this app may set (see @aws-amplify/ui-vue's Authenticator). */
export interface AuthenticatorServices {
  handleSignIn?: (input: SignInInput) => Promise<SignInOutput>
  handleSignUp?: (input: SignUpInput) => Promise<SignUpOutput>
}

// Undefined against the cloud: the Authenticator then uses Amplify's default flow (SRP).
let services: AuthenticatorServices | undefined

export function setAuthenticatorServices(overrides: AuthenticatorServices): void {
  services = overrides
}

export function authenticatorServices(): AuthenticatorServices | undefined {
  return services
}
