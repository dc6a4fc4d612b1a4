// The app (api/v1/app.py): error renderer, headers, CORS, the before-request auth hook and the
// routers. The only composition root; it never listens (server.ts does).
import cors from '@koa/cors'
import Router from '@koa/router'
import Koa, { type Context, type Next } from 'koa'
import { systemClock, type Clock } from '../../models/clock.js'
import type { Db } from '../../models/db.js'
import { LoginAttempts } from '../../models/login_attempt.js'
import { PasswordHasher } from '../../models/password.js'
import { UserRepository } from '../../models/user.js'
import type { Auth } from './auth/auth.js'
import { createAuth } from './auth/factory.js'
import type { AppState } from './app_state.js'
import type { Config } from './config.js'
import { renderErrors } from './errors.js'
import { createIndexRouter } from './views/index.js'
import { createSessionAuthRouter } from './views/session_auth.js'
import { createUsersRouter } from './views/users.js'

/** Paths the hook lets through without credentials (SPEC A5 step 2). */
export const EXCLUDED_PATHS: readonly string[] = Object.freeze([
  '/api/v1/status/',
  '/api/v1/unauthorized/',
  '/api/v1/forbidden/',
  '/api/v1/auth_session/login/',
])

export interface AppDependencies {
  readonly db: Db
  readonly clock?: Clock
}

export type App = Koa<AppState>

/** Builds the Koa app for a configuration and an open database. */
export function createApp(config: Config, deps: AppDependencies): App {
  const clock = deps.clock ?? systemClock
  const passwords = new PasswordHasher(config.bcryptRounds)
  const users = new UserRepository(deps.db, clock, passwords)
  const auth = createAuth(config.authType, { sessionName: config.sessionName }, { users })
  const attempts = new LoginAttempts(deps.db, clock, config.loginWindowSeconds)
  void passwords.warmUp()

  const app: App = new Koa<AppState>({ proxy: config.trustProxy })
  app.use(renderErrors)
  app.use(securityHeaders)
  app.use(cors({ origin: corsOrigin(config), allowMethods: 'GET,HEAD,PUT,POST,DELETE', maxAge: 600 }))
  app.use(beforeRequest(auth))
  const router = new Router<AppState>({ sensitive: true })
  for (const view of [createIndexRouter(users), createUsersRouter(users), createSessionAuthRouter(auth, users, config, attempts)]) {
    router.use(view.routes())
  }
  app.use(methodNotAllowedAsJson)
  app.use(router.routes())
  app.use(router.allowedMethods())
  return app
}

/** SPEC A5: 401 without any credentials, 403 when they name nobody, else the user on ctx.state. */
function beforeRequest(auth: Auth | null) {
  return async function beforeRequest(ctx: Context, next: Next): Promise<void> {
    ctx.state.currentUser = null
    if (auth?.requireAuth(ctx.path, EXCLUDED_PATHS)) {
      if (auth.authorizationHeader(ctx) === null && auth.sessionCookie(ctx) === null) ctx.throw(401, 'Unauthorized')
      ctx.state.currentUser = await auth.currentUser(ctx)
      if (ctx.state.currentUser === null) ctx.throw(403, 'Forbidden')
    }
    await next()
  }
}

// allowedMethods answers a known path's other methods with 405 + Allow, and a method the router
// does not implement (TRACE, PROPFIND...) with 501: both are the client's mistake, so 405 JSON.
async function methodNotAllowedAsJson(ctx: Context, next: Next): Promise<void> {
  await next()
  if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) {
    ctx.status = 405
    ctx.body = { error: 'Method not allowed' }
  }
}

// Responses carry user data or session decisions: never cached, never sniffed.
async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff')
  ctx.set('Cache-Control', 'no-store')
  await next()
}

function corsOrigin(config: Config): string | ((ctx: Context) => string) {
  if (config.corsOrigins === '*') return '*'
  const allowed = new Set(config.corsOrigins)
  return (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : '')
}
