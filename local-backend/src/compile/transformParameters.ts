import type { TransformParameters } from '@aws-amplify/graphql-transformer-interfaces'

/** Maps amplify/cli.json `graphqltransformer` feature flags to the transformer's parameters, as the CLI does. */
export function transformParametersFromFlags(
  flags: Record<string, unknown>,
  sandboxModeEnabled = false,
): TransformParameters {
  const flag = (name: string, fallback: boolean) =>
    typeof flags[name] === 'boolean' ? (flags[name] as boolean) : fallback
  return {
    enableTransformerCfnOutputs: true,
    shouldDeepMergeDirectiveConfigDefaults: flag('shoulddeepmergedirectiveconfigdefaults', true),
    disableResolverDeduping: flag('disableresolverdeduping', false),
    // From the schema's global auth rule, as the CLI passes it (the transformer applies it only with an API key).
    sandboxModeEnabled,
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
