/**
 * The AWS SDK v3 (used by the simulator to reach the in-process DynamoDB) warns on every start that its
 * releases after January 2027 will need Node 22. The pinned version runs on Node 20 and nothing here talks to
 * AWS, so the warning only buries the backend's own output. This is the SDK's own switch for it.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
