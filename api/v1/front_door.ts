// What every request passes before the auth hook (SPEC A5, issue 5), and the one Koa layer of the
// app: the request log line, the error renderer, then checks run in order, then the rest of the app
// as a plain function. Each Koa layer costs a promise and a bound function per request, which bare
// Koa does not pay; a request answered without waiting costs no promise here at all (issue 4).
import type { Context, Middleware } from 'koa'
import { answerEmpty, renderError } from './errors.js'
import type { Logger } from './log.js'

/**
 * One check before the auth hook: it sets headers, throws an HTTP error to refuse the request, or
 * returns true when it answered the request itself (a CORS preflight) and nothing else runs.
 */
export type FrontCheck = (ctx: Context) => boolean

/** The rest of the app: it answers at once (any value), or returns a promise settled once it has. */
export type Downstream = (ctx: Context) => unknown

/**
 * Middleware: runs `checks`, then `downstream`; renders every error as JSON (SPEC B6), gives
 * unanswered requests their 404/405 JSON, and logs one line per request with the final status.
 */
export function frontDoor(logger: Logger, checks: readonly FrontCheck[], downstream: Downstream): Middleware {
  return function frontDoor(ctx: Context): Promise<void> | undefined {
    const start = performance.now()
    let answered: unknown
    try {
      answered = answeredByChecks(ctx, checks) ? undefined : downstream(ctx)
    } catch (caught) {
      return finish(ctx, logger, start, { caught })
    }
    if (!(answered instanceof Promise)) return finish(ctx, logger, start, null)
    return answered.then(() => finish(ctx, logger, start, null), (caught: unknown) => finish(ctx, logger, start, { caught }))
  }
}

function answeredByChecks(ctx: Context, checks: readonly FrontCheck[]): boolean {
  for (const check of checks) if (check(ctx)) return true
  return false
}

// Koa's own error handler is left only what the renderer itself might throw; the line is logged anyway.
function finish(ctx: Context, logger: Logger, start: number, failure: { caught: unknown } | null): undefined {
  try {
    if (failure === null) answerEmpty(ctx)
    else renderError(ctx, failure.caught)
  } finally {
    logger.request(ctx.method, ctx.path, ctx.status, Math.round((performance.now() - start) * 100) / 100)
  }
  return undefined
}
