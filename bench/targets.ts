// Everything one run of `npm run bench` measures, started fresh for each run: the real server once
// per mode (dist/api/v1/server.js), the two Koa + @koa/router ceilings and the session peers
// (bench/servers/). Each gets the headers its requests carry (a Basic header, the cookies of a real
// login, or the Bearer access token of a real token login), and must answer the bench user's JSON
// before anything is measured.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { EXPRESS_SESSION, FAIR_CEILING, KOA_SESSION, KOA_SESSION_REDIS, MODES, type BenchMode, type Goal, type Service } from './modes.js'
import type { BackingServices } from './backing_services.js'
import { allowedCpus } from './pinning.js'
import { BENCH_EMAIL, BENCH_PASSWORD, copyDatabase, type SeededUser } from './bench_user.js'
import { startServer, TSX_LOADER, type RunningServer, type UnavailableServer } from './server_process.js'

export type Launch =
  | { readonly kind: 'mode', readonly mode: BenchMode }
  | {
    readonly kind: 'script', readonly file: string, readonly env: Readonly<Record<string, string>>, readonly login: boolean, readonly logs: boolean,
    readonly services?: readonly Service[]
  }

export interface Target {
  readonly name: string
  /** ceiling: the denominator; peer: another session library; informational: no goal. */
  readonly role: 'mode' | 'ceiling' | 'peer' | 'informational'
  readonly goals: readonly Goal[]
  readonly note: string
  readonly launch: Launch
}

export interface BenchEnv {
  readonly user: SeededUser
  readonly seedPath: string
  readonly workDir: string
  /** `node` arguments that start the real server (compiled build or tsx). */
  readonly serverArgs: readonly string[]
  /** Command prefix that pins a server to its core (see pinning.ts); empty when not pinning. */
  readonly prefix: readonly string[]
  readonly bcryptRounds: number
  /** The run's Redis and PostgreSQL; null when none was started (a target that needs one then fails). */
  readonly services: BackingServices | null
}

export interface ReadRequest {
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly expectedStatus: number
}

export interface Prepared { readonly target: Target, readonly server: RunningServer, readonly request: ReadRequest }
export interface Unavailable { readonly target: Target, readonly unavailable: string }

const ME = '/api/v1/users/me'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
export const LOGIN_BODY = new URLSearchParams({ email: BENCH_EMAIL, password: BENCH_PASSWORD }).toString()
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff', 'cache-control': 'no-store', vary: 'Origin', 'access-control-allow-origin': '*',
}
const script = (file: string, env: Record<string, string>, login: boolean, logs: boolean, services: Service[] = []): Launch => ({
  kind: 'script', file: fileURLToPath(new URL(`./servers/${file}`, import.meta.url)), env, login, logs, services,
})

export const TARGETS: readonly Target[] = [
  ...MODES.map((mode): Target => ({
    name: mode.name, role: mode.goals.length > 0 ? 'mode' : 'informational', goals: mode.goals, note: mode.note ?? '', launch: { kind: 'mode', mode },
  })),
  { name: FAIR_CEILING, role: 'ceiling', goals: [], note: 'Koa + @koa/router: the same JSON, the same four headers and log line', launch: script('koa_router.ts', { BENCH_CEILING: 'fair' }, false, true) },
  { name: 'Koa + router, bare', role: 'informational', goals: [], note: 'the fair ceiling without the headers and the log line', launch: script('koa_router.ts', { BENCH_CEILING: 'plain' }, false, false) },
  { name: KOA_SESSION, role: 'peer', goals: [], note: 'koa-session 7, Map-backed external store, signed cookies (its default)', launch: script('koa_session.ts', {}, true, false) },
  { name: EXPRESS_SESSION, role: 'peer', goals: [], note: 'express 5 + express-session 1.19, MemoryStore', launch: script('express_session.ts', {}, true, false) },
  {
    name: KOA_SESSION_REDIS, role: 'peer', goals: [], note: 'koa-session 7, external store in the run\'s Redis over node-redis (GET, SET with PX), signed cookies',
    launch: script('koa_session_redis.ts', {}, true, false, ['redis']),
  },
]

let databases = 0

