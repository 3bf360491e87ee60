import { stringify } from 'yaml'
import { HOSTING_HEADERS } from './securityHeaders'

export const CUSTOM_HTTP_FILE = 'customHttp.yml'

/** Every path Amplify Hosting serves, the app's routes (rewritten to index.html) and its assets. */
export const ALL_PATHS = '**'

/** What customHttp.yml says, in Amplify Hosting's Gen 1 custom header format. */
export function customHttpConfig() {
  return {
    customHeaders: [
      {
        pattern: ALL_PATHS,
        headers: Object.entries(HOSTING_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ],
  }
}

/** The text of customHttp.yml (the project root, where Amplify Hosting reads it at deploy time). */
export function customHttpYaml(): string {
  return (
    '# Amplify Hosting response headers. Generated from hosting/securityHeaders.ts by\n' +
    '# `npx tsx hosting/writeCustomHttp.ts`: edit that file, not this one (a test checks they match).\n' +
    stringify(customHttpConfig(), { lineWidth: 0, singleQuote: true })
  )
}
