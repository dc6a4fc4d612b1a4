// What every request passes before the auth hook (SPEC A5, issue 5), as one middleware: the request
// log line, the error renderer, then checks run in order. One layer instead of one per concern:
// each Koa layer costs a promise and a frame per request, which bare Koa does not pay (issue 4).
import type { Context, Middleware, Next } from 'koa'
import { answerEmpty, renderError } from './errors.js'
import type { Logger } from './log.js'

/**
 * One check before the auth hook: it sets headers, throws an HTTP error to refuse the request, or
 * returns true when it answered the request itself (a CORS preflight) and nothing else runs.
 */
export type FrontCheck = (ctx: Context) => boolean

/**
 * Middleware: runs `checks`, then the rest of the app; renders every error as JSON (SPEC B6), gives
 * unanswered requests their 404/405 JSON, and logs one line per request with the final status.
 */
export function frontDoor(logger: Logger, checks: readonly FrontCheck[]): Middleware {
  return function frontDoor(ctx: Context, next: Next): Promise<void> {
    const start = performance.now()
    let downstream: Promise<void>
    try {
      downstream = answeredByChecks(ctx, checks) ? Promise.resolve() : next()
    } catch (caught) {
      downstream = Promise.reject(caught)
    }
    return downstream.then(() => finish(ctx, logger, start, null), (caught: unknown) => finish(ctx, logger, start, { caught }))
  }
}

function answeredByChecks(ctx: Context, checks: readonly FrontCheck[]): boolean {
  for (const check of checks) if (check(ctx)) return true
  return false
}

// Koa's own error handler is left only what the renderer itself might throw; the line is logged anyway.
function finish(ctx: Context, logger: Logger, start: number, failure: { caught: unknown } | null): void {
  try {
    if (failure === null) answerEmpty(ctx)
    else renderError(ctx, failure.caught)
  } finally {
    logger.request(ctx.method, ctx.path, ctx.status, Math.round((performance.now() - start) * 100) / 100)
  }
}
