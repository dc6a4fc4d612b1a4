// The cross-site check: a state change that a browser could send with the victim's session
// cookie, or a login (login CSRF), is refused when it comes from another site.
import type { Context, Middleware } from 'koa'
import { cookieValues } from '../auth/auth.js'
import { bearerToken } from '../auth/jwt_auth.js'

export interface CrossSiteOptions {
  /** Name of the session cookie whose presence makes a request cookie-authenticated. */
  readonly sessionName: string
  /** CORS_ORIGINS: '*' trusts no other origin for state changes; a list trusts those origins. */
  readonly corsOrigins: '*' | readonly string[]
  /** Paths that are refused from another site even without a cookie (login CSRF). */
  readonly alwaysChecked: readonly string[]
  /** True in the token modes: a request with a Bearer header authenticates by it, not by the cookie. */
  readonly bearerExempt?: boolean
}

// Methods a browser sends cross-site without asking (forms) or after a preflight the server
// granted; GET/HEAD/OPTIONS change nothing here.
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Middleware: 403 Forbidden for an unsafe method carrying the session cookie (or aimed at a
 * login path) when `Sec-Fetch-Site: cross-site` is sent or `Origin` names a foreign origin.
 * Requests without either header (curl, servers) are not browser-driven and pass.
 */
export function crossSiteCheck(options: CrossSiteOptions): Middleware {
  const trusted = new Set(options.corsOrigins === '*' ? [] : options.corsOrigins)
  return function crossSiteCheck(ctx, next) {
    if (!SAFE_METHODS.has(ctx.method) && isGuarded(ctx, options) && fromAnotherSite(ctx, trusted)) {
      ctx.throw(403, 'Forbidden')
    }
    return next()
  }
}

function isGuarded(ctx: Context, options: CrossSiteOptions): boolean {
  const path = ctx.path.endsWith('/') ? ctx.path.slice(0, -1) : ctx.path
  if (options.alwaysChecked.includes(path)) return true
  if (options.bearerExempt === true && bearerToken(ctx.get('Authorization')) !== null) return false
  return cookieValues(ctx.get('Cookie'), options.sessionName).length > 0
}

function fromAnotherSite(ctx: Context, trusted: ReadonlySet<string>): boolean {
  if (ctx.get('Sec-Fetch-Site').toLowerCase() === 'cross-site') return true
  const origin = ctx.get('Origin')
  if (origin === '') return false
  // Koa 3's ctx.origin is the Origin header itself; the server's own origin is built here.
  // `Origin: null` (sandboxed frames, file: pages) is never the server itself.
  return origin !== `${ctx.protocol}://${ctx.host}` && !trusted.has(origin)
}
