import { publishAnnouncement } from '../graphql/mutations'
import { onAnnouncement } from '../graphql/subscriptions'
import { announcementText } from '../domain/announcements'
import type { Announcement } from '../domain/announcements'
import type { ChatApiDependencies, Unsubscribable } from './chatFeeds'
import { openWhenReady } from './chatFeeds'
import { defaultChatDependencies } from './defaultChatDependencies'
import { errorMessage } from './errorMessage'
import { subscriptionField } from './realtimeEvents'

type AnnouncementItem = {
  id: string
  topic: string
  data: unknown
  groups: (string | null)[]
  publishedAt: string
}

function toAnnouncement(item: AnnouncementItem): Announcement {
  return {
    id: item.id,
    topic: item.topic,
    text: announcementText(item.data),
    groups: item.groups.filter((group): group is string => typeof group === 'string'),
    publishedAt: item.publishedAt,
  }
}

/** The arguments of one `onAnnouncement` subscription. */
export interface AnnouncementArguments {
  prefix: string
  onlyGroups: string[]
}

export interface AnnouncementService {
  /** The subscription's root field, to recognise its start acknowledgements. */
  readonly field: string
  /** Opens one subscription for up to 8 of the caller's groups (user pools). */
  subscribe(
    args: AnnouncementArguments,
    observer: { next(announcement: Announcement): void; error(reason: string): void },
  ): Unsubscribable
  /** Publishes as an Admin (user pools); the server refuses everyone else. */
  publish(topic: string, message: string, groups: readonly string[]): Promise<Announcement>
}

/**
 * Seed 001's pub/sub on the app's client: `onAnnouncement(prefix, onlyGroups)` and `publishAnnouncement`,
 * both with the signed-in user's user-pool token, each once the Cognito set-up is done.
 */
export function createAnnouncementService({
  client,
  userPoolReady,
}: ChatApiDependencies): AnnouncementService {
  const ready = () => userPoolReady?.() ?? Promise.resolve()
  return {
    field: subscriptionField(onAnnouncement) ?? 'onAnnouncement',
    subscribe(args, { next, error }) {
      const fail = (reason: unknown) => error(errorMessage(reason))
      return openWhenReady(
        ready(),
        () =>
          client.graphql({ query: onAnnouncement, variables: args, authMode: 'userPool' }).subscribe({
            next: ({ data }) => {
              if (data.onAnnouncement) next(toAnnouncement(data.onAnnouncement))
            },
            error: fail,
          }),
        fail,
      )
    },
    async publish(topic, message, groups) {
      await ready()
      const result = await client.graphql({
        query: publishAnnouncement,
        variables: { topic, data: JSON.stringify({ message }), groups: [...groups] },
        authMode: 'userPool',
      })
      const published = result.data.publishAnnouncement
      if (!published) throw new Error('The server returned no announcement.')
      return toAnnouncement(published)
    },
  }
}

let appService: AnnouncementService | null = null

/** Announcements on the app's client (created on first use, by the lazily loaded bell). */
export function appAnnouncementService(): AnnouncementService {
  appService ??= createAnnouncementService(defaultChatDependencies())
  return appService
}
