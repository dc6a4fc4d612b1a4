// Configuration: one frozen, typed Config read once from the environment (README.md).
// Every problem throws a ConfigError naming the variable and what it accepts.
import { LOG_LEVELS, type LogLevel } from './log.js'

export const AUTH_TYPES = ['auth', 'basic_auth', 'session_auth', 'session_exp_auth', 'session_db_auth', 'session_redis_auth', 'jwt_auth', 'jwt_redis_auth'] as const
export type AuthType = (typeof AUTH_TYPES)[number]

/** The modes that authenticate with signed tokens, and so need JWT_SECRET. */
export const TOKEN_AUTH_TYPES: readonly AuthType[] = ['jwt_auth', 'jwt_redis_auth']

/** The token modes' settings (docs/tokens.md). Holds secrets: never log it. */
export interface JwtConfig {
  /** JWT_SECRET: the secret new tokens are signed with (keys are derived from it). */
  readonly secret: string
  /** JWT_OLD_SECRETS: earlier secrets whose tokens still verify, so a rotation logs no one out. */
  readonly oldSecrets: readonly string[]
  /** JWT_ISSUER: the `iss` and `aud` of every token. */
  readonly issuer: string
  /** JWT_ACCESS_TTL: seconds an access token lives. */
  readonly accessTtl: number
  /** JWT_REFRESH_TTL: seconds a refresh token lives. */
  readonly refreshTtl: number
  /** JWT_LEEWAY: seconds of clock skew tolerated on `exp`, 0 to 60. */
  readonly leeway: number
}

export interface Config {
  readonly host: string
  readonly port: number
  /** null when AUTH_TYPE is unset: no auth object, every route open. */
  readonly authType: AuthType | null
  readonly sessionName: string
  /** Seconds a session lives; <= 0 means sessions never expire. */
  readonly sessionDuration: number
  readonly dbPath: string
  /** DATABASE_URL: a postgres:// URL puts users, persisted sessions and login counters in PostgreSQL; null = SQLite at dbPath. */
  readonly databaseUrl: string | null
  /** REDIS_URL: the Redis of the Redis modes (session_redis_auth). */
  readonly redisUrl: string
  /** REDIS_PREFIX: the prefix of every key this server writes to Redis. */
  readonly redisPrefix: string
  /** How long a write waits for another process's lock before the request fails with 503. */
  readonly dbBusyTimeoutMs: number
  readonly bcryptRounds: number
  readonly cookieSecure: boolean
  /** Trust X-Forwarded-* from a proxy in front (Koa's app.proxy). */
  readonly trustProxy: boolean
  /** '*' or an allow-list of exact origins. */
  readonly corsOrigins: '*' | readonly string[]
  /** Failed logins allowed per email (in Unicode NFC) within the window; 0 = no limit. */
  readonly loginMaxAttemptsPerEmail: number
  /** Failed logins allowed per client address within the window; 0 = no limit. */
  readonly loginMaxAttemptsPerIp: number
  /** Length of the sliding window the login limits count over, in seconds. */
  readonly loginWindowSeconds: number
  /** LOG_LEVEL: silent, error, info (default: one line per request and session event) or debug. */
  readonly logLevel: LogLevel
  /** The token settings in a token mode (jwt_auth, jwt_redis_auth), else null. */
  readonly jwt: JwtConfig | null
}

export type Env = Readonly<Record<string, string | undefined>>

/** Thrown for an invalid environment; the message names the variable. */
export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG'
  override name = 'ConfigError'
}

const MIN_BCRYPT_ROUNDS = 10
const TEST_MIN_BCRYPT_ROUNDS = 4

/** Reads and validates the environment once; throws ConfigError on the first bad variable. */
export function loadConfig(env: Env): Config {
  const authType = parseAuthType(env.AUTH_TYPE)
  return Object.freeze({
    host: env.API_HOST || '0.0.0.0',
    port: parsePort(env.API_PORT),
    authType,
    sessionName: parseSessionName(env.SESSION_NAME),
    sessionDuration: parsePythonInt(env.SESSION_DURATION),
    dbPath: env.DB_PATH || '.db.sqlite3',
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    redisPrefix: env.REDIS_PREFIX ?? 'ksa:',
    dbBusyTimeoutMs: parseCount('DB_BUSY_TIMEOUT_MS', env.DB_BUSY_TIMEOUT_MS, 5000, 0),
    bcryptRounds: parseBcryptRounds(env.BCRYPT_ROUNDS, env.NODE_ENV === 'test'),
    cookieSecure: parseBoolean('COOKIE_SECURE', env.COOKIE_SECURE),
    trustProxy: parseBoolean('TRUST_PROXY', env.TRUST_PROXY),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    loginMaxAttemptsPerEmail: parseCount('LOGIN_MAX_ATTEMPTS_PER_EMAIL', env.LOGIN_MAX_ATTEMPTS_PER_EMAIL, 10, 0),
    loginMaxAttemptsPerIp: parseCount('LOGIN_MAX_ATTEMPTS_PER_IP', env.LOGIN_MAX_ATTEMPTS_PER_IP, 100, 0),
    loginWindowSeconds: parseCount('LOGIN_WINDOW_SECONDS', env.LOGIN_WINDOW_SECONDS, 900, 1),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    jwt: authType !== null && TOKEN_AUTH_TYPES.includes(authType) ? parseJwtConfig(env) : null,
  })
}

