import { describe, expect, it, vi } from 'vitest'
import { quietCustomEndpointNotice } from '@/local/quietCustomEndpointNotice'

describe('quietCustomEndpointNotice (local mode)', () => {
  it("drops aws-amplify's custom-endpoint notice and nothing else", () => {
    const warn = vi.fn()
    const target = { warn } as unknown as Console
    quietCustomEndpointNotice(target)
    quietCustomEndpointNotice(target) // idempotent
    target.warn(
      '[WARN] 01:09.118 Auth - You are using a custom Amazon Amazon Cognito User Pool endpoint, ensure the endpoint is correct.',
    )
    target.warn('[WARN] something else')
    expect(warn.mock.calls).toEqual([['[WARN] something else']])
  })
})
