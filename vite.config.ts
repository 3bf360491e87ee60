import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { fileURLToPath, URL } from 'node:url'
import { PREVIEW_HEADERS } from './hosting/securityHeaders.ts'

// Vuetify components are imported per use by the plugin (tree-shaken, with their own CSS); nothing
// listens beyond loopback unless asked on the command line (`vite --host`).
export default defineConfig({
  plugins: [vue({ features: { optionsAPI: false } }), vuetify({ autoImport: true })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173 },
  // The headers Amplify Hosting sends (customHttp.yml), plus the local backend's loopback ports in the CSP:
  // the e2e suite runs the production build under them.
  preview: { host: '127.0.0.1', port: 4173, headers: { ...PREVIEW_HEADERS } },
  build: {
    // bench/ui.ts reads the manifest to add up what each route ships.
    manifest: true,
    target: 'es2022',
    // No polyfill for <link rel="modulepreload"> (0.4 KB gzip on every first load): browsers without it
    // (Safari before 17) load the same modules, only without fetching a chunk's imports ahead.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Vue, Vuetify's core and the router, which every page needs before anything shows, in one chunk
        // rather than several small shared ones: fewer requests, and gzip compresses them together.
        codeSplitting: {
          groups: [
            {
              name: 'app',
              tags: ['$initial'],
              test: /node_modules[\\/](@vue|vue|vue-router|vuetify|@vuetify)[\\/]/,
            },
          ],
        },
      },
    },
  },
})
