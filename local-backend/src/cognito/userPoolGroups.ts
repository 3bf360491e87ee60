import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { CognitoService, Context, Route, Router } from './cognitoLocalAdapter'

/**
 * One entry of Gen 1's `amplify/backend/auth/userPoolGroups/user-pool-group-precedence.json`, the file
 * `amplify add auth` / `amplify update auth` writes (an array of these; `customPolicies` are IAM policies for
 * the group's role, which the local backend has no use for).
 */
export interface UserPoolGroup {
  groupName: string
  precedence?: number
}

/** Where the Amplify CLI keeps the groups: `auth/userPoolGroups/`, next to the auth resource's own folder. */
export function userPoolGroupsPathFor(authCliInputsPath: string): string {
  return join(dirname(dirname(authCliInputsPath)), 'userPoolGroups', 'user-pool-group-precedence.json')
}

/** Reads the groups file; a project without one (no `userPoolGroups` resource) has no groups. */
export async function readUserPoolGroups(file: string): Promise<UserPoolGroup[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`, { cause: error })
  }
  if (!Array.isArray(parsed)) throw new Error(`${file} must be an array of { groupName, precedence }`)
  return parsed.map((entry: unknown, index) => {
    const { groupName, precedence } = (entry ?? {}) as { groupName?: unknown; precedence?: unknown }
    if (typeof groupName !== 'string' || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(groupName)) {
      throw new Error(
        `${file}[${index}].groupName must be a Cognito group name (1-128 characters, no spaces)`,
      )
    }
    if (precedence !== undefined && (!Number.isInteger(precedence) || (precedence as number) < 0)) {
      throw new Error(`${file}[${index}].precedence must be a non-negative integer`)
    }
    return { groupName, precedence: precedence as number | undefined }
  })
}

/**
 * Makes the pool's groups match the project's: creates missing ones, updates the precedence of existing ones
 * (UpdateGroup keeps their members, as on Cognito). cognito-local's CreateGroup overwrites an existing group
 * and drops its members where Cognito answers GroupExistsException, so an existing group is never created
 * again. Groups the file no longer names are left in place (with their members) and reported.
 */
export async function ensureUserPoolGroups(
  ctx: Context,
  router: Router,
  userPoolId: string,
  groups: readonly UserPoolGroup[],
): Promise<{ created: string[]; updated: string[]; notInProject: string[] }> {
  const existing: { Groups: { GroupName: string; Precedence?: number }[] } = await router('ListGroups')(ctx, {
    UserPoolId: userPoolId,
  })
  const byName = new Map(existing.Groups.map((group) => [group.GroupName, group]))
  const created: string[] = []
  const updated: string[] = []
  for (const { groupName, precedence } of groups) {
    const found = byName.get(groupName)
    if (!found) {
      await router('CreateGroup')(ctx, {
        UserPoolId: userPoolId,
        GroupName: groupName,
        Precedence: precedence,
      })
      created.push(groupName)
    } else if (precedence !== undefined && found.Precedence !== precedence) {
      await router('UpdateGroup')(ctx, {
        UserPoolId: userPoolId,
        GroupName: groupName,
        Precedence: precedence,
      })
      updated.push(groupName)
    }
  }
  const wanted = new Set(groups.map((group) => group.groupName))
  const notInProject = [...byName.keys()].filter((name) => !wanted.has(name))
  return { created, updated, notInProject }
}

/**
 * cognito-local's AdminListGroupsForUser compares group members with the name the caller sent, while
 * members are kept by the user's username: in a pool whose sign-in name is the email (usernames are ids),
 * `--username <email>` found the user and listed no groups. Cognito accepts an alias there and lists the
 * user's groups, so the request is passed on with the user's own username.
 */
export function adminListGroupsForUserByAlias(route: Route, cognito: CognitoService): Route {
  return async (ctx, request: { UserPoolId: string; Username: string }) => {
    const pool = await cognito.getUserPool(ctx, request.UserPoolId)
    const user = await pool.getUserByUsername(ctx, request.Username)
    return route(ctx, user ? { ...request, Username: user.Username } : request)
  }
}
