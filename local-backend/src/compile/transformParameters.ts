import type { TransformParameters } from '@aws-amplify/graphql-transformer-interfaces'

/** Maps amplify/cli.json `graphqltransformer` feature flags to the transformer's parameters, as the CLI does. */
export function transformParametersFromFlags(flags: Record<string, unknown>): TransformParameters {
  const flag = (name: string, fallback: boolean) =>
    typeof flags[name] === 'boolean' ? (flags[name] as boolean) : fallback
  return {
    enableTransformerCfnOutputs: true,
    shouldDeepMergeDirectiveConfigDefaults: flag('shoulddeepmergedirectiveconfigdefaults', true),
    disableResolverDeduping: flag('disableresolverdeduping', false),
    sandboxModeEnabled: false,
    allowDestructiveGraphqlSchemaUpdates: false,
    replaceTableUponGsiUpdate: false,
    allowGen1Patterns: true,
    useSubUsernameForDefaultIdentityClaim: flag('usesubusernamefordefaultidentityclaim', true),
    populateOwnerFieldForStaticGroupAuth: flag('populateownerfieldforstaticgroupauth', true),
    suppressApiKeyGeneration: flag('suppressapikeygeneration', false),
    subscriptionsInheritPrimaryAuth: flag('subscriptionsinheritprimaryauth', false),
    secondaryKeyAsGSI: flag('secondarykeyasgsi', true),
    enableAutoIndexQueryNames: flag('enableautoindexquerynames', true),
    respectPrimaryKeyAttributesOnConnectionField: flag('respectprimarykeyattributesonconnectionfield', true),
    enableSearchNodeToNodeEncryption: false,
    enableGen2Migration: flag('enablegen2migration', false),
  }
}
