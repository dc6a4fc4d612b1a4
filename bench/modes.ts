// The AUTH_TYPE modes `npm run bench` measures on the real server, one entry each: its name, what
// it adds to the server's environment, how a request authenticates, the status it must get, and
// its goals. A mode this build does not know is reported "not available in this build", never
// estimated.

/** How a measured request proves who it is. */
export type Credentials = 'none' | 'basic' | 'session'

/** The servers a mode's throughput is compared with (bench/targets.ts starts them). */
export const FAIR_CEILING = 'fair ceiling'
export const KOA_SESSION = 'koa-session'
export const EXPRESS_SESSION = 'express-session'
export type Reference = typeof FAIR_CEILING | typeof KOA_SESSION | typeof EXPRESS_SESSION

/** A minimum throughput ratio, measured against a reference in the same rounds. */
export interface Goal {
  readonly versus: Reference
  readonly min: number
}

export interface BenchMode {
  readonly name: string
  readonly env: Readonly<Record<string, string>>
  readonly credentials: Credentials
  /** The status every measured request must get. */
  readonly expectedStatus: number
  readonly goals: readonly Goal[]
  readonly note?: string
}

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
]
