// The exercise's before-request hook (0x01 task 5, 0x02 task 5), for every request before routing:
// 401 without any credentials, 403 when they name nobody, else the user on ctx.state.
import type { Middleware } from 'koa'
import type { AppState } from '../app_state.js'
import type { Auth } from '../auth/auth.js'

/** Middleware: authenticates every path `excludedPaths` does not exclude; no auth object, no check. */
export function beforeRequest(auth: Auth | null, excludedPaths: readonly string[]): Middleware<AppState> {
  return async function beforeRequest(ctx, next) {
    ctx.state.currentUser = null
    if (auth?.requireAuth(ctx.path, excludedPaths)) {
      if (auth.authorizationHeader(ctx) === null && auth.sessionCookie(ctx) === null) ctx.throw(401, 'Unauthorized')
      ctx.state.currentUser = await auth.currentUser(ctx)
      if (ctx.state.currentUser === null) ctx.throw(403, 'Forbidden')
    }
    await next()
  }
}
