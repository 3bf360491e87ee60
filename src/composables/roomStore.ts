/**
 * What one room keeps across reloads of the tab: the composer's draft and the messages not yet
 * accepted by the server (pending or failed). In `sessionStorage`, so it survives a reload (a backend
 * restart, a dev-server reload) but not the tab, and two tabs on one room never resend each other's
 * messages. Bounded; a room with nothing unsent and no draft leaves no entry behind.
 */
export interface StoredUnsent {
  id: string
  message: string
  createdAt: string
}

export interface RoomStore {
  readDraft(): string
  writeDraft(text: string): void
  readUnsent(): StoredUnsent[]
  writeUnsent(entries: readonly StoredUnsent[]): void
}

/** At most this many unsent messages are kept per room (the newest). */
export const MAX_STORED_UNSENT = 20
const PREFIX = 'chat-room:'

interface Stored {
  draft?: string
  unsent?: StoredUnsent[]
}

function isUnsent(value: unknown): value is StoredUnsent {
  const entry = value as StoredUnsent
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.message === 'string' &&
    typeof entry.createdAt === 'string'
  )
}

function defaultStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    // Storage disabled by the browser's settings: nothing is kept, nothing breaks.
    return null
  }
}

export function roomStore(key: string, storage: Storage | null = defaultStorage()): RoomStore {
  const name = PREFIX + key

  function read(): Stored {
    try {
      const parsed = JSON.parse(storage?.getItem(name) ?? '{}') as Stored
      return typeof parsed === 'object' && parsed !== null ? parsed : {}
    } catch {
      return {}
    }
  }

  function write(change: Stored): void {
    if (!storage) return
    const next = { ...read(), ...change }
    try {
      if (!next.draft && (next.unsent ?? []).length === 0) storage.removeItem(name)
      else storage.setItem(name, JSON.stringify(next))
    } catch {
      // Quota exceeded: the page still works, only a reload loses what could not be kept.
    }
  }

  return {
    readDraft: () => {
      const draft = read().draft
      return typeof draft === 'string' ? draft : ''
    },
    writeDraft: (text) => write({ draft: text }),
    readUnsent: () => {
      const unsent = read().unsent
      return Array.isArray(unsent) ? unsent.filter(isUnsent).slice(-MAX_STORED_UNSENT) : []
    },
    writeUnsent: (entries) =>
      write({
        unsent: entries
          .slice(-MAX_STORED_UNSENT)
          .map(({ id, message, createdAt }) => ({ id, message, createdAt })),
      }),
  }
}