/** Starts a target, logs in where it needs to, and checks its answer; stop `server` afterwards. */
export async function startTarget(env: BenchEnv, target: Target): Promise<Prepared | Unavailable> {
  const server = await launch(env, target.launch)
  if ('unavailable' in server) return { target, unavailable: server.unavailable }
  try {
    const pinnedTo = env.prefix.at(-1)
    if (pinnedTo !== undefined && allowedCpus(server.pid)?.join(',') !== pinnedTo) throw new Error('the server is not on its pinned CPU')
    const request = await readRequest(env, target.launch, server.url)
    await check(env, target.launch, server, request)
    return { target, server, request }
  } catch (error) {
    await server.stop()
    throw new Error(`${target.name}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function launch(env: BenchEnv, how: Launch): Promise<RunningServer | UnavailableServer> {
  if (how.kind === 'script') {
    const vars = { NODE_ENV: 'production', BENCH_USER_JSON: env.user.json, ...how.env, ...await serviceEnv(env, how.services ?? []) }
    return startServer(['--import', TSX_LOADER, how.file], vars, env.workDir, env.prefix)
  }
  databases += 1
  const dbPath = copyDatabase(env.seedPath, join(env.workDir, `mode-${databases}.sqlite3`))
  const vars = {
    NODE_ENV: 'production', API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: dbPath, BCRYPT_ROUNDS: String(env.bcryptRounds),
    ...how.mode.env, ...await serviceEnv(env, how.mode.services ?? []),
  }
  return startServer(env.serverArgs, vars, env.workDir, env.prefix)
}

// REDIS_URL with a prefix of its own, DATABASE_URL of a fresh copy of the seeded database.
async function serviceEnv(env: BenchEnv, needs: readonly Service[]): Promise<Record<string, string>> {
  if (needs.length === 0) return {}
  const services = env.services ?? ((): never => { throw new Error(`needs ${needs.join(' and ')}, and the bench started none`) })()
  return {
    ...(needs.includes('redis') ? { REDIS_URL: services.redisUrl, REDIS_PREFIX: services.redisPrefix() } : {}),
    ...(needs.includes('postgres') ? { DATABASE_URL: await services.database() } : {}),
  }
}

async function readRequest(env: BenchEnv, how: Launch, url: string): Promise<ReadRequest> {
  if (how.kind === 'script') return { url: `${url}${ME}`, headers: how.login ? await login(`${url}/api/v1/login`) : {}, expectedStatus: 200 }
  const { mode } = how
  if (mode.credentials === 'none') return { url: `${url}/api/v1/users/${env.user.id}`, headers: {}, expectedStatus: mode.expectedStatus }
  return { url: `${url}${ME}`, headers: await credentials(env.user, url, mode), expectedStatus: mode.expectedStatus }
}

/** The headers a mode's requests carry: a Basic header, the cookie of a real login, a Bearer token, or none. */
export async function credentials(user: SeededUser, url: string, mode: BenchMode): Promise<Record<string, string>> {
  if (mode.credentials === 'none') return {}
  if (mode.credentials === 'basic') return { authorization: user.basicHeader }
  if (mode.credentials === 'bearer') return bearer(`${url}/api/v1/auth_jwt/login`)
  return login(`${url}/api/v1/auth_session/login`)
}

/** Logs in with the bench user's form and returns the access token of the JSON answer as a Bearer header. */
async function bearer(url: string): Promise<Record<string, string>> {
  const response = await fetch(url, { method: 'POST', headers: FORM, body: LOGIN_BODY })
  const body: unknown = await response.json().catch(() => null)
  const token = typeof body === 'object' && body !== null && 'access_token' in body ? body.access_token : null
  if (response.status !== 200 || typeof token !== 'string') throw new Error(`token login answered ${response.status} ${JSON.stringify(body)}`)
  return { authorization: `Bearer ${token}` }
}

/** Logs in with the bench user's form and returns every cookie set, as one Cookie header. */
async function login(url: string): Promise<Record<string, string>> {
  const response = await fetch(url, { method: 'POST', headers: FORM, body: LOGIN_BODY })
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  if (response.status !== 200 || cookie === '') throw new Error(`login answered ${response.status}${cookie === '' ? ' without a cookie' : ''}`)
  return { cookie }
}

// The status, the user's JSON, and for the real server and the fair ceiling the four headers and
// one log line; the bare ceiling and the peers must log nothing.
async function check(env: BenchEnv, how: Launch, server: RunningServer, request: ReadRequest): Promise<void> {
  const logs = how.kind === 'mode' || how.logs
  const before = server.stdoutBytes()
  const response = await fetch(request.url, { headers: request.headers })
  const body = await response.text()
  if (response.status !== request.expectedStatus) throw new Error(`answered ${response.status}, not ${request.expectedStatus}: ${body}`)
  if (response.status === 200 && !isDeepStrictEqual(JSON.parse(body), JSON.parse(env.user.json))) throw new Error(`answered another JSON: ${body}`)
  for (const [name, value] of Object.entries(logs ? SECURITY_HEADERS : {})) {
    if (response.headers.get(name) !== value) throw new Error(`answered ${name}: ${response.headers.get(name)}, not ${value}`)
  }
  // The Logger flushes every 10 ms; a busy machine may take longer, so a line is waited for up to 2 s.
  const until = Date.now() + (logs ? 2000 : 100)
  do await new Promise((resolve) => setTimeout(resolve, 20))
  while (server.stdoutBytes() === before && Date.now() < until)
  if ((server.stdoutBytes() > before) !== logs) throw new Error(logs ? 'wrote no log line' : 'wrote to stdout')
}
