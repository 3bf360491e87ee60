import path from 'node:path'
import { startTestBackend } from '../../testkit/backend/testBackend'

/** The small Gen 1 API of tests/integration/fixtures/fidelity (not the app's schema). */
export const FIDELITY_API_DIR = path.resolve(
  import.meta.dirname,
  'fixtures/fidelity/amplify/backend/api/fidelityapi',
)

/** The local backend serving the fidelity fixture's API. */
export const startFidelityBackend = () => startTestBackend({ apiDir: FIDELITY_API_DIR })
