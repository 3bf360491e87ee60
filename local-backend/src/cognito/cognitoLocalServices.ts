import { randomInt } from 'node:crypto'
import type { Config } from 'cognito-local/lib/server/config.js'
import { DateClock } from 'cognito-local/lib/services/clock.js'
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js'
import type { Context } from 'cognito-local/lib/services/context.js'
import { StormDBDataStoreFactory } from 'cognito-local/lib/services/dataStore/stormDb.js'
import type { Services } from 'cognito-local/lib/services/index.js'
import { JwtTokenGenerator } from 'cognito-local/lib/services/tokenGenerator.js'
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js'
import { codeDeliveryLog, type LogLine } from './codeDeliveryLog'
import { noLambdaTriggers } from './noLambdaTriggers'

export interface CognitoLocalServicesOptions {
  /** Where cognito-local keeps clients.json and one <userPoolId>.json per pool. */
  poolsDir: string
  issuerDomain: string
  confirmationCode?: string
  log: LogLine
}

/**
 * Wires cognito-local's services the way its own createDefaultServer does, but without reading
 * `.cognito/` from the working directory or the CODE/PORT environment variables: the caller decides.
 */
export async function createCognitoLocalServices(
  ctx: Context,
  { poolsDir, issuerDomain, confirmationCode, log }: CognitoLocalServicesOptions,
): Promise<Services> {
  const config: Config = {
    LambdaClient: {},
    TriggerFunctions: {},
    UserPoolDefaults: {},
    TokenConfig: { IssuerDomain: issuerDomain },
    ServerConfig: { development: false, https: false },
  }
  const clock = new DateClock()
  const dataStoreFactory = new StormDBDataStoreFactory(poolsDir)
  const cognito = await new CognitoServiceFactoryImpl(
    poolsDir,
    dataStoreFactory,
    new UserPoolServiceFactoryImpl(clock, dataStoreFactory),
  ).create(ctx, config.UserPoolDefaults)
  return {
    clock,
    cognito,
    config,
    messages: codeDeliveryLog(log),
    otp: confirmationCode === undefined ? randomCode : () => confirmationCode,
    tokenGenerator: new JwtTokenGenerator(clock, noLambdaTriggers, config.TokenConfig),
    triggers: noLambdaTriggers,
  }
}

// cognito-local's own otp() reads process.env.CODE, which would leak one run's fixed code into another.
function randomCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0')
}
