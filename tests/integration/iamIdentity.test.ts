// $ctx.identity and $util.authType() of an IAM caller in a resolver template, as AppSync documents them:
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-context-reference.html#aws-appsync-resolver-context-reference-identity
// https://docs.aws.amazon.com/appsync/latest/devguide/resolver-util-reference.html (authType)
import { VelocityTemplate } from '@aws-amplify/amplify-appsync-simulator'
import { describe, expect, it } from 'vitest'
import { asRenderable } from '../../local-backend/src/simulator/appSyncSimulatorAdapter'
import { iamIdentity } from '../../local-backend/src/simulator/iamCallers'
import { renderTemplatesFaster } from '../../local-backend/src/simulator/velocityRenderContext'

describe('an IAM caller in a template', () => {
  it("sees AppSync's IAM identity for the role the local credentials act as", () => {
    const template = new VelocityTemplate(
      {
        path: 'identity.vtl',
        content: '{"identity": $util.toJson($ctx.identity), "authType": "$util.authType()"}',
      },
      { appSyncConfig: { defaultAuthenticationType: { authenticationType: 'API_KEY' } } } as never,
    )
    renderTemplatesFaster(asRenderable(template))
    const identity = iamIdentity(
      { credentials: { accessKeyId: 'LOCALKEY', secretAccessKey: 'x' }, roleName: 'announcer-server-role' },
      '127.0.0.1',
    )
    const { result } = template.render(
      { arguments: {}, source: null, stash: {} } as never,
      {
        requestAuthorizationMode: 'AWS_IAM',
        iamToken: identity,
        headers: {},
        sourceIp: '127.0.0.1',
      } as never,
      { fieldName: 'x', fieldNodes: [], fragments: {}, variableValues: {}, parentType: 'Query' } as never,
    ) as { result: unknown }
    expect(result).toMatchObject({
      authType: 'IAM Authorization',
      identity: {
        accountId: '123456789012',
        userArn: 'arn:aws:sts::123456789012:assumed-role/announcer-server-role/local-backend',
        username: 'LOCALKEY:local-backend',
      },
    })
    const seen = (result as { identity: Record<string, unknown> }).identity
    expect(seen.cognitoIdentityPoolId ?? null).toBeNull()
    expect(seen.cognitoIdentityId ?? null).toBeNull()
  })
})
