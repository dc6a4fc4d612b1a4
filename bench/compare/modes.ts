// The modes `npm run compare` runs its scenario against, one entry each: the AUTH_TYPE, where its
// users and sessions live, and how a client proves who it is (a Basic header, a session cookie
// from the session login, or an access token from the token login, sent as the same cookie).

export type Backend = 'none' | 'memory' | 'sqlite' | 'postgres' | 'redis'
export type Flow = 'basic' | 'session' | 'token'

export interface ComparedMode {
  /** The row's name: the AUTH_TYPE, plus the database where two rows share one. */
  readonly label: string
  readonly authType: string
  /** Where the server keeps sessions or revocations (users are in SQLite unless PostgreSQL). */
  readonly backend: Backend
  readonly flow: Flow
  /** Whether the mode reads SESSION_DURATION or JWT_ACCESS_TTL, so expiry can be enforced. */
  readonly expires: boolean
}

export const COMPARED_MODES: readonly ComparedMode[] = [
  { label: 'basic_auth', authType: 'basic_auth', backend: 'none', flow: 'basic', expires: false },
  { label: 'session_auth', authType: 'session_auth', backend: 'memory', flow: 'session', expires: false },
  { label: 'session_exp_auth', authType: 'session_exp_auth', backend: 'memory', flow: 'session', expires: true },
  { label: 'session_db_auth (SQLite)', authType: 'session_db_auth', backend: 'sqlite', flow: 'session', expires: true },
  { label: 'session_db_auth (PostgreSQL)', authType: 'session_db_auth', backend: 'postgres', flow: 'session', expires: true },
  { label: 'session_redis_auth', authType: 'session_redis_auth', backend: 'redis', flow: 'session', expires: true },
  { label: 'jwt_auth', authType: 'jwt_auth', backend: 'none', flow: 'token', expires: true },
  { label: 'jwt_redis_auth', authType: 'jwt_redis_auth', backend: 'redis', flow: 'token', expires: true },
]

/**
 * Seconds a session or access token lives on the servers that measure expiry: long enough that the
 * first check right after login still falls inside it on a loaded machine (an access token's exp
 * is in whole seconds, so it may end up to 1 s early).
 */
export const SHORT_TTL_SECONDS = 4
/** ...and on every other server, long enough for the whole scenario. */
export const LONG_TTL_SECONDS = 900

/** The mode's environment for a server whose sessions or access tokens live `ttl` seconds. */
export function modeEnv(mode: ComparedMode, ttl: number): Record<string, string> {
  const env: Record<string, string> = { AUTH_TYPE: mode.authType, SESSION_DURATION: String(ttl) }
  if (mode.flow === 'token') Object.assign(env, { JWT_SECRET: 'compare-secret-of-at-least-32-bytes!', JWT_ACCESS_TTL: String(ttl) })
  return env
}
