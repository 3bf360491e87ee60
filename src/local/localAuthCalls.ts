// Imported on demand by enableLocalBackend.ts: a module of its own, because a dynamic import of
// 'aws-amplify/auth' itself would keep every export of the package in the bundle.
export { signIn, signUp } from 'aws-amplify/auth'
