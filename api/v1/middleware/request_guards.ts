// Requests that different HTTP parsers would read differently are refused before any
// authentication: a proxy and this server must never disagree on who is asking.
import type { Context, Middleware } from 'koa'

/** More header fields than this answers 431; Node itself only limits their total size. */
export const MAX_HEADER_FIELDS = 100

/**
 * Middleware: 400 {"error": "Duplicate Authorization header"} when the request carries more than
 * one Authorization header (Node keeps the first; a proxy may use the last), and 431 when it has
 * more than MAX_HEADER_FIELDS header fields.
 */
export function requestGuards(): Middleware {
  return function requestGuards(ctx, next) {
    rejectAmbiguousHeaders(ctx)
    return next()
  }
}

function rejectAmbiguousHeaders(ctx: Context): void {
  const raw = ctx.req.rawHeaders
  if (raw.length / 2 > MAX_HEADER_FIELDS) ctx.throw(431, 'Too many header fields')
  let authorizations = 0
  for (let index = 0; index < raw.length; index += 2) {
    // The length test spares a lowercase copy of every other header name.
    const name = raw[index]
    if (name?.length === 13 && name.toLowerCase() === 'authorization') authorizations += 1
  }
  if (authorizations > 1) ctx.throw(400, 'Duplicate Authorization header')
}
