import {
  AmplifyApiGraphQlResourceStackTemplate,
  AmplifyProjectInfo,
} from '@aws-amplify/cli-extensibility-helper'

// The Amplify CLI compiles this file to build/override.js with its own tsconfig (no resolveJsonModule, no
// Node types promised), so limits.json is read when the override runs, relative to the compiled file.
declare const require: (id: string) => unknown

interface ApiLimits {
  queryDepthLimit: number
  resolverCountLimit: number
}

/**
 * AppSync's own bounds on one request, from ./limits.json, where the local backend reads them too: how deep a
 * query may nest, and how many resolvers one request may run (aliases make one request many queries).
 */
export function override(
  resources: AmplifyApiGraphQlResourceStackTemplate,
  _projectInfo: AmplifyProjectInfo,
) {
  const limits = require('../limits.json') as ApiLimits
  resources.api.GraphQLAPI.queryDepthLimit = limits.queryDepthLimit
  resources.api.GraphQLAPI.resolverCountLimit = limits.resolverCountLimit
}
