import type { Triggers } from './cognitoLocalAdapter'

function notConfigured(): Promise<never> {
  return Promise.reject(new Error('The local user pool has no Lambda triggers'))
}

/**
 * The chat's auth resource has no Lambda triggers. Saying so here, instead of building cognito-local's
 * TriggersService, keeps the AWS SDK v2 Lambda and KMS clients (and their start-up cost) out of the process.
 */
export const noLambdaTriggers: Triggers = {
  enabled: () => false,
  customMessage: notConfigured,
  customEmailSender: notConfigured,
  postAuthentication: notConfigured,
  postConfirmation: notConfigured,
  preSignUp: notConfigured,
  preTokenGeneration: notConfigured,
  userMigration: notConfigured,
}
