// The app (api/v1/app.py): error renderer, headers, CORS, the before-request auth hook and the
// routers. The only composition root; it never listens (server.ts does).
import cors from '@koa/cors'
import Router from '@koa/router'
import Koa, { type Context, type Middleware, type Next } from 'koa'
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
import { refuseCrossSite } from './csrf.js'
import { renderErrors } from './errors.js'
import { Logger, logRequests, type LogSink } from './log.js'
import { rejectAmbiguousHeaders } from './request_guard.js'
import { assertNoExposedRoutes } from './route_check.js'
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
  for (const middleware of beforeAuth(config, auth, logger)) app.use(middleware)
  app.use(beforeRequest(auth, excludedPaths))
  const router = new Router<AppState>({ sensitive: true })
  for (const view of [createIndexRouter(users), createUsersRouter(users), createSessionAuthRouter(auth, users, config, attempts)]) {
    router.use(view.routes())
  }
  assertNoExposedRoutes(router.stack.map(({ path, methods }) => ({ path: String(path), methods })), excludedPaths)
  app.use(router.routes())
  app.use(router.allowedMethods())
  return app
}

// What runs before the auth hook, outermost first: the request log sees the final status, the
// renderer turns every error below it into JSON, CORS headers reach errors too, and ambiguous
// or cross-site requests are refused before any credential is looked at (issue 5).
function beforeAuth(config: Config, auth: Auth | null, logger: Logger): Middleware[] {
  const chain: Middleware[] = [
    logRequests(logger),
    renderErrors,
    securityHeaders,
    cors({ origin: corsOrigin(config), allowMethods: 'GET,HEAD,PUT,POST,DELETE', maxAge: 600 }),
    plainOptionsOrigin(corsOrigin(config)),
    rejectAmbiguousHeaders,
  ]
  if (auth !== null) {
    const { sessionName, corsOrigins } = config
    chain.push(refuseCrossSite({ sessionName, corsOrigins, alwaysChecked: ['/api/v1/auth_session/login'] }))
  }
  return chain
}

/** SPEC A5: 401 without any credentials, 403 when they name nobody, else the user on ctx.state. */
function beforeRequest(auth: Auth | null, excludedPaths: readonly string[]) {
  return async function beforeRequest(ctx: Context, next: Next): Promise<void> {
    ctx.state.currentUser = null
    if (auth?.requireAuth(ctx.path, excludedPaths)) {
      if (auth.authorizationHeader(ctx) === null && auth.sessionCookie(ctx) === null) ctx.throw(401, 'Unauthorized')
      ctx.state.currentUser = await auth.currentUser(ctx)
      if (ctx.state.currentUser === null) ctx.throw(403, 'Forbidden')
    }
    await next()
  }
}

// Responses carry user data or session decisions: never cached, never sniffed. Middlewares that
// only act before next() return its promise instead of awaiting it: one async frame less each.
function securityHeaders(ctx: Context, next: Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff')
  ctx.set('Cache-Control', 'no-store')
  return next()
}

// @koa/cors sets no Access-Control-Allow-Origin on an OPTIONS that is not a preflight (no
// Access-Control-Request-Method), yet SPEC A5 wants it on every response.
function plainOptionsOrigin(origin: string | ((ctx: Context) => string)) {
  return function plainOptionsOrigin(ctx: Context, next: Next): Promise<void> {
    if (ctx.method === 'OPTIONS' && !ctx.get('Access-Control-Request-Method')) {
      const allowed = typeof origin === 'string' ? origin : origin(ctx)
      if (allowed !== '') ctx.set('Access-Control-Allow-Origin', allowed)
    }
    return next()
  }
}

function corsOrigin(config: Config): string | ((ctx: Context) => string) {
  if (config.corsOrigins === '*') return '*'
  const allowed = new Set(config.corsOrigins)
  return (ctx) => (allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : '')
}
