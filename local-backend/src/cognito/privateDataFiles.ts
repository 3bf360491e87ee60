import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CognitoService, Context, DataStore, DataStoreFactory } from './cognitoLocalAdapter'
import { hashPassword, isPasswordHash } from './passwordHashing'

/**
 * The local pool's folder holds password hashes, refresh tokens, confirmation codes and the local AWS
 * credentials: only the owner may enter it (0700), also when it was made before this was checked.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}

/** Makes every file already in `dir` readable by its owner only (data folders from before this check). */
export async function makeFilesPrivate(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => chmod(join(dir, entry.name), 0o600)),
  )
}

/**
 * cognito-local's data store with two guarantees it lacks: each `<id>.json` it keeps is created with mode
 * 0600 (its store rewrites files in place, so the mode stays), and a user record never reaches the disk
 * with a plaintext `Password`: whatever cognito-local saves (sign-up, password change or reset, an admin's
 * temporary password) is hashed first.
 */
export function privateDataStoreFactory(dir: string, base: DataStoreFactory): DataStoreFactory {
  return {
    async create(ctx, id, defaults) {
      await ensurePrivateDirectory(dir)
      await writeFile(join(dir, `${id}.json`), '{}', { mode: 0o600, flag: 'wx' }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error
        },
      )
      await chmod(join(dir, `${id}.json`), 0o600)
      return hashingPasswords(await base.create(ctx, id, defaults))
    },
  }
}

function hashingPasswords(store: DataStore): DataStore {
  return {
    delete: store.delete.bind(store),
    get: store.get.bind(store),
    getRoot: store.getRoot.bind(store),
    async set<T>(ctx: Parameters<DataStore['set']>[0], key: string | string[], value: T) {
      const isUser = Array.isArray(key) && key.length === 2 && key[0] === 'Users'
      const password = (value as { Password?: unknown } | null)?.Password
      if (isUser && typeof password === 'string' && !isPasswordHash(password)) {
        value = { ...value, Password: await hashPassword(password) }
      }
      return store.set(ctx, key, value)
    },
  }
}

/** Data folders written before passwords were hashed: every stored plaintext password is hashed at start. */
export async function hashStoredPasswords(ctx: Context, cognito: CognitoService): Promise<number> {
  let hashed = 0
  for (const { Id } of await cognito.listUserPools(ctx)) {
    if (!Id) continue
    const userPool = await cognito.getUserPool(ctx, Id)
    for (const user of await userPool.listUsers(ctx)) {
      if (typeof user.Password === 'string' && !isPasswordHash(user.Password)) {
        await userPool.saveUser(ctx, user)
        hashed += 1
      }
    }
  }
  return hashed
}
