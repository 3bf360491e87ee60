import { randomInt } from 'node:crypto'
import {
  CognitoServiceFactoryImpl,
  DateClock,
  JwtTokenGenerator,
  StormDBDataStoreFactory,
  UserPoolServiceFactoryImpl,
  type Config,
  type Context,
  type Services,
} from './cognitoLocalAdapter'
import { codeDeliveryLog, type LogLine } from './codeDeliveryLog'
import { noLambdaTriggers } from './noLambdaTriggers'
import { privateDataStoreFactory } from './privateDataFiles'
import { profileClaimsInIdToken } from './profileClaimsInIdToken'
import { verifiedFlagsOnlyWhenTrue } from './verifiedFlagsOnlyWhenTrue'

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
  const dataStoreFactory = privateDataStoreFactory(poolsDir, new StormDBDataStoreFactory(poolsDir))
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
    tokenGenerator: verifiedFlagsOnlyWhenTrue(
      new JwtTokenGenerator(clock, profileClaimsInIdToken(cognito, noLambdaTriggers), config.TokenConfig),
    ),
    triggers: noLambdaTriggers,
  }
}

// cognito-local's own otp() reads process.env.CODE, which would leak one run's fixed code into another.
function randomCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0')
}
