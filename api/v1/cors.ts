// CORS (SPEC A5: Access-Control-Allow-Origin on every response) as a front-door check: what
// @koa/cors did here, without an async layer per request. CORS_ORIGINS is `*` or an allow-list.
import type { Context } from 'koa'
import type { FrontCheck } from './front_door.js'

const ALLOW_METHODS = 'GET,HEAD,PUT,POST,DELETE'
const MAX_AGE_SECONDS = '600'

/**
 * Sets Vary: Origin always, and Access-Control-Allow-Origin to `*` or to the request's Origin when
 * it is allowed. A preflight (OPTIONS with Access-Control-Request-Method) from an allowed origin is
 * answered here: 204 with the allowed methods, the requested headers and a max age.
 */
export function corsCheck(origins: '*' | readonly string[]): FrontCheck {
  const allowed = origins === '*' ? null : new Set(origins)
  return function cors(ctx: Context): boolean {
    // The first Vary of every answer (nothing before the front door sets one): set, not appended.
    // On Node's response directly, as the security headers (issue 4).
    ctx.res.setHeader('Vary', 'Origin')
    const origin = allowed === null ? '*' : allowedOrigin(ctx, allowed)
    if (origin === '') return false
    ctx.res.setHeader('Access-Control-Allow-Origin', origin)
    if (ctx.method !== 'OPTIONS' || ctx.get('Access-Control-Request-Method') === '') return false
    ctx.set('Access-Control-Max-Age', MAX_AGE_SECONDS)
    ctx.set('Access-Control-Allow-Methods', ALLOW_METHODS)
    const requested = ctx.get('Access-Control-Request-Headers')
    if (requested !== '') ctx.set('Access-Control-Allow-Headers', requested)
    ctx.status = 204
    return true
  }
}

function allowedOrigin(ctx: Context, allowed: ReadonlySet<string>): string {
  const origin = ctx.get('origin')
  return allowed.has(origin) ? origin : ''
}
