import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** The parts of the AWS SDK's (smithy) HttpRequest this handler reads. */
interface SdkHttpRequest {
  method: string
  path: string
  query?: Record<string, string | string[] | null>
  headers: Record<string, string>
  body?: string | Uint8Array
}

interface SdkHttpResponse {
  statusCode: number
  headers: Record<string, string>
  body: Uint8Array
}

/** The request handler interface of the AWS SDK v3 clients (`requestHandler` in a client's config). */
export interface SdkRequestHandler {
  metadata: { handlerProtocol: string }
  handle(request: SdkHttpRequest): Promise<{ response: SdkHttpResponse }>
  updateHttpClientConfig(): void
  httpHandlerConfigs(): Record<string, never>
  destroy(): void
}

function queryString(query: SdkHttpRequest['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(value) ? value : [value]) params.append(key, one ?? '')
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

// The SDK's JSON body is a Uint8Array whose valueOf() is its text; Buffer.from(body) would call that (with a
// deprecation warning) and encode the text again. A view on the same bytes needs neither.
const bytesOf = (body: Uint8Array) => Buffer.from(body.buffer, body.byteOffset, body.byteLength)

/**
 * Hands the SDK's DynamoDB requests to dynalite's request listener in this process instead of over a socket: the same signed request, the same validation, the same JSON answer, without two HTTP stacks and
 * four socket hops per call (the simulator makes two calls per create). Everything dynalite's listener does
 * (including draining on stop) still runs; only the transport is gone.
 */
export function inProcessRequestHandler(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): SdkRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
    handle(request) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
        const req = Object.assign(new EventEmitter(), {
          method: request.method,
          url: `${request.path}${queryString(request.query)}`,
          headers,
        })
        const responseHeaders: Record<string, string> = {}
        const res = Object.assign(new EventEmitter(), {
          statusCode: 200,
          setHeader(name: string, value: unknown) {
            responseHeaders[name.toLowerCase()] = String(value)
          },
          writeHead(statusCode: number, extra: Record<string, unknown> = {}) {
            res.statusCode = statusCode
            for (const [name, value] of Object.entries(extra)) res.setHeader(name, value)
            return res
          },
          end(body?: string | Uint8Array) {
            resolve({
              response: {
                statusCode: res.statusCode,
                headers: responseHeaders,
                body: typeof body === 'string' ? Buffer.from(body, 'utf8') : (body ?? new Uint8Array()),
              },
            })
            res.emit('finish')
            res.emit('close')
          },
        })
        try {
          listener(req as unknown as IncomingMessage, res as unknown as ServerResponse)
        } catch (error) {
          reject(error as Error)
          return
        }
        // As a socket would: the body arrives after the listener has attached its handlers.
        process.nextTick(() => {
          const body = request.body
          if (body !== undefined && body.length > 0)
            req.emit('data', typeof body === 'string' ? Buffer.from(body, 'utf8') : bytesOf(body))
          req.emit('end')
        })
      })
    },
  }
}
