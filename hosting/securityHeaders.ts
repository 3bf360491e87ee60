/**
 * The security headers the app is served with: one set, used by Amplify Hosting (customHttp.yml, written
 * from this file by `npx tsx hosting/writeCustomHttp.ts`) and by `vite preview` (vite.config.ts), which is
 * what the e2e suite serves the production build with, so the policy is tested in Chromium as deployed.
 */

/** Where the deployed app connects: AppSync over HTTPS and its real-time WebSocket, and Cognito. */
export const AWS_CONNECT_SOURCES = ['https://*.amazonaws.com', 'wss://*.amazonaws.com'] as const

/**
 * The local backend (GraphQL, real-time and Cognito on loopback ports). Only the preview server allows
 * these, so a build previewed against `npm run backend` works; the hosting config never lists them. CSP
 * has no syntax for an IPv6 literal, so local mode under this policy means 127.0.0.1 or localhost.
 */
export const LOOPBACK_CONNECT_SOURCES = [
  'http://127.0.0.1:*',
  'ws://127.0.0.1:*',
  'http://localhost:*',
  'ws://localhost:*',
] as const

/**
 * The Content-Security-Policy. Scripts only from the app's own origin (Vite emits no inline script;
 * modulePreload's polyfill is off). Styles also allow 'unsafe-inline' because Vuetify writes its theme
 * into a <style> element at run time; its only alternative is a nonce, new in every response, which static
 * hosting cannot mint. docs/security.md says what each directive is for and what was tried.
 */
export function contentSecurityPolicy(connectSources: readonly string[]): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'"],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connectSources],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ]
  return directives.map((directive) => directive.join(' ')).join('; ')
}

function securityHeaders(connectSources: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(connectSources),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Browsers ignore it over plain HTTP (the loopback preview), so one value serves both.
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  }
}

/** Amplify Hosting (customHttp.yml): AWS endpoints only. */
export const HOSTING_HEADERS: Readonly<Record<string, string>> = securityHeaders(AWS_CONNECT_SOURCES)

/** `vite preview` (and so the e2e suite): the same, plus the local backend's loopback ports. */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = securityHeaders([
  ...AWS_CONNECT_SOURCES,
  ...LOOPBACK_CONNECT_SOURCES,
])
