import { chmod, mkdir } from 'node:fs/promises'

/**
 * The local pool's folder holds password hashes, refresh tokens, confirmation codes and the local AWS
 * credentials: only the owner may enter it (0700), also when it was made before this was checked.
 */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  await chmod(dir, 0o700)
}
