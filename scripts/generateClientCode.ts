import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import { generateStatements, generateTypes } from '@aws-amplify/graphql-generator'
import { extractDocumentFromJavascript } from '@aws-amplify/graphql-types-generator'
import { compileApi } from '../local-backend/src/compile/compileApi'
import { projectRoot } from '../local-backend/src/compile/readApiProject'

// The CommonJS graphql the generators load, whatever module system runs this file.
const { Source } = createRequire(import.meta.url)('graphql') as typeof import('graphql')

// The settings `amplify codegen` reads from .graphqlconfig.yml; kept equal to that file (see checkGraphqlConfig).
export const codegenSettings = {
  docsFilePath: 'src/graphql',
  generatedFileName: 'src/API.ts',
  maxDepth: 2,
}

/**
 * Generates the typed GraphQL operations and types from the compiled schema with
 * @aws-amplify/graphql-generator, the library `amplify codegen` calls, with the options it passes.
 * Returns file contents keyed by path relative to the project root.
 */
export async function generateClientCode(): Promise<Record<string, string>> {
  await checkGraphqlConfig()
  const { schema } = await compileApi()
  const relativeTypesPath = path
    .relative(codegenSettings.docsFilePath, codegenSettings.generatedFileName)
    .replace(/\.ts$/, '')
  const statements = generateStatements({
    schema,
    target: 'typescript',
    maxDepth: codegenSettings.maxDepth,
    typenameIntrospection: true,
    relativeTypesPath,
  })
  const files: Record<string, string> = {}
  for (const [fileName, content] of Object.entries(statements)) {
    files[path.join(codegenSettings.docsFilePath, fileName)] = content
  }
  // As amplify-codegen does: read the operations back out of the generated TypeScript.
  const queries = Object.entries(files)
    // In path order (mutations, queries, subscriptions), as amplify-codegen globs them: API.ts follows it.
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([file, content]) => new Source(extractDocumentFromJavascript(content, '') ?? '', file))
  const types = await generateTypes({
    schema,
    target: 'typescript',
    queries,
    introspection: false,
    multipleSwiftFiles: false,
  })
  files[codegenSettings.generatedFileName] = Object.values(types)[0]
  return files
}

async function checkGraphqlConfig() {
  const config = await readFile(path.join(projectRoot, '.graphqlconfig.yml'), 'utf8')
  for (const [key, value] of Object.entries(codegenSettings)) {
    if (!config.includes(`${key}: ${value}`)) {
      throw new Error(
        `.graphqlconfig.yml must set ${key}: ${value} (scripts/generateClientCode.ts reads the same)`,
      )
    }
  }
}
