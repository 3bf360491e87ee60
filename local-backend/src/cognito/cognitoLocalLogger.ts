import type { LogLine } from './codeDeliveryLog'
import { cognitoLocalPino, type CognitoLocalLogger } from './cognitoLocalAdapter'

interface PinoLine {
  msg?: string
  err?: { message?: string }
}

/**
 * cognito-local's HTTP layer (pino-http) only accepts a pino logger, so one is made from the pino that
 * cognito-local itself depends on. Only errors pass (unsupported targets, crashes): a wrong password is a
 * normal answer to the browser, not something to print on the backend's console.
 */
export function cognitoLocalLogger(log: LogLine): CognitoLocalLogger {
  return cognitoLocalPino()(
    { level: 'error' },
    {
      write(line) {
        const entry = JSON.parse(line) as PinoLine
        log(`cognito-local: ${[entry.msg, entry.err?.message].filter(Boolean).join(': ')}`)
      },
    },
  )
}
