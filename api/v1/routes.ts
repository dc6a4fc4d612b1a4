// The API's route table: what @koa/router did here (case-sensitive paths, an optional trailing
// slash, `:name` segments, HEAD with GET, 405 + Allow), built once: a map of static paths and a
// regular expression per pattern. @koa/router matched and composed per request (issue 4; README).
import compose from 'koa-compose'
import type { Middleware, Next, ParameterizedContext } from 'koa'
import type { AppState } from './app_state.js'
import type { RouteInfo } from './route_check.js'

/** The context of a routed request: `params` holds the `:name` segments, percent-decoded. */
export type RouteContext = ParameterizedContext<AppState> & { params: Record<string, string> }
export type RouteHandler = (ctx: RouteContext, next: Next) => unknown

/** A Koa middleware that also runs on its own, at the end of a pipeline (a handler's next() then does nothing). */
export type RoutesMiddleware = ((ctx: ParameterizedContext<AppState>, next?: Next) => unknown) & { readonly routes: readonly RouteInfo[] }

const END: Next = () => Promise.resolve()

// What the router answers for at all: anything else is 501 (which the renderer makes 405).
const IMPLEMENTED = new Set(['HEAD', 'OPTIONS', 'GET', 'PUT', 'PATCH', 'POST', 'DELETE'])

interface Route {
  readonly path: string
  /** A path with `:name` segments as a regular expression, each matching one non-empty segment. */
  readonly pattern: RegExp | null
  /** The names of the `:name` segments, in order. */
  readonly names: readonly string[]
  readonly methods: readonly string[]
  readonly handle: RouteHandler
}

/** Routes under a prefix, declared like @koa/router's (`routes.get('/users/:id', handler)`). */
export class Routes {
  private readonly list: Route[] = []

  constructor(private readonly prefix = '') {}

  get(path: string, ...handlers: RouteHandler[]): this { return this.add(['HEAD', 'GET'], path, handlers) }
  post(path: string, ...handlers: RouteHandler[]): this { return this.add(['POST'], path, handlers) }
  put(path: string, ...handlers: RouteHandler[]): this { return this.add(['PUT'], path, handlers) }
  delete(path: string, ...handlers: RouteHandler[]): this { return this.add(['DELETE'], path, handlers) }

  /** Takes in another table's routes, after this one's. */
  use(other: Routes): this {
    this.list.push(...other.list)
    return this
  }

  /** Every route with its methods (for the startup check of excluded paths). */
  get info(): RouteInfo[] {
    return this.list.map(({ path, methods }) => ({ path, methods }))
  }

  /**
   * Middleware: runs the matching route, or leaves 404, 405 + Allow, 200 + Allow (OPTIONS) or 501.
   * It carries the table's `routes`, so a test can read what an app serves.
   */
  middleware(): RoutesMiddleware {
    const table = new RouteTable(this.list)
    const routes = function routes(ctx: ParameterizedContext<AppState>, next: Next = END): unknown {
      const found = table.find(ctx.path, ctx.method)
      if (found !== null) {
        const routed = ctx as RouteContext
        routed.params = found.params
        return found.route.handle(routed, next)
      }
      noRoute(ctx, table.allowedMethods(ctx.path))
      return next()
    }
    return Object.assign(routes, { routes: this.info })
  }

  private add(methods: string[], path: string, handlers: RouteHandler[]): this {
    const full = this.prefix + path
    // A lone handler runs as it is: compose would add a promise and a bound function per request.
    const [only] = handlers
    const handle = handlers.length === 1 && only !== undefined ? only : (compose(handlers as Middleware[]) as RouteHandler)
    this.list.push({ path: full, ...compile(full), methods, handle })
    return this
  }
}

function noRoute(ctx: ParameterizedContext<AppState>, allowed: string[]): void {
  const method = ctx.method.toUpperCase()
  if (!IMPLEMENTED.has(method)) {
    ctx.status = 501
  } else if (method === 'OPTIONS' && allowed.length > 0) {
    ctx.status = 200
    ctx.body = ''
  } else if (allowed.length > 0) {
    ctx.status = 405
  } else {
    return
  }
  ctx.set('Allow', allowed.join(', '))
}

interface Match {
  readonly route: Route
  readonly params: Record<string, string>
}

// Static paths (without their trailing slash) in a map; the few with a `:name` segment in a list.
// A request path is matched as sent, never decoded first: only parameter values are decoded.
class RouteTable {
  private readonly byPath = new Map<string, Route[]>()
  private readonly patterns: Route[] = []

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      if (route.pattern !== null) this.patterns.push(route)
      else this.byPath.set(withoutSlash(route.path), [...(this.byPath.get(withoutSlash(route.path)) ?? []), route])
    }
  }

  /** The route answering `method` on `path` (a static path before a pattern), or null. */
  find(path: string, method: string): Match | null {
    const bare = withoutSlash(path)
    for (const route of this.byPath.get(bare) ?? []) if (route.methods.includes(method)) return { route, params: {} }
    for (const route of this.patterns) {
      if (!route.methods.includes(method)) continue
      const params = parametersOf(route, bare)
      if (params !== null) return { route, params }
    }
    return null
  }

  /** Every method some route answers on `path`, in the order the routes were declared. */
  allowedMethods(path: string): string[] {
    const bare = withoutSlash(path)
    const routes = [...(this.byPath.get(bare) ?? []), ...this.patterns.filter((route) => parametersOf(route, bare) !== null)]
    return [...new Set(routes.flatMap((route) => route.methods))]
  }
}

function compile(path: string): { pattern: RegExp | null, names: string[] } {
  const names: string[] = []
  const source = path.split('/').map((segment) => {
    if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    names.push(segment.slice(1))
    return '([^/]+)'
  })
  return { pattern: names.length === 0 ? null : new RegExp(`^${source.join('/')}$`), names }
}

function parametersOf(route: Route, bare: string): Record<string, string> | null {
  const match = route.pattern?.exec(bare) ?? null
  if (match === null) return null
  const params: Record<string, string> = {}
  route.names.forEach((name, index) => { params[name] = decoded(match[index + 1] ?? '') })
  return params
}

function withoutSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
}

// As @koa/router: a malformed escape leaves the value as sent.
function decoded(segment: string): string {
  if (!segment.includes('%')) return segment
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
