import { defaultClientConditions, defineConfig } from 'vite'
import type { Plugin, ResolveModulePreloadDependenciesFn, Rolldown } from 'vite'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, URL } from 'node:url'
import { PREVIEW_HEADERS } from './hosting/securityHeaders.ts'

/**
 * The Vuetify modules the app's templates use, as vite-plugin-vuetify imports them. The plugin adds
 * those imports while it transforms a file, where the dev server's dependency scan cannot see them: a
 * component first used in a lazily loaded page or dialog made the dev server re-optimise and reload
 * every open tab (losing drafts). Pre-bundling them all avoids that.
 */
function vuetifyModulesUsed(): string[] {
  const importMap = JSON.parse(
    readFileSync(new URL('./node_modules/vuetify/dist/json/importMap.json', import.meta.url), 'utf8'),
  ) as { components: Record<string, { from: string }> }
  const src = fileURLToPath(new URL('./src', import.meta.url))
  const modules = new Set<string>()
  for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.vue')) continue
    for (const [, tag] of readFileSync(`${src}/${file}`, 'utf8').matchAll(/<([Vv][-A-Za-z0-9]+)/g)) {
      const name = tag.includes('-')
        ? tag.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase())
        : tag
      const from = importMap.components[name]?.from
      if (from) modules.add(`vuetify/${from.endsWith('.mjs') ? 'lib/' : ''}${from}`)
    }
  }
  return [...modules].sort()
}

/**
 * Builds swap Vuetify's date adapter, which createVuetify instantiates on every page for the date
 * pickers and calendars this app does not have, for src/plugins/noDateAdapter.ts (see there). The dev
 * server pre-bundles Vuetify as published and keeps the real one.
 */
function withoutVuetifyDateAdapter(): Plugin {
  const replacement = fileURLToPath(new URL('./src/plugins/noDateAdapter.ts', import.meta.url))
  const importer = /[\\/]vuetify[\\/]lib[\\/]composables[\\/]date[\\/]date\.js$/
  return {
    name: 'without-vuetify-date-adapter',
    apply: 'build',
    enforce: 'pre',
    resolveId: (source, from) =>
      source === './adapters/vuetify.js' && from && importer.test(from) ? replacement : null,
  }
}

/**
 * Builds read Vue's current instance in @vuetify/v0 (under Vuetify) by name instead of through
 * `import * as Vue`: it looks up `currentInstance`, an export of Vue 3.6's Vapor mode, with a computed key,
 * so the bundler must keep an object of every export of Vue, and with it all of Vue's runtime that the
 * app never uses (Suspense, KeepAlive, hydration, custom elements...) on every first load. The Vue
 * installed here is read once: the replacement reads the same binding the lookup finds.
 */
function vuetifyInstanceWithoutVueNamespace(): Plugin {
  const file = /[\\/]@vuetify[\\/]v0[\\/]dist[\\/]utilities[\\/]instance\.mjs$/
  const namespaceImport = 'import * as Vue from "vue";'
  const lookup = [
    'function getInstanceCompat() {',
    '\tconst vueExports = Vue;',
    '\tif (INSTANCE_KEY in vueExports) return vueExports[INSTANCE_KEY];',
    '\treturn Vue.getCurrentInstance();',
    '}',
  ].join('\n')
  // Read on first use, so the dev server and the test runs that load this file do not load Vue.
  const byName = (): [string, string] =>
    'currentInstance' in (createRequire(import.meta.url)('vue') as object)
      ? ['import { currentInstance } from "vue";', 'function getInstanceCompat() { return currentInstance; }']
      : [
          'import { getCurrentInstance } from "vue";',
          'function getInstanceCompat() { return getCurrentInstance(); }',
        ]
  return {
    name: 'vuetify-instance-without-vue-namespace',
    apply: 'build',
    transform(code, id) {
      if (!file.test(id)) return null
      if (!code.includes(namespaceImport) || !code.includes(lookup)) {
        this.warn(`${id} changed: every export of Vue stays in the first load; see vite.config.ts`)
        return null
      }
      const [namedImport, read] = byName()
      return { code: code.replace(namespaceImport, namedImport).replace(lookup, read), map: null }
    },
  }
}

/**
 * `import { a, b as c } from 'x'` as one import per name, each from `moduleFor(name)`, on one line so the
 * lines after it keep their numbers.
 */
