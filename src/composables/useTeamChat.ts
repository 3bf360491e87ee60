import { computed, ref } from 'vue'
import { useRoute } from 'vue-router'
import { useAuthUser } from '../auth/useAuthUser'
import { canPostInTeam, readableTeams } from '../domain/teams'
import type { ChatRooms } from '../services/chatRooms'
import { errorMessage } from '../services/errorMessage'

/**
 * The team chat page's state: the teams the signed-in user may read (from their ID token's
 * `cognito:groups`; Admins read every team), the team in the `:team?` route parameter (the first team when
 * none is named), its room source for the room engine, and "Refresh my teams" (new tokens without a
 * sign-out). Nothing opens until the stored session is known, and a source changes only when the team or
 * the sign-in does, so the room does not resubscribe on every token refresh.
 */
export function useTeamChat(rooms: ChatRooms<string>) {
  const { user, known, refreshSession } = useAuthUser()
  const route = useRoute()
  const signedIn = computed(() => user.value !== null)
  const groups = computed<readonly string[]>(() => user.value?.groups ?? [])
  const teams = computed(() => readableTeams(groups.value))
  const requested = computed(() => {
    const param = route.params.team
    return typeof param === 'string' ? param : ''
  })
  /** The team shown: the one in the URL when the user may read it, else their first. */
  const team = computed<string | null>(() => {
    if (requested.value !== '') return teams.value.includes(requested.value) ? requested.value : null
    return teams.value[0] ?? null
  })
  /** A team named in the URL that the user may not read (or that does not exist). */
  const notMember = computed(
    () => known.value && signedIn.value && requested.value !== '' && team.value === null,
  )
  const canPost = computed(() => team.value !== null && canPostInTeam(groups.value, team.value))
  const source = computed(() =>
    known.value && signedIn.value && team.value ? rooms.room(team.value, { signedIn: true }) : null,
  )

  const refreshing = ref(false)
  const refreshProblem = ref<string | null>(null)
  /** New tokens from the refresh token (no sign-out), so a new group membership shows. */
  async function refreshTeams(): Promise<void> {
    refreshing.value = true
    refreshProblem.value = null
    try {
      await refreshSession()
    } catch (reason) {
      refreshProblem.value = errorMessage(reason)
    } finally {
      refreshing.value = false
    }
  }

  return {
    user,
    known,
    signedIn,
    teams,
    team,
    requested,
    notMember,
    canPost,
    source,
    refreshing,
    refreshProblem,
    refreshTeams,
  }
}
