import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { fileURLToPath, URL } from 'node:url'
import unitIsolated from './tests/unit/isolated.json' with { type: 'json' }

/** Unit test files that replace modules or globals: each runs in a fresh module graph (see below). */
const UNIT_ISOLATED: string[] = unitIsolated

function unitProject(options: { name: string; include: string[]; exclude?: string[]; isolate: boolean }) {
  return {
    plugins: [vue(), vuetify({ autoImport: true })],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    test: {
      name: options.name,
      include: options.include,
      exclude: options.exclude,
      isolate: options.isolate,
      environment: 'happy-dom' as const,
      // A ceiling, not a budget: on a machine busy with other work the first import of a component
      // (transformed on demand) can take seconds.
      testTimeout: 60_000,
      server: { deps: { inline: ['vuetify'] } },
    },
  }
}

// Three suites: unit (components and composables in a DOM), integration (the real compiled API on the
// local backend, through aws-amplify v6; with the conformance corpus of other Gen 1 projects) and e2e (the production build in Debian's Chromium).
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    // Transformed modules persist in node_modules/.vitest-cache (keyed by content and configuration), so a
    // second run does not transform Vuetify and the app again.
    experimental: { fsModuleCache: true },
    projects: [
      // Unit tests share one module graph and one DOM per worker (isolate: false): most of their time was
      // importing Vue, Vuetify and the app once per file and setting up a DOM for each. The files that
      // replace modules (vi.mock, vi.doMock, vi.resetModules) or globals keep a fresh graph each: they are
      // listed in tests/unit/isolated.json, and ESLint refuses those calls in any other unit test file.
      unitProject({
        name: 'unit',
        include: ['tests/unit/**/*.test.ts'],
        exclude: UNIT_ISOLATED,
        isolate: false,
      }),
      unitProject({ name: 'unit-isolated', include: UNIT_ISOLATED, isolate: true }),
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
          environment: 'node',
          // Ceilings for a machine busy with other work: a test ends when its events arrive, far sooner.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
