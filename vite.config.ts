import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { fileURLToPath, URL } from 'node:url'

// Vuetify components are imported per use by the plugin (tree-shaken, with their own CSS); nothing
// listens beyond loopback unless asked on the command line (`vite --host`).
export default defineConfig({
  plugins: [vue(), vuetify({ autoImport: true })],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    // bench/ui.ts reads the manifest to add up what each route ships.
    manifest: true,
    target: 'es2022',
  },
})
