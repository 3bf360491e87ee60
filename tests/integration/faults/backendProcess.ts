import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { projectRoot } from '../../../local-backend/src/compile/readApiProject'
import { ChildProcessGroup } from '../../../testkit/childProcessGroup'

export interface BackendEndpoints {
  graphqlEndpoint: string
  realtimeEndpoint: string
  cognitoEndpoint: string
  apiKey: string
}

/**
 * `npm run backend` as the developer runs it, minus npm: `node --import tsx local-backend/src/main.ts`,
 * in a process group of its own as a terminal's foreground job is (a Ctrl-C reaches the whole group).
 * `cwd` and `env` let a test see what it writes outside its data folder.
 */
export class BackendProcess extends ChildProcessGroup {
  constructor(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    // An absolute loader URL, so the backend can run from a folder of its own (tsx resolves from the cwd).
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    super(
      process.execPath,
      ['--import', tsx, path.join(projectRoot, 'local-backend/src/main.ts'), ...args],
      options,
    )
  }

  /** Resolves with the endpoints once it printed that it is ready; rejects if it exits or after `timeoutMs`. */
  async ready(timeoutMs = 120_000): Promise<BackendEndpoints> {
    await this.waitFor(/Press Ctrl-C/, { timeoutMs })
    const text = this.output()
    return {
      graphqlEndpoint: /GraphQL\s+(\S+)/.exec(text)![1],
      realtimeEndpoint: /real-time: (\S+?)\)/.exec(text)![1],
      cognitoEndpoint: /Cognito\s+(\S+)/.exec(text)![1],
      apiKey: /API key\s+(\S+)/.exec(text)![1],
    }
  }
}
