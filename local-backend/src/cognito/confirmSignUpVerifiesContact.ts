import {
  attribute,
  attributesAppend,
  selectAppropriateDeliveryMethod,
  type CognitoService,
  type Route,
} from './cognitoLocalAdapter'

interface ConfirmSignUpRequest {
  ClientId: string
  Username: string
}

/**
 * Cognito marks the address the sign-up code went to as verified when the code is confirmed; cognito-local
 * does not, so the Authenticator asked every new local user to verify their email again after signing in.
 */
export function confirmSignUpVerifiesContact(confirmSignUp: Route, cognito: CognitoService): Route {
  return async (ctx, req: ConfirmSignUpRequest) => {
    const response: unknown = await confirmSignUp(ctx, req)
    const userPool = await cognito.getUserPoolForClientId(ctx, req.ClientId)
    const user = await userPool.getUserByUsername(ctx, req.Username)
    const delivery = user
      ? selectAppropriateDeliveryMethod(userPool.options.AutoVerifiedAttributes ?? [], user)
      : null
    if (user && delivery) {
      await userPool.saveUser(ctx, {
        ...user,
        Attributes: attributesAppend(
          user.Attributes,
          attribute(`${delivery.AttributeName}_verified`, 'true'),
        ),
      })
    }
    return response
  }
}
