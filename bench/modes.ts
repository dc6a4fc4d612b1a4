// The modes `npm run bench` measures, one line each: its name, what it adds to the server's
// environment, how a request authenticates, the status it must get and the target.
// A mode this build does not know is reported "not available in this build", never estimated.

/** How a measured request proves who it is. */
export type Credentials = 'none' | 'basic' | 'session'

export interface BenchMode {
  readonly name: string
  readonly env: Readonly<Record<string, string>>
  readonly credentials: Credentials
  /** The status every measured request must get. */
  readonly expectedStatus: number
  /** Minimum throughput as a ratio to bare Koa in the same run (issue 4), if any. */
  readonly target?: number
  readonly note?: string
}

export const MODES: readonly BenchMode[] = [
  {
    name: 'unset (no auth)', env: {}, credentials: 'none', expectedStatus: 200,
    note: 'GET /api/v1/users/<id>: without an auth object /users/me is 404',
  },
  {
    name: 'auth', env: { AUTH_TYPE: 'auth' }, credentials: 'basic', expectedStatus: 403,
    note: '403 by design: Auth.currentUser is always null',
  },
  { name: 'basic_auth', env: { AUTH_TYPE: 'basic_auth' }, credentials: 'basic', expectedStatus: 200, target: 0.7 },
  { name: 'session_auth', env: { AUTH_TYPE: 'session_auth' }, credentials: 'session', expectedStatus: 200, target: 0.9 },
  {
    name: 'session_exp_auth', env: { AUTH_TYPE: 'session_exp_auth', SESSION_DURATION: '3600' },
    credentials: 'session', expectedStatus: 200, target: 0.9,
  },
  {
    name: 'session_db_auth', env: { AUTH_TYPE: 'session_db_auth', SESSION_DURATION: '3600' },
    credentials: 'session', expectedStatus: 200, target: 0.8,
  },
]
