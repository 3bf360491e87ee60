import { randomBytes } from 'node:crypto'
import { chmod, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AwsCredentials } from './verifySigV4Request'

/** The profile name in the credentials file, for `AWS_PROFILE` / `--profile`. */
export const LOCAL_AWS_PROFILE = 'local-backend'

export const CREDENTIALS_FILE_NAME = 'aws-credentials'

export interface LocalAwsCredentials extends AwsCredentials {
  /** An AWS shared-credentials file (profile `local-backend`), mode 0600, for the AWS CLI and SDKs. */
  file: string
}

/**
 * The credentials the local backend accepts on IAM-signed (SigV4) requests, made at the first start with
 * this data directory and kept there in an AWS shared-credentials file only its owner can read. They are
 * random and local: they open nothing on AWS, and a web page cannot sign with them.
 */
export async function loadOrCreateLocalAwsCredentials(
  dataDir: string,
  onCreated: (file: string) => void = () => {},
): Promise<LocalAwsCredentials> {
  const file = join(dataDir, CREDENTIALS_FILE_NAME)
  const existing = await readFile(file, 'utf8').then(parseCredentialsFile, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (existing) {
    await chmod(file, 0o600)
    return { ...existing, file }
  }
  const credentials: AwsCredentials = {
    // The shape of an AWS access key id, with a prefix no AWS key has, so a log or a paste says what it is.
    accessKeyId: `LOCAL${randomBytes(10).toString('hex').toUpperCase().slice(0, 15)}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  }
  await writeFile(
    file,
    [
      '# Local backend only: accepted by the local Cognito pool for its administration operations.',
      `# Use: AWS_SHARED_CREDENTIALS_FILE=${file} AWS_PROFILE=${LOCAL_AWS_PROFILE} aws ... --endpoint-url <local endpoint>`,
      `[${LOCAL_AWS_PROFILE}]`,
      `aws_access_key_id = ${credentials.accessKeyId}`,
      `aws_secret_access_key = ${credentials.secretAccessKey}`,
      '',
    ].join('\n'),
    { mode: 0o600, flag: 'wx' },
  )
  onCreated(file)
  return { ...credentials, file }
}

function parseCredentialsFile(text: string): AwsCredentials | undefined {
  const value = (key: string) => new RegExp(`^${key}\\s*=\\s*(\\S+)\\s*$`, 'm').exec(text)?.[1]
  const accessKeyId = value('aws_access_key_id')
  const secretAccessKey = value('aws_secret_access_key')
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined
}
