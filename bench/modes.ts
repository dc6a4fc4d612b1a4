// The AUTH_TYPE modes `npm run bench` measures on the real server, one entry each: its name, what
// it adds to the server's environment (and whether it needs the run's Redis or PostgreSQL), how a
// request authenticates, the status it must get, and its goals. A mode this build does not know is reported "not available in this build", never
// estimated.

/** How a measured request proves who it is. */
export type Credentials = 'none' | 'basic' | 'session' | 'bearer'

/** A server the run starts once and shares (bench/backing_services.ts). */
export type Service = 'redis' | 'postgres'

/** The servers a mode's throughput is compared with (bench/targets.ts starts them). */
export const FAIR_CEILING = 'fair ceiling'
export const KOA_SESSION = 'koa-session'
export const EXPRESS_SESSION = 'express-session'
export const KOA_SESSION_REDIS = 'koa-session (Redis store)'
export type Reference = typeof FAIR_CEILING | typeof KOA_SESSION | typeof EXPRESS_SESSION | typeof KOA_SESSION_REDIS

/** A minimum throughput ratio, measured against a reference in the same rounds. */
export interface Goal {
  readonly versus: Reference
  readonly min: number
}

export interface BenchMode {
  readonly name: string
  readonly env: Readonly<Record<string, string>>
  /** Redis: REDIS_URL and a REDIS_PREFIX of its own; postgres: DATABASE_URL of a fresh copy of the seeded database. */
  readonly services?: readonly Service[]
  readonly credentials: Credentials
  /** The status every measured request must get. */
  readonly expectedStatus: number
  readonly goals: readonly Goal[]
  readonly note?: string
}

// A fixed secret: the bench signs and checks its own tokens only, on loopback.
const JWT_ENV = { JWT_SECRET: 'bench-only-jwt-secret-0123456789abcdef', JWT_ACCESS_TTL: '86400' }

const sessionGoals = (ceiling: number): Goal[] => [
  { versus: FAIR_CEILING, min: ceiling }, { versus: KOA_SESSION, min: 1.25 }, { versus: EXPRESS_SESSION, min: 4 },
]

export const MODES: readonly BenchMode[] = [
  {
    name: 'unset (no auth)', env: {}, credentials: 'none', expectedStatus: 200, goals: [],
    note: 'informational; GET /api/v1/users/<id>, as without an auth object /users/me is 404',
  },
  {
    name: 'auth', env: { AUTH_TYPE: 'auth' }, credentials: 'basic', expectedStatus: 403, goals: [],
    note: 'informational; 403 by design: Auth.currentUser is always null',
  },
  { name: 'basic_auth', env: { AUTH_TYPE: 'basic_auth' }, credentials: 'basic', expectedStatus: 200, goals: [{ versus: FAIR_CEILING, min: 0.7 }] },
  { name: 'session_auth', env: { AUTH_TYPE: 'session_auth' }, credentials: 'session', expectedStatus: 200, goals: sessionGoals(0.85) },
  {
    name: 'session_exp_auth', env: { AUTH_TYPE: 'session_exp_auth', SESSION_DURATION: '3600' },
    credentials: 'session', expectedStatus: 200, goals: sessionGoals(0.85),
  },
  {
    name: 'session_db_auth', env: { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' },
    credentials: 'session', expectedStatus: 200, goals: sessionGoals(0.75),
  },
  {
    name: 'session_redis_auth', env: { AUTH_TYPE: 'session_redis_auth', SESSION_DURATION: '3600' }, services: ['redis'],
    credentials: 'session', expectedStatus: 200, goals: [{ versus: FAIR_CEILING, min: 0.45 }, { versus: KOA_SESSION_REDIS, min: 1.2 }],
  },
  {
    name: 'session_db_auth (PostgreSQL)', env: { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' }, services: ['postgres'],
    credentials: 'session', expectedStatus: 200, goals: [],
    note: 'informational; session_db_auth with DATABASE_URL: users and sessions in the run\'s PostgreSQL',
  },
  {
    name: 'jwt_auth', env: { AUTH_TYPE: 'jwt_auth', ...JWT_ENV }, credentials: 'bearer', expectedStatus: 200,
    goals: [{ versus: FAIR_CEILING, min: 0.55 }, { versus: KOA_SESSION, min: 1 }],
  },
  {
    name: 'jwt_redis_auth', env: { AUTH_TYPE: 'jwt_redis_auth', ...JWT_ENV }, services: ['redis'], credentials: 'bearer', expectedStatus: 200,
    goals: [{ versus: FAIR_CEILING, min: 0.4 }, { versus: KOA_SESSION, min: 1 }],
  },
]
