import { DISPLAY_NAME_RULE, displayNameProblem } from '../domain/displayName'
import type { AuthenticatorServices } from './authenticatorServices'

/** The Cognito attribute that holds the display name (the app client may write it). */
export const DISPLAY_NAME_ATTRIBUTE = 'preferred_username'

/** Extra sign-up fields for the Authenticator: the display name, required. */
export const signUpAttributes = [DISPLAY_NAME_ATTRIBUTE]

/** How the Authenticator labels the field (its `formFields` prop). */
export const signUpFormFields = {
  signUp: {
    [DISPLAY_NAME_ATTRIBUTE]: {
      label: 'Display name',
      placeholder: 'Shown with your messages',
      descriptiveText: `${DISPLAY_NAME_RULE}. Your e-mail address is never shown.`,
      isRequired: true,
      order: 1,
    },
    email: { order: 2 },
    password: { order: 3 },
    confirm_password: { order: 4 },
  },
}

type FormValues = Record<string, unknown>

/**
 * The Authenticator's `validateCustomSignUp`: the display-name rule, checked in the browser so a bad name
 * gets a clear error before the account exists. An untouched empty field is not reported yet (the field is
 * required, so the form cannot be sent without it). Whether the name is free only the server can say:
 * the first visit to the closed chat claims it.
 */
export async function validateSignUp(
  formData: FormValues,
  touchData?: FormValues,
): Promise<Record<string, string> | undefined> {
  const value = formData[DISPLAY_NAME_ATTRIBUTE]
  if ((value === undefined || value === '') && !touchData?.[DISPLAY_NAME_ATTRIBUTE]) return undefined
  const problem = displayNameProblem(value)
  return problem ? { [DISPLAY_NAME_ATTRIBUTE]: problem } : undefined
}

/** The app's Authenticator services (local mode's sign-in flow, if any) with the sign-up validation. */
export function withSignUpValidation(services: AuthenticatorServices | undefined): AuthenticatorServices {
  return { ...services, validateCustomSignUp: validateSignUp }
}
