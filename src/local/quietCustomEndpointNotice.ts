/**
 * aws-amplify warns ("You are using a custom Amazon Cognito User Pool endpoint ...") on every
 * configuration that names a custom Cognito endpoint, which local mode always does: the emulator on
 * loopback. This drops exactly that notice from `console.warn`; every other warning goes through.
 */
const NOTICE = /You are using a custom Amazon .*Cognito User Pool endpoint/

const quieted = new WeakSet<Console>()

export function quietCustomEndpointNotice(target: Console = console): void {
  if (quieted.has(target)) return
  quieted.add(target)
  const warn = target.warn.bind(target)
  target.warn = (...args: unknown[]) => {
    if (args.some((arg) => typeof arg === 'string' && NOTICE.test(arg))) return
    warn(...args)
  }
}