function importsPerExport(names: string, moduleFor: (exported: string) => string): string {
  return names
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
    .map((name) => {
      const [exported, local = exported] = name.split(/\s+as\s+/)
      return `import { ${exported} as ${local} } from '${moduleFor(exported)}'`
    })
    .join('; ')
}

/**
 * Builds give each generated GraphQL document (src/graphql/*.ts) a module of its own. The generated
 * files are three modules, and a bundler puts a module with every export anyone uses into one chunk that
 * all importers load: the open chat's first visit carried every chat's documents. Now each document goes
 * with the code that imports it. Codegen's output is unchanged; the dev server and tests use it as it is.
 */
function graphqlDocumentPerModule(): Plugin {
  const src = fileURLToPath(new URL('./src/', import.meta.url))
  const generated = path.join(src, 'graphql')
  const prefix = '\0graphql-document:'
  const namedImport =
    /import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]*\/graphql\/(mutations|queries|subscriptions))\2/g
  return {
    name: 'graphql-document-per-module',
    apply: 'build',
    transform(code, id) {
      if (!id.startsWith(src) || id.startsWith(generated) || !/\.ts$/.test(id)) return null
      let changed = false
      const result = code.replace(
        namedImport,
        (statement, names: string, _quote, from: string, file: string) => {
          const target = from.startsWith('@/')
            ? path.join(src, from.slice(2))
            : path.resolve(path.dirname(id), from)
          if (target !== path.join(generated, file)) return statement
          changed = true
          return importsPerExport(names, (exported) => `${prefix}${file}/${exported}`)
        },
      )
      return changed ? { code: result, map: null } : null
    },
    resolveId: (source) => (source.startsWith(prefix) ? source : null),
    load(id) {
      if (!id.startsWith(prefix)) return null
      const [file, name] = id.slice(prefix.length).split('/')
      const text = readFileSync(path.join(generated, `${file}.ts`), 'utf8')
      const document = new RegExp(`export const ${name} = /\\* GraphQL \\*/ \`([^\`]*)\``).exec(text)
      if (!document) this.error(`${name} is not a document of src/graphql/${file}.ts`)
      return `export const ${name} = ${JSON.stringify(document[1])}\n`
    },
  }
}

/**
 * Builds give each icon of @mdi/js that the app imports a module of its own, for the reason of
 * graphqlDocumentPerModule: @mdi/js is one module, so every icon any page or dialog uses went into the
 * chunk of its first importer, the entry, and every first visit downloaded them all. Now each icon goes
 * with the code that shows it. The dev server and tests use the package as it is.
 */
