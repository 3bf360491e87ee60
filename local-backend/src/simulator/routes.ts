import type { HttpStep } from './requestPipeline'

/**
 * `POST /graphql` as express routes it for the simulator (`app.post('/graphql')`): case-insensitive, an
 * optional trailing slash, any query string. Every check keyed on the path uses this, so `/GRAPHQL` or
 * `/graphql/` cannot reach the simulator's handler around a check.
 */
export const isGraphqlPath = (url = ''): boolean => /^\/graphql\/?(?:\?|$)/i.test(url)

const notFound = JSON.stringify({
  errors: [
    { errorType: 'NotFound', message: 'The local backend serves only POST /graphql and /graphql/realtime.' },
  ],
})

/**
 * Only the GraphQL endpoint (and its CORS preflight) goes on to the simulator. Its other routes are not for
 * the app and are answered 404 in every letter case: `DELETE /clear-data` (wipes every table, without
 * credentials), `GET /api-config` (the API's configuration, key included, to any page, CORS being open) and
 * the static files of the `amplify mock` console.
 */
export const onlyGraphqlRoutes: HttpStep = (req, res, next) => {
  if ((req.method === 'POST' || req.method === 'OPTIONS') && isGraphqlPath(req.url)) return next()
  res.writeHead(404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
  res.end(notFound)
}
