import { createRequire } from 'node:module'
import type { createServer } from 'cognito-local/lib/server/server.js'
import type { LogLine } from './codeDeliveryLog'

export type CognitoLocalLogger = Parameters<typeof createServer>[1]

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
  const requireFromCognitoLocal = createRequire(createRequire(import.meta.url).resolve('cognito-local'))
  const pino = requireFromCognitoLocal('pino') as (
    options: object,
    stream: { write(line: string): void },
  ) => CognitoLocalLogger
  return pino(
    { level: 'error' },
    {
      write(line) {
        const entry = JSON.parse(line) as PinoLine
        log(`cognito-local: ${[entry.msg, entry.err?.message].filter(Boolean).join(': ')}`)
      },
    },
  )
}
