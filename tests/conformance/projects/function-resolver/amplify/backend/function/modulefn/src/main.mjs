// An ES module handler (main.mjs, Handler "main.handler") importing a dependency from its own node_modules.
import { greet } from 'greeting-lib'

export const handler = async (event) => ({
  greeting: greet(event.arguments.name, process.env.GREETING),
  env: process.env.ENV,
  fieldName: event.fieldName,
})
