// The one error renderer, first in the chain: every error leaves as {"error": message} JSON.
// Messages are exposed for 4xx only; anything else is a 500 whose details go to the log.
import type { Context, Middleware } from 'koa'
import { TooManyAttemptsError } from '../../../models/attempt_store.js'
import { StoreUnavailableError } from '../../../models/store_errors.js'

/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1

interface HttpErrorLike {
  status?: unknown
  expose?: unknown
  message?: unknown
  headers?: unknown
}

/**
 * Middleware: renders what the rest of the chain throws, and gives a request nothing answered its
 * JSON 404, or 405 for a known path's other method (501 from the router: the client's mistake too).
 */
export function errorRenderer(): Middleware {
  return async function errorRenderer(ctx, next) {
    try {
      await next()
      if (ctx.body == null) answerEmpty(ctx)
    } catch (caught) {
      renderError(ctx, caught)
    }
  }
}

/** Turns an error thrown while handling the request into its JSON answer (reported when 5xx). */
export function renderError(ctx: Context, caught: unknown): void {
  const error = asHttpError(caught)
  const status = typeof error.status === 'number' && error.status >= 400 && error.status <= 599 ? error.status : 500
  const exposed = status < 500 && error.expose === true && typeof error.message === 'string'
  ctx.status = status
  // A failed request never hands out or renews a session.
  ctx.remove('Set-Cookie')
  ctx.body = { error: exposed ? error.message : status === 503 ? 'Service unavailable' : 'Internal server error' }
  if (typeof error.headers === 'object' && error.headers !== null) {
    for (const [name, value] of Object.entries(error.headers)) if (typeof value === 'string') ctx.set(name, value)
  }
  if (status >= 500) ctx.app.emit('error', caught, ctx)
}

// The errors the stores throw, as the HTTP errors they answer; anything else as it is.
function asHttpError(caught: unknown): HttpErrorLike {
  const retryAfter = (seconds: number) => ({ 'Retry-After': String(seconds) })
  if (caught instanceof TooManyAttemptsError) {
    return { status: 429, expose: true, message: 'Too many requests', headers: retryAfter(caught.retryAfterSeconds) }
  }
  // A backend that cannot serve now is an outage, not a bug: the client may retry.
  if (caught instanceof StoreUnavailableError) return { status: 503, headers: retryAfter(RETRY_AFTER_SECONDS) }
  return typeof caught === 'object' && caught !== null ? caught : {}
}

/**
 * The 4xx status of an error the client caused where no handler could answer it (a framing error
 * Node's parser found in the body, an error carrying a 4xx status), or null for a server fault.
 */
export function clientFaultStatus(error: unknown): number | null {
  const { code, status } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown, status?: unknown }
  if (typeof status === 'number' && status >= 400 && status < 500) return status
  return typeof code === 'string' && code.startsWith('HPE_') ? 400 : null
}

// Koa's 404 before any handler is not explicit: set it, or the body setter makes it a 200.
function answerEmpty(ctx: Context): void {
  if (ctx.status === 404) answer(ctx, 404, 'Not found')
  else if (ctx.status === 405 || ctx.status === 501) answer(ctx, 405, 'Method not allowed')
}

function answer(ctx: Context, status: number, error: string): void {
  ctx.status = status
  ctx.body = { error }
}
