import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { CheckReport } from './checkReport'

const LIMIT_PROPERTIES = { queryDepthLimit: 'QueryDepthLimit', resolverCountLimit: 'ResolverCountLimit' }

/**
 * The API's CloudFormation template from `amplify build` must carry the request limits of
 * amplify/backend/api/<api>/limits.json: override.ts sets them, and only the real CLI shows that it
 * compiles and runs the override as `amplify push` would.
 */
export function checkApiLimits(
  report: CheckReport,
  workspaceDir: string,
  projectRoot: string,
  apiName: string,
) {
  const limitsFile = path.join(projectRoot, 'amplify', 'backend', 'api', apiName, 'limits.json')
  const template = path.join(
    workspaceDir,
    'amplify',
    'backend',
    'api',
    apiName,
    'build',
    'cloudformation-template.json',
  )
  if (!existsSync(limitsFile) || !existsSync(template)) {
    report.fail(
      `cannot check the API's request limits: ${existsSync(limitsFile) ? template : limitsFile} is missing`,
    )
    return
  }
  const limits = JSON.parse(readFileSync(limitsFile, 'utf8')) as Record<string, unknown>
  const resources = (JSON.parse(readFileSync(template, 'utf8')) as { Resources?: Record<string, unknown> })
    .Resources
  const api = Object.values(resources ?? {}).find(
    (resource) => (resource as { Type?: string }).Type === 'AWS::AppSync::GraphQLApi',
  ) as { Properties?: Record<string, unknown> } | undefined
  const wrong = Object.entries(LIMIT_PROPERTIES)
    .filter(([key, property]) => api?.Properties?.[property] !== limits[key])
    .map(
      ([key, property]) =>
        `${property} is ${JSON.stringify(api?.Properties?.[property])}, limits.json says ${key}: ${JSON.stringify(limits[key])}`,
    )
  if (wrong.length) {
    report.fail('amplify build did not give the GraphQL API the limits of limits.json (override.ts)', wrong)
    return
  }
  report.log(
    `  the built GraphQL API has ${Object.values(LIMIT_PROPERTIES)
      .map((p) => `${p} ${api?.Properties?.[p]}`)
      .join(', ')}`,
  )
}
