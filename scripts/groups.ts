/**
 * Cognito group membership in the local backend's user pool (the backend must be running):
 *
 *   npm run groups -- add <email> <group>
 *   npm run groups -- remove <email> <group>
 *   npm run groups -- list [<email>]
 *
 * The calls are Cognito's own administration operations (AdminAddUserToGroup, ...), SigV4-signed with the
 * local credentials the backend keeps in its data folder. Each change also prints the AWS CLI line that does
 * the same on the deployed pool. A user sees a new membership in `cognito:groups` after their tokens are
 * refreshed or they sign in again, as on AWS.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  CREDENTIALS_FILE_NAME,
  loadOrCreateLocalAwsCredentials,
} from '../local-backend/src/cognito/localAwsCredentials'
import { signedCognitoCall } from '../local-backend/src/cognito/signedCognitoCall'
import { defaultDataDir } from '../local-backend/src/startLocalBackend'

const usage = `Usage: npm run groups -- add <email> <group> | remove <email> <group> | list [<email>]
Options: --data-dir <path> (default .local-backend-data)  --config <path> (default src/amplifyconfiguration.json)`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

async function main(): Promise<void> {
  const [command, email, group] = positionals
  if (values.help || !command) {
    console.log(usage)
    return
  }
  const configFile = path.resolve(
    values.config ?? path.join(import.meta.dirname, '../src/amplifyconfiguration.json'),
  )
  const config = JSON.parse(await readFile(configFile, 'utf8')) as {
    aws_cognito_local_endpoint?: string
    aws_user_pools_id?: string
    aws_cognito_region?: string
  }
  const endpoint = config.aws_cognito_local_endpoint
  const UserPoolId = config.aws_user_pools_id
  if (!endpoint || !UserPoolId) {
    throw new Error(`${configFile} names no local user pool: start it with npm run backend`)
  }
  const cognitoDir = path.join(path.resolve(values['data-dir'] ?? defaultDataDir), 'cognito')
  await readFile(path.join(cognitoDir, CREDENTIALS_FILE_NAME)).catch(() => {
    throw new Error(`No local credentials in ${cognitoDir}: start the backend with this data folder first`)
  })
  const credentials = await loadOrCreateLocalAwsCredentials(cognitoDir)
  const call = <T>(operation: string, body: unknown) =>
    signedCognitoCall<T>(endpoint, credentials, operation, body)

  if (command === 'list') {
    if (email) {
      const { Groups } = await call<{ Groups: { GroupName: string }[] }>('AdminListGroupsForUser', {
        UserPoolId,
        Username: email,
      })
      console.log(`${email}: ${Groups.map((g) => g.GroupName).join(', ') || '(no groups)'}`)
      return
    }
    const { Groups } = await call<{ Groups: { GroupName: string; Precedence?: number }[] }>('ListGroups', {
      UserPoolId,
    })
    if (Groups.length === 0)
      console.log('The local pool has no groups (amplify/backend/auth/userPoolGroups).')
    for (const { GroupName, Precedence } of Groups) {
      const { Users } = await call<{
        Users: { Attributes?: { Name: string; Value: string }[]; Username: string }[]
      }>('ListUsersInGroup', { UserPoolId, GroupName })
      const members = Users.map((u) => u.Attributes?.find((a) => a.Name === 'email')?.Value ?? u.Username)
      console.log(
        `${GroupName} (precedence ${Precedence ?? 'none'}): ${members.join(', ') || '(no members)'}`,
      )
    }
    return
  }
  if ((command !== 'add' && command !== 'remove') || !email || !group) {
    console.error(usage)
    process.exitCode = 2
    return
  }
  const operation = command === 'add' ? 'AdminAddUserToGroup' : 'AdminRemoveUserFromGroup'
  await call(operation, { UserPoolId, Username: email, GroupName: group })
  console.log(
    `${command === 'add' ? 'Added' : 'Removed'} ${email} ${command === 'add' ? 'to' : 'from'} ${group} (local pool ${UserPoolId}).`,
  )
  console.log('The user sees it in cognito:groups after their tokens are refreshed or they sign in again.')
  console.log('On AWS (the deployed pool id is in src/amplifyconfiguration.json after amplify push):')
  console.log(
    `  aws cognito-idp ${command === 'add' ? 'admin-add-user-to-group' : 'admin-remove-user-from-group'} ` +
      `--user-pool-id <your pool id> --username ${email} --group-name ${group}`,
  )
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
