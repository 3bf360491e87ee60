import type { InjectionKey } from 'vue'
import type { SignInInput, SignInOutput, SignUpInput, SignUpOutput } from 'aws-amplify/auth'

/** The Authenticator's `services` overrides this app may set (see @aws-amplify/ui-vue's Authenticator). */
export interface AuthenticatorServices {
  handleSignIn?: (input: SignInInput) => Promise<SignInOutput>
  handleSignUp?: (input: SignUpInput) => Promise<SignUpOutput>
  /** Field errors for the sign-up form, by field name; undefined when it is valid. */
  validateCustomSignUp?: (
    formData: Record<string, unknown>,
    touchData?: Record<string, unknown>,
  ) => Promise<Record<string, string> | undefined>
}

/**
 * Provided by the app (app/mountChatApp.ts) from what configureAmplify returns: local mode's sign-in
 * flow, or nothing against the cloud, where the Authenticator uses Amplify's default flow (SRP).
 */
export const AUTHENTICATOR_SERVICES: InjectionKey<AuthenticatorServices | undefined> =
  Symbol('authenticator services')
