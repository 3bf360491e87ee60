/** The parts of the simulator's WebSocket server that handle a client's messages (simulator 2.16). */
export interface RealtimeMessageHandlers {
  onMessage(context: unknown, raw: unknown): unknown
  onSubscriptionStart(context: unknown, message: { id?: string }): Promise<unknown>
  sendError(context: unknown, id: string, payload: unknown): void
}

const errorType = (message: string) =>
  message.startsWith('UnauthorizedException') ? 'UnauthorizedException' : 'BadRequestException'

/**
 * The stock simulator lets one bad message end the whole process: a `start` without valid credentials or with
 * a syntax error rejects a promise nobody handles, and a frame that is not JSON throws in the socket's event
 * handler. AppSync answers such a message with an `error` for that subscription and keeps serving.
 */
export function answerBadMessagesWithErrors(server: RealtimeMessageHandlers): void {
  const start = server.onSubscriptionStart
  server.onSubscriptionStart = async (context, message) => {
    try {
      return await start(context, message)
    } catch (error) {
      const text = (error as Error).message
      server.sendError(context, message.id ?? '', { errors: [{ errorType: errorType(text), message: text }] })
    }
  }
  const onMessage = server.onMessage
  server.onMessage = (context, raw) => {
    try {
      return onMessage(context, raw)
    } catch {
      server.sendError(context, '', {
        errors: [{ errorType: 'BadRequestException', message: 'The message is not valid JSON.' }],
      })
    }
  }
}
