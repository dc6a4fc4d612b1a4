// The soak's request mix: what each request is, which statuses it may answer, and how its answer
// changes the pools of users and open sessions the next requests draw from.

export interface Pools {
  readonly users: { id: string, email: string, password: string }[]
  /** Open session cookies (`name=value`), oldest first. */
  readonly sessions: string[]
  /** Requests in flight per cookie: a session is logged out only when none uses it. */
  readonly inUse: Map<string, number>
}

export interface Planned {
  readonly kind: string
  readonly path: string
  readonly init: RequestInit
  /** Statuses that are the right answer; anything else is an unexpected error. */
  readonly expected: readonly number[]
  readonly after?: (response: Response, pools: Pools) => void
  /** Called once the request is over, answered or not. */
  readonly release?: () => void
}

const COOKIE = '_my_session_id'
const MAX_SESSIONS = 60

/** An account that only ever sees wrong passwords, so its limit never blocks the pool's logins. */
export const TARGET_EMAIL = 'target@hbtn.io'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }

function login(pools: Pools, i: number): Planned {
  const user = pools.users[i % pools.users.length] ?? { email: '', password: '' }
  return {
    kind: 'login', path: '/api/v1/auth_session/login', expected: [200],
    init: { method: 'POST', headers: FORM, body: new URLSearchParams({ email: user.email, password: user.password }) },
    after(response, p) {
      const match = new RegExp(`^${COOKIE}=([^;]+)`).exec(response.headers.getSetCookie()[0] ?? '')
      if (match !== null) p.sessions.push(`${COOKIE}=${match[1]}`)
    },
  }
}

// Rejections a scanner or a careless client causes: each must be its exact 4xx, never a 5xx.
const BAD_INPUTS: readonly ((i: number, cookie: string) => Planned)[] = [
  (_, cookie) => ({ kind: 'bad json', path: '/api/v1/users', expected: [400],
    init: { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{"email": ' } }),
  () => ({ kind: 'unknown session', path: '/api/v1/users/me', expected: [403],
    init: { headers: { cookie: `${COOKIE}=${crypto.randomUUID()}` } } }),
  // The per-email limit (10 per window) answers 429 once this address has failed enough.
  () => ({ kind: 'wrong password', path: '/api/v1/auth_session/login', expected: [401, 429],
    init: { method: 'POST', headers: FORM, body: new URLSearchParams({ email: TARGET_EMAIL, password: 'nope' }) } }),
  (i) => ({ kind: 'unknown email', path: '/api/v1/auth_session/login', expected: [404],
    init: { method: 'POST', headers: FORM, body: new URLSearchParams({ email: `ghost${i}@hbtn.io`, password: 'x' }) } }),
]

/** Request number i: 60 % reads, 5 % status, 10 % logins, 10 % logouts, 15 % bad inputs. */
export function pickRequest(pools: Pools, i: number): Planned {
  const roll = Math.random()
  const cookie = pools.sessions[Math.floor(Math.random() * pools.sessions.length)]
  const bad = BAD_INPUTS[i % BAD_INPUTS.length]
  if (cookie === undefined || bad === undefined) return login(pools, i)
  // Logins and logouts balance; the cap keeps the server's session count bounded whatever the luck.
  if (roll < 0.1) return pools.sessions.length < MAX_SESSIONS ? login(pools, i) : (logout(pools) ?? login(pools, i))
  if (roll < 0.75 && roll >= 0.7) return { kind: 'status', path: '/api/v1/status', expected: [200], init: {} }
  if (roll < 0.85 && roll >= 0.75) return logout(pools) ?? login(pools, i)
  // A read of the session (or a bad body sent with it) holds the cookie until it is answered.
  pools.inUse.set(cookie, (pools.inUse.get(cookie) ?? 0) + 1)
  const release = (): void => {
    const left = (pools.inUse.get(cookie) ?? 1) - 1
    if (left === 0) pools.inUse.delete(cookie)
    else pools.inUse.set(cookie, left)
  }
  if (roll < 0.7) return { kind: 'read me', path: '/api/v1/users/me', expected: [200], init: { headers: { cookie } }, release }
  return { ...bad(i, cookie), release }
}

// Logs out the oldest session nobody is using, or null when there is none to spare.
function logout(pools: Pools): Planned | null {
  const index = pools.sessions.findIndex((cookie) => !pools.inUse.has(cookie))
  if (index < 0 || pools.sessions.length < 4) return null
  const [cookie = ''] = pools.sessions.splice(index, 1)
  return { kind: 'logout', path: '/api/v1/auth_session/logout', expected: [200], init: { method: 'DELETE', headers: { cookie } } }
}
