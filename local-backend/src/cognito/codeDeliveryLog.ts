import type { Messages } from './cognitoLocalAdapter'

export type LogLine = (line: string) => void

const purposeBySource: Record<string, string> = {
  SignUp: 'Confirmation code',
  ResendCode: 'Confirmation code',
  ForgotPassword: 'Password reset code',
  UpdateUserAttribute: 'Verification code',
  VerifyUserAttribute: 'Verification code',
  AdminCreateUser: 'Temporary password',
  Authentication: 'Sign-in code',
}

/**
 * Delivers codes as one plain log line. Nothing is emailed offline, and cognito-local's own boxed console
 * output is easy to miss among the backend's logs, so the person signing up reads the code here.
 */
export function codeDeliveryLog(log: LogLine): Messages {
  return {
    deliver(_ctx, source, _clientId, _userPoolId, _user, code, _clientMetadata, deliveryDetails) {
      const purpose = purposeBySource[source] ?? `${source} code`
      log(`${purpose} for ${deliveryDetails.Destination}: ${code}`)
      return Promise.resolve()
    },
  }
}
