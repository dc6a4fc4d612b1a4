// Startup self-check over the routers' route table: an excluded path ending in `*` must not open a
// protected route. The app refuses to be built rather than serve one without auth.
import { ConfigError } from './config.js'

export interface RouteInfo {
  readonly path: string
  readonly methods: readonly string[]
}

/** Every route of the routers with its methods, as @koa/router holds them (`router.stack`). */
export function routesOf(routers: readonly { readonly stack: readonly { path: unknown, methods: readonly string[] }[] }[]): RouteInfo[] {
  return routers.flatMap((router) => router.stack.map(({ path, methods }) => ({ path: String(path), methods: [...methods] })))
}

/**
 * Throws a ConfigError naming the route and the pattern when a wildcard entry of `excludedPaths`
 * matches a route that no exact entry excludes.
 */
export function assertNoExposedRoutes(routes: readonly RouteInfo[], excludedPaths: readonly string[]): void {
  const exact = excludedPaths.filter((entry) => !entry.endsWith('*'))
  for (const entry of excludedPaths.filter((candidate) => candidate.endsWith('*'))) {
    const prefix = entry.slice(0, -1)
    for (const route of routes) {
      if (route.methods.length === 0 || isExactlyExcluded(route.path, exact)) continue
      if (canStartWith(route.path, prefix)) {
        throw new ConfigError(`excluded path "${entry}" would expose the protected route ${route.methods.join(',')} ${route.path}; remove the wildcard or list the public routes one by one`)
      }
    }
  }
}

function isExactlyExcluded(path: string, exact: readonly string[]): boolean {
  if (hasParameters(path)) return false
  const bare = path.endsWith('/') ? path.slice(0, -1) : path
  return exact.some((entry) => (entry.endsWith('/') ? entry.slice(0, -1) : entry) === bare)
}

// Whether some path the route answers (with or without its trailing slash, any parameter value)
// starts with `prefix`; parameters are assumed to match anything, which errs on refusing.
function canStartWith(pattern: string, prefix: string): boolean {
  const literal = literalPrefix(pattern)
  if (literal === pattern) return `${pattern}/`.startsWith(prefix) || pattern.startsWith(prefix)
  return literal.startsWith(prefix) || prefix.startsWith(literal)
}

function hasParameters(pattern: string): boolean {
  return literalPrefix(pattern) !== pattern
}

function literalPrefix(pattern: string): string {
  const index = pattern.search(/[:*({]/)
  return index === -1 ? pattern : pattern.slice(0, index)
}
