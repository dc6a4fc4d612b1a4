// The request log: one JSON line per request, with the status the client finally received
// (errors included: the renderer runs outside this middleware), written once the response ends.
import type { Middleware } from 'koa'
import type { Logger } from '../log.js'

/** Middleware: logs method, path, final status and duration of every request. */
export function requestLog(logger: Logger): Middleware {
  return function requestLog(ctx, next) {
    const start = performance.now()
    ctx.res.once('close', () => {
      logger.request(ctx.method, ctx.path, ctx.status, Math.round((performance.now() - start) * 100) / 100)
    })
    return next()
  }
}
