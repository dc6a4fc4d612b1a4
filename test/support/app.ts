// Builds the real app for a test: a real SQLite file (or the storage given; and in the Redis
// modes the run's real Redis under a fresh key prefix), the real config parser, a fake clock, and
// helpers that create users and log in through the API itself.
import type { Middleware } from 'koa'
import request from 'supertest'
import { createApp, type App } from '../../api/v1/app.js'
import { loadConfig, type Config } from '../../api/v1/config.js'
import type { LogSink } from '../../api/v1/log.js'
import { PasswordHasher } from '../../models/password.js'
import { RedisSessionStore } from '../../models/redis/session_store.js'
import { RedisTokenStore } from '../../models/redis/token_store.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { Storage } from '../../models/storage.js'
import { UserRepository, type User } from '../../models/user.js'
import { FakeClock } from './fake_clock.js'
import { freshPrefix, sharedConnection } from './shared_redis.js'
import { tempDatabase, type TempDatabase } from './temp_database.js'

/** Low cost keeps the suite fast; the production minimum (10) is enforced outside tests. */
export const TEST_BCRYPT_ROUNDS = '4'

/** The JWT_SECRET of every test app (read in the token modes only); a test may pass its own. */
export const TEST_JWT_SECRET = 'test-secret-of-exactly-32-bytes!'

export const BOB = { email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' } as const
export const BOB_BASIC = 'Basic Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh'

export interface TestApp {
  readonly app: App
  readonly config: Config
  readonly clock: FakeClock
  readonly users: UserRepository
  readonly database: TempDatabase
  /** supertest bound to the app's request handler. */
  readonly http: ReturnType<typeof request>
  /** Creates a user directly in the database (routes need authentication to do it). */
  createUser(fields: { email: string, password: string, firstName?: string, lastName?: string }): Promise<User>
  /** Logs in through POST /auth_session/login and returns the session id from Set-Cookie. */
  login(email: string, password: string): Promise<string>
  close(): void
}

export interface BuildOptions {
  /** Receives the app's log lines; without it LOG_LEVEL defaults to silent. */
  readonly logSink?: LogSink
  /** Replaces the app's excluded paths. */
  readonly excludedPaths?: readonly string[]
  /** A middleware run first on every request, to observe requests and responses. */
  readonly observe?: Middleware
  /** The app's storage (the caller closes it) instead of the temporary SQLite file's. */
  readonly storage?: Storage
}

/** A fresh app on a fresh database; `env` is merged over test defaults. */
export function buildApp(env: Record<string, string | undefined> = {}, options: BuildOptions = {}): TestApp {
  const database = tempDatabase()
  const logLevel = options.logSink === undefined ? 'silent' : 'debug'
  const config = loadConfig({
    NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, DB_PATH: database.path, LOG_LEVEL: logLevel,
    JWT_SECRET: TEST_JWT_SECRET, REDIS_PREFIX: freshPrefix(), ...env,
  })
  const clock = new FakeClock()
  const { logSink, excludedPaths, observe } = options
  const storage = options.storage ?? sqliteStorage(database.db)
  const redisSessions = config.authType === 'session_redis_auth'
    ? new RedisSessionStore(sharedConnection(), { prefix: config.redisPrefix, ttlMs: config.sessionDuration * 1000 })
    : undefined
  const redisTokens = config.authType === 'jwt_redis_auth' ? new RedisTokenStore(sharedConnection(), config.redisPrefix) : undefined
  const app = createApp(config, {
    storage, clock, ...(redisSessions && { redisSessions }), ...(redisTokens && { redisTokens }),
    ...(logSink && { logSink }), ...(excludedPaths && { excludedPaths }),
  })
  if (observe !== undefined) app.middleware.unshift(observe)
  const users = new UserRepository(storage.users, clock, new PasswordHasher(config.bcryptRounds))
  const http = request(app.callback())
  return {
    app, config, clock, users, database, http,
    createUser: (fields) => users.create(fields),
    async login(email, password) {
      const response = await http.post('/api/v1/auth_session/login').type('form').send({ email, password })
      const sessionId = sessionIdFrom(response.headers['set-cookie'], config.sessionName)
      if (response.status !== 200 || sessionId === null) throw new Error(`login failed: ${response.status} ${response.text}`)
      return sessionId
    },
    close: () => database.remove(),
  }
}

/** The session id a response's Set-Cookie headers hand out under `name`, or null. */
export function sessionIdFrom(setCookie: string | string[] | undefined, name: string): string | null {
  const headers = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]
  for (const header of headers) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(header)
    if (match !== null) return match[1] ?? null
  }
  return null
}

/** The header value that sends one cookie. */
export function cookie(name: string, value: string): string {
  return `${name}=${value}`
}
