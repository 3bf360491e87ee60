// Teams are Cognito user pool groups (amplify/backend/auth/userPoolGroups); which ones a user is in comes
// from the `cognito:groups` claim of their ID token. The server decides what anyone may read or post: this
// only says which rooms to offer.

/** The group whose members read every team (and may publish announcements). */
export const ADMINS_GROUP = 'Admins'

/** The demo's team groups, in the order their tabs show. */
export const TEAM_GROUPS: readonly string[] = ['TeamRed', 'TeamBlue', 'TeamGreen']

/** The teams whose room a user in `groups` may read: their own, or every team for Admins. */
export function readableTeams(groups: readonly string[]): string[] {
  if (groups.includes(ADMINS_GROUP)) return [...TEAM_GROUPS]
  return TEAM_GROUPS.filter((team) => groups.includes(team))
}

/** Only members post into a team (Admins read every team but post only into their own). */
export function canPostInTeam(groups: readonly string[], team: string): boolean {
  return groups.includes(team)
}

/** A `cognito:groups` claim as a list of names (absent or malformed: no groups). */
export function groupsClaim(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}
