// The one error renderer (SPEC A5, B6): every error leaves as {"error": message} JSON. Messages are
// exposed for 4xx only; anything else is a 500 whose details go to the log, never to the client.
import type { Context } from 'koa'
import { RETRY_AFTER_SECONDS, isStorageUnavailable } from './unavailable.js'

interface HttpErrorLike {
  status?: unknown
  expose?: unknown
  message?: unknown
  headers?: unknown
}

/** Turns an error thrown while handling the request into its JSON answer (reported when 5xx). */
export function renderError(ctx: Context, caught: unknown): void {
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

/**
 * Gives a request that was handled without a body its JSON answer: 404 {"error": "Not found"} when
 * no route matched, and 405 {"error": "Method not allowed"} for a known path's other methods (405
 * + Allow from the router) and for a method it does not implement (TRACE, PROPFIND...: the router
 * says 501, but it is the client's mistake).
 */
export function answerEmpty(ctx: Context): void {
  if (ctx.body != null) return
  // Koa's 404 before any handler is not explicit: set it, or the body setter makes it a 200.
  if (ctx.status === 404) answer(ctx, 404, 'Not found')
  else if (ctx.status === 405 || ctx.status === 501) answer(ctx, 405, 'Method not allowed')
}

function answer(ctx: Context, status: number, error: string): void {
  ctx.status = status
  ctx.body = { error }
}
