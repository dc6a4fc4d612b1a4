// The app (api/v1/app.py): the front door (log line, error renderer, headers, CORS, request
// guards), the before-request auth hook and the routes. The only composition root; never listens.
import Koa, { type Context } from 'koa'
import { systemClock, type Clock } from '../../models/clock.js'
import type { Db } from '../../models/db.js'
import { LoginAttempts } from '../../models/login_attempt.js'
import { PasswordHasher } from '../../models/password.js'
import { UserRepository } from '../../models/user.js'
import { UserSessionRepository } from '../../models/user_session.js'
import type { Auth } from './auth/auth.js'
import { createAuth } from './auth/factory.js'
import type { AppState } from './app_state.js'
import type { Config } from './config.js'
import { corsCheck } from './cors.js'
import { refuseCrossSite } from './csrf.js'
import { frontDoor, type FrontCheck } from './front_door.js'
import { Logger, type LogSink } from './log.js'
import { rejectAmbiguousHeaders } from './request_guard.js'
import { assertNoExposedRoutes } from './route_check.js'
import { Routes } from './routes.js'
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
  /** Where log lines go (default: stdout); tests pass one to read them. */
  readonly logSink?: LogSink
  /** Replaces EXCLUDED_PATHS; lets tests exercise the startup route check. */
  readonly excludedPaths?: readonly string[]
  /** Replaces the auth object AUTH_TYPE selects (bench/scale_server.ts passes one pre-filled with sessions). */
  readonly auth?: Auth | null
}

export type App = Koa<AppState>

/**
 * Builds the Koa app for a configuration and an open database; throws a ConfigError when an
 * excluded-path wildcard would expose a protected route.
 */
export function createApp(config: Config, deps: AppDependencies): App {
  const clock = deps.clock ?? systemClock
  const logger = new Logger(config.logLevel, deps.logSink)
  const excludedPaths = deps.excludedPaths ?? EXCLUDED_PATHS
  const passwords = new PasswordHasher(config.bcryptRounds)
  const users = new UserRepository(deps.db, clock, passwords)
  const sessions = new UserSessionRepository(deps.db, clock)
  const onSessionEvent = logger.session.bind(logger)
  const authOptions = { sessionName: config.sessionName, sessionDuration: config.sessionDuration, onSessionEvent }
  const auth = deps.auth !== undefined ? deps.auth : createAuth(config.authType, authOptions, { users, clock, sessions })
  const attempts = new LoginAttempts(deps.db, clock, config.loginWindowSeconds)
  void passwords.warmUp()

  // One trusted proxy appends the address it saw to X-Forwarded-For: only that last entry is the
  // client's (the rest is whatever the client sent), so ctx.ip, which the login limit counts, is it.
  const app: App = new Koa<AppState>({ proxy: config.trustProxy, maxIpsCount: 1 })
  app.on('error', (error: unknown) => logger.error({ event: 'error', message: error instanceof Error ? error.message : String(error) }))
  const routes = new Routes()
  for (const view of [createIndexRouter(users), createUsersRouter(users), createSessionAuthRouter(auth, users, config, attempts)]) {
    routes.use(view)
  }
  assertNoExposedRoutes(routes.info, excludedPaths)
  const hook = beforeRequest(auth, excludedPaths)
  const dispatch = routes.middleware()
  const afterChecks = (ctx: Context): unknown => {
    const waiting = hook(ctx)
    return waiting === undefined ? dispatch(ctx) : waiting.then(() => dispatch(ctx))
  }
  // One Koa layer (issue 4); it carries the route table, so a test can read what the app serves.
  app.use(Object.assign(frontDoor(logger, frontChecks(config, auth), afterChecks), { routes: dispatch.routes }))
  return app
}

// The front door's checks, in order: headers every answer carries (errors too), CORS, then
// ambiguous or cross-site requests are refused before any credential is looked at (issue 5).
function frontChecks(config: Config, auth: Auth | null): FrontCheck[] {
  const checks: FrontCheck[] = [securityHeaders, corsCheck(config.corsOrigins), rejectAmbiguousHeaders]
  if (auth !== null) {
    const { sessionName, corsOrigins } = config
    checks.push(refuseCrossSite({ sessionName, corsOrigins, alwaysChecked: ['/api/v1/auth_session/login'] }))
  }
  return checks
}

/**
 * SPEC A5: 401 without any credentials, 403 when they name nobody, else the user on ctx.state.
 * Undefined when the request may go on at once (no auth, an excluded path, a user known from
 * memory); else a promise settled once currentUser has answered (issue 4).
 */
function beforeRequest(auth: Auth | null, excludedPaths: readonly string[]) {
  return function beforeRequest(ctx: Context): Promise<void> | undefined {
    ctx.state.currentUser = null
    if (auth === null || !auth.requireAuth(ctx.path, excludedPaths)) return undefined
    if (auth.authorizationHeader(ctx) === null && auth.sessionCookie(ctx) === null) ctx.throw(401, 'Unauthorized')
    const known = auth.knownUser(ctx)
    if (known !== undefined) {
      ctx.state.currentUser = known
      return undefined
    }
    return auth.currentUser(ctx).then((user) => {
      if (user === null) ctx.throw(403, 'Forbidden')
      ctx.state.currentUser = user
    })
  }
}

// Responses carry user data or session decisions: never cached, never sniffed. Set on Node's
// response directly: nothing has been sent yet, and Koa's ctx.set would only add calls (issue 4).
function securityHeaders(ctx: Context): boolean {
  ctx.res.setHeader('X-Content-Type-Options', 'nosniff')
  ctx.res.setHeader('Cache-Control', 'no-store')
  return false
}
