// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'
import unitIsolated from './tests/unit/isolated.json' with { type: 'json' }

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      '.local-backend-data/**',
      'src/graphql/**',
      'src/API.ts',
      'amplify/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Every package the code imports is declared in package.json: one reached only through another
    // package's dependencies can vanish or change version when that package updates. The app (src/) ships
    // to browsers, so it may import only `dependencies`; everything else is tooling and may use devDependencies.
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.vue', '.json'] })],
      'import-x/internal-regex': '^@/',
    },
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: true, includeTypes: true }],
    },
  },
  {
    files: ['src/**'],
    rules: {
      'import-x/no-extraneous-dependencies': ['error', { devDependencies: false, includeTypes: true }],
    },
  },
  // Folder boundaries (each folder's README says the same): code shared by tests, benchmarks and scripts
  // lives in testkit/, so nothing outside tests/ reaches into it, and testkit/ imports none of its users.
  {
    files: ['bench/**', 'scripts/**', 'testkit/**', 'src/**', 'local-backend/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)tests/',
              message: 'Shared test code lives in testkit/; tests/ is imported by nothing.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['testkit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)tests/', message: 'testkit/ is imported by tests/, never the other way.' },
            {
              regex: '(^|/)(bench|scripts)/',
              message: 'testkit/ is imported by bench/ and scripts/, never the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**', 'local-backend/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(tests|testkit|bench|scripts)/',
              message: 'The app and the local backend import no test, benchmark or script code.',
            },
          ],
        },
      ],
    },
  },
  // Unit test files share one module graph (vitest.config.ts, isolate: false) unless listed in
  // tests/unit/isolated.json: only those may replace modules or globals.
  {
    files: ['tests/unit/**/*.ts'],
    ignores: unitIsolated,
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'unmock', 'resetModules', 'stubGlobal', 'stubEnv'].map((property) => ({
          object: 'vi',
          property,
          message:
            'This file shares its module graph with other unit tests: add it to tests/unit/isolated.json.',
        })),
      ],
    },
  },
  prettier,
)
