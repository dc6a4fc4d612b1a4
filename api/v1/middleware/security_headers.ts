// Headers every answer carries, errors included: responses hold user data or session decisions,
// so they are never cached and never content-sniffed.
import type { Middleware } from 'koa'

/** Middleware: Cache-Control: no-store and X-Content-Type-Options: nosniff. */
export function securityHeaders(): Middleware {
  return function securityHeaders(ctx, next) {
    ctx.set('X-Content-Type-Options', 'nosniff')
    ctx.set('Cache-Control', 'no-store')
    return next()
  }
}
