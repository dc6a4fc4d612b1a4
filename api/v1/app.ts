// The app (api/v1/app.py): the middleware chain in the order every request meets it, then the
// exercise's routers. The only composition root; it never listens (server.ts does).
import Koa from 'koa'
import { systemClock, type Clock } from '../../models/clock.js'
import { PasswordHasher } from '../../models/password.js'
import type { SessionStore } from '../../models/session_store.js'
import type { Storage } from '../../models/storage.js'
import type { TokenStore } from '../../models/token_store.js'
import { UserRepository } from '../../models/user.js'
import type { AppState } from './app_state.js'
import type { Auth } from './auth/auth.js'
import { createAuth } from './auth/factory.js'
import { JwtAuth } from './auth/jwt_auth.js'
import type { Config } from './config.js'
import { Logger, type LogSink } from './log.js'
import { beforeRequest } from './middleware/before_request.js'
import { cors } from './middleware/cors.js'
import { crossSiteCheck } from './middleware/cross_site.js'
import { clientFaultStatus, errorRenderer } from './middleware/error_renderer.js'
import { pipelineOrder } from './middleware/pipeline_order.js'
import { requestGuards } from './middleware/request_guards.js'
import { requestLog } from './middleware/request_log.js'
import { securityHeaders } from './middleware/security_headers.js'
import { LoginLimit } from './rate_limit.js'
import { assertNoExposedRoutes, routesOf } from './route_check.js'
import { createIndexRouter } from './views/index.js'
import { createPageRouter, loadPage } from './views/page.js'
import { createJwtAuthRouter } from './views/jwt_auth.js'
import { createSessionAuthRouter } from './views/session_auth.js'
import { createUsersRouter } from './views/users.js'

/**
 * Paths the hook lets through without credentials: the exercise's excluded_paths, the token login
 * and refresh, then the try-it page, `/` alone (no other path outside /api/v1 is open).
 */
export const EXCLUDED_PATHS: readonly string[] = Object.freeze([
  '/api/v1/status/',
  '/api/v1/unauthorized/',
  '/api/v1/forbidden/',
  '/api/v1/auth_session/login/',
  '/api/v1/auth_jwt/login/',
  '/api/v1/auth_jwt/refresh/',
  '/',
])

// Unsafe requests to these set or read credential cookies whatever the request carries, so they
// are checked for another site's origin even without a cookie (login CSRF).
const CROSS_SITE_CHECKED: readonly string[] = ['/api/v1/auth_session/login', '/api/v1/auth_jwt/login', '/api/v1/auth_jwt/refresh']

export interface AppDependencies {
  /** Where users, persisted sessions and login counters live (sqliteStorage by default). */
  readonly storage: Storage
  /** Where session_redis_auth keeps its sessions (openBackends opens it in that mode only). */
  readonly redisSessions?: SessionStore
  /** Where jwt_redis_auth keeps its token families and denied tokens (that mode only). */
  readonly redisTokens?: TokenStore
  readonly clock?: Clock
  /** Where log lines go (default: stdout); tests pass one to read them. */
  readonly logSink?: LogSink
  /** Replaces EXCLUDED_PATHS; lets tests exercise the startup route check. */
  readonly excludedPaths?: readonly string[]
  /** Replaces the auth object AUTH_TYPE selects (a benchmark passes one pre-filled with sessions). */
  readonly auth?: Auth | null
}

export type App = Koa<AppState>

/**
 * Builds the Koa app for a configuration and its storage; throws a ConfigError when an
 * excluded-path wildcard would expose a protected route.
 */
export function createApp(config: Config, deps: AppDependencies): App {
  const { storage } = deps
  const clock = deps.clock ?? systemClock
  const logger = new Logger(config.logLevel, deps.logSink)
  const excludedPaths = deps.excludedPaths ?? EXCLUDED_PATHS
  const passwords = new PasswordHasher(config.bcryptRounds)
  void passwords.warmUp()
  const users = new UserRepository(storage.users, clock, passwords)
  const onSessionEvent = logger.session.bind(logger)
  const authOptions = { sessionName: config.sessionName, sessionDuration: config.sessionDuration, jwt: config.jwt, onSessionEvent }
  const limit = new LoginLimit(storage.attempts, clock, config)
  const auth = deps.auth !== undefined ? deps.auth : createAuth(config.authType, authOptions, {
    users, sessions: storage.sessions, clock, limit,
    ...(deps.redisSessions && { redisSessions: deps.redisSessions }), ...(deps.redisTokens && { redisTokens: deps.redisTokens }),
  })

  // Users first: GET /users/me is the route most requests take.
  const usersRouter = createUsersRouter(users, auth, config)
  const routers = [
    usersRouter, createIndexRouter(users), createSessionAuthRouter(auth, users, config, limit), createPageRouter(loadPage()),
  ]
  // The token routes exist in the token modes only (elsewhere they answer 404 after the hook).
  if (auth instanceof JwtAuth) routers.push(createJwtAuthRouter(auth, users, config, limit))
  assertNoExposedRoutes(routesOf(routers), excludedPaths)

  // One trusted proxy appends the address it saw to X-Forwarded-For: only that last entry is the
  // client's (the rest is whatever the client sent), so ctx.ip, which the login limit counts, is it.
  const app: App = new Koa<AppState>({ proxy: config.trustProxy, maxIpsCount: 1 })
  app.on('error', (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    const status = clientFaultStatus(error)
    // A client's mistake is a warning with its status; LOG_LEVEL=error keeps to server faults.
    if (status === null) logger.error({ event: 'error', message })
    else logger.warn({ event: 'client_error', status, message })
  })
  app.use(errorRenderer())
  app.use(requestLog(logger))
  app.use(securityHeaders())
  app.use(cors(config.corsOrigins))
  app.use(requestGuards())
  app.use(pipelineOrder())
  if (auth !== null) {
    const { sessionName, corsOrigins } = config
    // In the token modes a Bearer header, when sent, is the credential: such a request is not cookie-borne.
    app.use(crossSiteCheck({ sessionName, corsOrigins, alwaysChecked: CROSS_SITE_CHECKED, bearerExempt: auth instanceof JwtAuth }))
  }
  app.use(beforeRequest(auth, excludedPaths))
  for (const router of routers) app.use(router.routes())
  // 405 + Allow (or 501) on a path some router matched in another method: ctx.matched holds them all.
  app.use(usersRouter.allowedMethods())
  return app
}