// HS256 keys must be at least as long as the hash output (RFC 7518 §3.2).
const MIN_SECRET_BYTES = 32
const MAX_LEEWAY_SECONDS = 60

// The messages name the variable and the rule, never the value: it is a secret.
function parseJwtConfig(env: Env): JwtConfig {
  const secret = env.JWT_SECRET ?? ''
  if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`JWT_SECRET must be set to a random secret of at least ${MIN_SECRET_BYTES} bytes in AUTH_TYPE=${env.AUTH_TYPE ?? ''}`)
  }
  const oldSecrets = (env.JWT_OLD_SECRETS ?? '').split(',').filter((old) => old !== '')
  if (oldSecrets.some((old) => Buffer.byteLength(old, 'utf8') < MIN_SECRET_BYTES)) {
    throw new ConfigError(`JWT_OLD_SECRETS must be a comma-separated list of secrets of at least ${MIN_SECRET_BYTES} bytes each`)
  }
  const leeway = parseCount('JWT_LEEWAY', env.JWT_LEEWAY, 0, 0)
  if (leeway > MAX_LEEWAY_SECONDS) throw new ConfigError(`JWT_LEEWAY must be an integer from 0 to ${MAX_LEEWAY_SECONDS}; got "${leeway}"`)
  return Object.freeze({
    secret,
    oldSecrets: Object.freeze(oldSecrets),
    issuer: env.JWT_ISSUER || 'koa-session-auth',
    accessTtl: parseCount('JWT_ACCESS_TTL', env.JWT_ACCESS_TTL, 900, 1),
    refreshTtl: parseCount('JWT_REFRESH_TTL', env.JWT_REFRESH_TTL, 43200, 1),
    leeway,
  })
}

function parseAuthType(value: string | undefined): AuthType | null {
  if (value === undefined || value === '') return null
  if ((AUTH_TYPES as readonly string[]).includes(value)) return value as AuthType
  throw new ConfigError(`AUTH_TYPE must be one of ${AUTH_TYPES.join(', ')} (or unset for no auth); got "${value}"`)
}

function parseDatabaseUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null
  if (!/^postgres(ql)?:\/\//.test(value)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// (or postgresql://) URL, or unset for SQLite at DB_PATH')
  }
  return value
}

function parseRedisUrl(value: string | undefined): string {
  if (value === undefined || value === '') return 'redis://127.0.0.1:6379'
  if (!/^rediss?:\/\//.test(value)) throw new ConfigError('REDIS_URL must be a redis:// (or rediss://) URL')
  return value
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 5000
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(`API_PORT must be an integer from 0 to 65535; got "${value}"`)
  return port
}

// Cookie names are RFC 6265 tokens; anything else would produce a header browsers drop.
function parseSessionName(value: string | undefined): string {
  if (value === undefined || value === '') return '_my_session_id'
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(value)) {
    throw new ConfigError(`SESSION_NAME must be a cookie name (letters, digits and !#$%&'*+-.^_\`|~); got "${value}"`)
  }
  return value
}

/**
 * Parses like Python's int(): surrounding whitespace, one sign, digits with single '_' between
 * them. Anything unparsable, or absent, is 0 (docs/api.md, Sessions, cookies and expiry).
 */
export function parsePythonInt(value: string | undefined): number {
  if (value === undefined) return 0
  const match = /^\s*([+-]?)(\d+(?:_\d+)*)\s*$/.exec(value)
  if (match === null) return 0
  const magnitude = Number((match[2] ?? '0').replaceAll('_', ''))
  if (!Number.isSafeInteger(magnitude)) return match[1] === '-' ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER
  return match[1] === '-' ? -magnitude : magnitude
}

function parseBcryptRounds(value: string | undefined, testing: boolean): number {
  if (value === undefined || value === '') return MIN_BCRYPT_ROUNDS
  const min = testing ? TEST_MIN_BCRYPT_ROUNDS : MIN_BCRYPT_ROUNDS
  const rounds = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(rounds >= min && rounds <= 31)) {
    throw new ConfigError(`BCRYPT_ROUNDS must be an integer from ${min} to 31; got "${value}"`)
  }
  return rounds
}

// Counts and durations: plain decimal integers, at least `min`.
function parseCount(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback
  const count = /^\d{1,9}$/.test(value) ? Number(value) : NaN
  if (!(count >= min)) throw new ConfigError(`${name} must be an integer of at least ${min}; got "${value}"`)
  return count
}

function parseBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'false' || value === '0') return false
  if (value === 'true' || value === '1') return true
  throw new ConfigError(`${name} must be true or false; got "${value}"`)
}

function parseCorsOrigins(value: string | undefined): '*' | readonly string[] {
  if (value === undefined || value.trim() === '' || value.trim() === '*') return '*'
  const origins = value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '')
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin) || origin === 'null') {
      throw new ConfigError(`CORS_ORIGINS must be * or a comma-separated list of origins like https://app.example; got "${origin}"`)
    }
  }
  return Object.freeze(origins)
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info'
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel
  throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${value}"`)
}
