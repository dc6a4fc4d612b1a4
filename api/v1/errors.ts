// The one error renderer (SPEC A5, B6): every error leaves as {"error": message} JSON. Messages are
// exposed for 4xx only; anything else is a 500 whose details go to the log, never to the client.
import type { Context, Next } from 'koa'
import { RETRY_AFTER_SECONDS, isStorageUnavailable } from './unavailable.js'

interface HttpErrorLike {
  status?: unknown
  expose?: unknown
  message?: unknown
  headers?: unknown
}

/** Renders downstream errors, an unmatched route and a refused method as JSON. */
export async function renderErrors(ctx: Context, next: Next): Promise<void> {
  try {
    await next()
    if (ctx.body == null) emptyAnswerAsJson(ctx)
  } catch (caught) {
    const error = (typeof caught === 'object' && caught !== null ? caught : {}) as HttpErrorLike
    const unavailable = isStorageUnavailable(caught)
    const status = unavailable ? 503 : typeof error.status === 'number' && error.status >= 400 && error.status <= 599 ? error.status : 500
    const exposed = status < 500 && error.expose === true && typeof error.message === 'string'
    ctx.status = status
    // A failed request never hands out or renews a session (SECURITY universal invariant 3).
    ctx.remove('Set-Cookie')
    if (unavailable) ctx.set('Retry-After', String(RETRY_AFTER_SECONDS))
    ctx.body = { error: exposed ? error.message : status === 503 ? 'Service unavailable' : 'Internal server error' }
    if (typeof error.headers === 'object' && error.headers !== null) {
      for (const [name, value] of Object.entries(error.headers)) if (typeof value === 'string') ctx.set(name, value)
    }
    if (status >= 500) ctx.app.emit('error', caught, ctx)
  }
}

// The router leaves these without a body. allowedMethods answers a known path's other methods
// with 405 + Allow, and a method it does not implement (TRACE, PROPFIND...) with 501: both are
// the client's mistake, so 405 JSON.
function emptyAnswerAsJson(ctx: Context): void {
  if (ctx.status === 404) ctx.throw(404, 'Not found')
  if (ctx.status === 405 || ctx.status === 501) {
    ctx.status = 405
    ctx.body = { error: 'Method not allowed' }
  }
}
