/**
 * Publishes an announcement as a trusted server does: `publishAnnouncement` SigV4-signed with IAM credentials.
 *
 *   npm run announce -- --topic news:release --groups TeamRed,TeamBlue --message "v2 is out"
 *
 * Against the local backend (a loopback endpoint in src/amplifyconfiguration.json, or --endpoint) it signs
 * with the local credentials the backend keeps in its data folder; against AWS with your own AWS
 * credentials (environment, profile, SSO, ...: the AWS SDK's default chain), whose role must be named in
 * amplify/backend/api/chatapi/custom-roles.json (docs/teams.md).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadOrCreateLocalAwsCredentials } from '../local-backend/src/cognito/localAwsCredentials'
import { defaultDataDir } from '../local-backend/src/startLocalBackend'
import { publishAnnouncement } from '../src/graphql/mutations'
import { isLoopbackHost } from '../src/config/gen1Config'
import { signedGraphqlRequest, type SigningCredentials } from './lib/signedGraphql'

const usage = `Usage: npm run announce -- --topic <topic> --groups <Group1,Group2> --message <text>
Options: --data <JSON> (instead of --message: the announcement's data as JSON)
         --endpoint <GraphQL URL> --region <AWS region> (default: from --config)
         --config <path> (default src/amplifyconfiguration.json)
         --data-dir <path> (local backend only; default .local-backend-data)`

const { values } = parseArgs({
  options: {
    topic: { type: 'string' },
    groups: { type: 'string' },
    message: { type: 'string' },
    data: { type: 'string' },
    endpoint: { type: 'string' },
    region: { type: 'string' },
    config: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

async function localCredentials(): Promise<SigningCredentials> {
  const cognitoDir = path.join(path.resolve(values['data-dir'] ?? defaultDataDir), 'cognito')
  await readFile(path.join(cognitoDir, 'aws-credentials')).catch(() => {
    throw new Error(`No local credentials in ${cognitoDir}: start the backend with this data folder first`)
  })
  const { accessKeyId, secretAccessKey } = await loadOrCreateLocalAwsCredentials(cognitoDir)
  return { accessKeyId, secretAccessKey }
}

async function awsCredentials(): Promise<SigningCredentials> {
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node')
  return defaultProvider()()
}

async function main(): Promise<void> {
  if (values.help) {
    console.log(usage)
    return
  }
  const groups = (values.groups ?? '')
    .split(',')
    .map((group) => group.trim())
    .filter(Boolean)
  if (
    !values.topic ||
    groups.length === 0 ||
    (values.message === undefined) === (values.data === undefined)
  ) {
    console.error(usage)
    process.exitCode = 2
    return
  }
  const data = values.data ?? JSON.stringify({ message: values.message })
  try {
    JSON.parse(data)
  } catch {
    throw new Error('--data must be JSON')
  }
  const configFile = path.resolve(
    values.config ?? path.join(import.meta.dirname, '../src/amplifyconfiguration.json'),
  )
  const config = values.endpoint
    ? {}
    : (JSON.parse(await readFile(configFile, 'utf8')) as {
        aws_appsync_graphqlEndpoint?: string
        aws_appsync_region?: string
      })
  const endpoint = values.endpoint ?? config.aws_appsync_graphqlEndpoint
  if (!endpoint) throw new Error(`${configFile} names no GraphQL endpoint: pass --endpoint`)
  const region = values.region ?? config.aws_appsync_region ?? 'us-east-1'
  // The app's own test for the local backend (a loopback endpoint).
  const local = isLoopbackHost(new URL(endpoint).hostname)
  const credentials = local ? await localCredentials() : await awsCredentials()

  const response = await signedGraphqlRequest<{ publishAnnouncement: { id: string } | null }>(
    endpoint,
    region,
    credentials,
    publishAnnouncement,
    { topic: values.topic, data, groups },
  )
  const published = response.data?.publishAnnouncement
  if (!published) {
    const reason = response.errors?.map((e) => `${e.errorType ?? 'Error'}: ${e.message}`).join('; ')
    throw new Error(`Not published (HTTP ${response.status}): ${reason ?? 'no answer'}`)
  }
  console.log(
    `Published ${published.id} on ${values.topic} to ${groups.join(', ')} (${local ? 'local backend' : endpoint}).`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