function mdiIconPerModule(): Plugin {
  const src = fileURLToPath(new URL('./src/', import.meta.url))
  const prefix = '\0mdi-icon:'
  const namedImport = /import\s*\{([^}]*)\}\s*from\s*(['"])@mdi\/js\2/g
  let icons: Map<string, string> | null = null
  return {
    name: 'mdi-icon-per-module',
    apply: 'build',
    transform(code, id) {
      if (!id.startsWith(src) || !/\.(ts|vue)$/.test(id) || !code.includes('@mdi/js')) return null
      const result = code.replace(namedImport, (_statement, names: string) =>
        importsPerExport(names, (exported) => `${prefix}${exported}`),
      )
      return result === code ? null : { code: result, map: null }
    },
    resolveId: (source) => (source.startsWith(prefix) ? source : null),
    load(id) {
      if (!id.startsWith(prefix)) return null
      icons ??= new Map(
        Array.from(
          readFileSync(
            fileURLToPath(new URL('./node_modules/@mdi/js/mdi.js', import.meta.url)),
            'utf8',
          ).matchAll(/^export var (\w+) = ("[^"]*");$/gm),
          ([, name, svgPath]) => [name, svgPath],
        ),
      )
      const name = id.slice(prefix.length)
      const svgPath = icons.get(name)
      if (!svgPath) this.error(`${name} is not an icon of @mdi/js`)
      return `export const ${name} = ${svgPath}\n`
    },
  }
}

/**
 * What an `import()` preloads, less the chunks already loaded when it runs: the entry's static imports
 * and theirs (every page runs the entry first), and the importer's. Vite lists those too, and every
 * page's first load carried their names in the entry's list. Stylesheets are not passed here and stay
 * as they are.
 */
function preloadsNotYetLoaded(): {
  plugin: Plugin
  resolveDependencies: ResolveModulePreloadDependenciesFn
} {
  let bundle: Rolldown.OutputBundle | null = null
  const staticGraph = (output: Rolldown.OutputBundle, roots: string[]): Set<string> => {
    const files = new Set<string>()
    const visit = (fileName: string): void => {
      const chunk = output[fileName]
      if (files.has(fileName) || chunk?.type !== 'chunk') return
      files.add(fileName)
      chunk.imports.forEach(visit)
    }
    roots.forEach(visit)
    return files
  }
  return {
    plugin: {
      name: 'preloads-not-yet-loaded',
      apply: 'build',
      // Before Vite's own generateBundle, which asks resolveDependencies.
      generateBundle: { order: 'pre', handler: (_options, output) => void (bundle = output) },
    },
    resolveDependencies(_file, deps, { hostId, hostType }) {
      if (hostType !== 'js' || !bundle) return deps
      const entries = Object.values(bundle).filter((file) => file.type === 'chunk' && file.isEntry)
      const loaded = staticGraph(bundle, [hostId, ...entries.map((entry) => entry.fileName)])
      return deps.filter((dep) => !loaded.has(dep))
    },
  }
}
const preloads = preloadsNotYetLoaded()

// Vuetify components are imported per use by the plugin (tree-shaken, with their own CSS); nothing
// listens beyond loopback unless asked on the command line (`vite --host`).
export default defineConfig({
  plugins: [
    vue({ features: { optionsAPI: false } }),
    vuetify({ autoImport: true }),
    withoutVuetifyDateAdapter(),
    vuetifyInstanceWithoutVueNamespace(),
    graphqlDocumentPerModule(),
    mdiIconPerModule(),
    preloads.plugin,
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // rxjs (under aws-amplify's real-time client) publishes an ES2015 build beside its default ES5 one;
    // the ES5 one brings tslib's class and generator helpers into the first load.
    conditions: [...defaultClientConditions, 'es2015'],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // Transformed while the reader is still on their way to the page: a cold dev server otherwise compiles
    // each file as the browser asks for it, one level of imports after the other.
    warmup: { clientFiles: ['./src/main.ts', './src/pages/*.vue', './src/components/*.vue'] },
  },
  // Everything the app loads, lazily too, is pre-bundled at start-up (see vuetifyModulesUsed).
  optimizeDeps: { include: vuetifyModulesUsed() },
  // The headers Amplify Hosting sends (customHttp.yml), plus the local backend's loopback ports in the CSP:
  // the e2e suite runs the production build under them.
  preview: { host: '127.0.0.1', port: 4173, headers: { ...PREVIEW_HEADERS } },
  build: {
    // bench/ui.ts reads the manifest to add up what each route ships.
    manifest: true,
    target: 'es2022',
    // No polyfill for <link rel="modulepreload"> (0.4 KB gzip on every first load): browsers without it
    // (Safari before 17) load the same modules, only without fetching a chunk's imports ahead.
    modulePreload: { polyfill: false, resolveDependencies: preloads.resolveDependencies },
    rolldownOptions: {
      // The AWS SDK's hash and encoding packages declare no `sideEffects`, and @aws-amplify/core imports
      // them for their side effects only (`import '@aws-crypto/sha256-js'`): they have none, so a chunk
      // that uses no export of theirs leaves them out. Every other module keeps its package's setting.
      treeshake: {
        moduleSideEffects: [{ test: /node_modules[\\/](@aws-crypto|@smithy)[\\/]/, sideEffects: false }],
      },
      output: {
        // Vue, Vuetify's core and the router, which every page needs before anything shows, in one chunk
        // rather than several small shared ones: fewer requests, and gzip compresses them together. The
        // same goes for Amplify's Hub, logger and errors, which the entry imports and pages and dialogs
        // import too: left to themselves they became a small chunk of its own on every first load.
        // Naming Amplify's folders is a choice of size only: a module that moves out of them lands in a
        // chunk of its own again, and works as before. The app's own modules stay out of this chunk, so
        // that it changes only with the packages.
        codeSplitting: {
          groups: [
            {
              name: 'app',
              tags: ['$initial'],
              test: new RegExp(
                [
                  /node_modules[\\/](@vue|vue|vue-router|vuetify|@vuetify)[\\/]/,
                  /node_modules[\\/]@aws-amplify[\\/]core[\\/]dist[\\/]esm[\\/](Hub|Logger|errors|context|constants)\b/,
                ]
                  .map((part) => part.source)
                  .join('|'),
              ),
            },
          ],
        },
      },
    },
  },
})
