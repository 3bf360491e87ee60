import type { ChatClient } from '@/services/chatApi'
import { subscriptionField } from '@/services/realtimeEvents'

export interface RecordedCall {
  field: string
  operation: 'query' | 'mutation' | 'subscription'
  variables: Record<string, unknown>
  authMode?: string
  authToken?: string
}

type Observer = { next(value: { data: Record<string, unknown> }): void; error(e: unknown): void }

/**
 * Stands in for aws-amplify's generateClient(): records each call with its auth mode, answers queries
 * and mutations from `answers` (by root field), and keeps subscription observers so tests can push.
 */
export class FakeGraphqlClient {
  calls: RecordedCall[] = []
  answers: Record<string, (variables: Record<string, unknown>) => unknown> = {}
  observers = new Map<string, Observer[]>()
  unsubscribed: string[] = []

  readonly client = {
    graphql: (options: {
      query: string
      variables?: Record<string, unknown>
      authMode?: string
      authToken?: string
    }) => {
      const field = subscriptionField(options.query) ?? '?'
      const operation = options.query.trimStart().split(/[\s({]/)[0] as RecordedCall['operation']
      const variables = options.variables ?? {}
      this.calls.push({
        field,
        operation,
        variables,
        authMode: options.authMode,
        authToken: options.authToken,
      })
      if (operation === 'subscription') {
        return {
          subscribe: (observer: Observer) => {
            this.observers.set(field, [...(this.observers.get(field) ?? []), observer])
            return { unsubscribe: () => this.unsubscribed.push(field) }
          },
        }
      }
      const answer = this.answers[field]
      if (!answer) return Promise.reject({ errors: [{ message: `no answer for ${field}` }] })
      try {
        return Promise.resolve({ data: { [field]: answer(variables) } })
      } catch (error) {
        return Promise.reject(error)
      }
    },
  } as unknown as ChatClient

  push(field: string, item: unknown): void {
    for (const observer of this.observers.get(field) ?? []) observer.next({ data: { [field]: item } })
  }

  fail(field: string, error: unknown): void {
    for (const observer of this.observers.get(field) ?? []) observer.error(error)
  }

  callsTo(field: string): RecordedCall[] {
    return this.calls.filter((call) => call.field === field)
  }
}
