import type { RealtimeServer } from './appSyncSimulatorAdapter'
import type { MessageStep } from './requestPipeline'

const errorType = (message: string) =>
  message.startsWith('UnauthorizedException') ? 'UnauthorizedException' : 'BadRequestException'

/**
 * The stock simulator lets one bad message end the whole process: a `start` without valid credentials or with
 * a syntax error rejects a promise nobody handles. AppSync answers such a message with an `error` for that
 * subscription and keeps serving. (A frame that is not JSON is answered where the pipeline parses it.)
 */
export const answerBadMessagesWithErrors =
  (realtime: Pick<RealtimeServer, 'sendError'>): MessageStep =>
  async (connection, message, next) => {
    try {
      await next()
    } catch (error) {
      const text = (error as Error).message
      realtime.sendError(connection, message.id ?? '', {
        errors: [{ errorType: errorType(text), message: text }],
      })
    }
  }
