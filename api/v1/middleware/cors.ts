// CORS with @koa/cors: Access-Control-Allow-Origin on every answer, `*` or, with CORS_ORIGINS, the
// request's Origin when it is listed; preflights answered here, before the auth hook.
import koaCors from '@koa/cors'
import type { Context, Middleware } from 'koa'

/** Middleware: @koa/cors for CORS_ORIGINS (`*` or an allow-list of exact origins). */
export function cors(origins: '*' | readonly string[]): Middleware {
  const allowed = origins === '*' ? null : new Set(origins)
  const origin = (ctx: Context): string => (allowed === null ? '*' : allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : '')
  // A fixed `*` when every origin is allowed: @koa/cors then has no function to call and await.
  const library = koaCors({ origin: allowed === null ? '*' : origin, allowMethods: 'GET,HEAD,PUT,POST,DELETE', maxAge: 600 })
  // @koa/cors takes every OPTIONS for a preflight and leaves a plain one (no
  // Access-Control-Request-Method) without the header that every answer carries here.
  return function cors(ctx, next) {
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') === '') {
      const allowedOrigin = origin(ctx)
      if (allowedOrigin !== '') ctx.set('Access-Control-Allow-Origin', allowedOrigin)
    }
    return library(ctx, next)
  }
}
