// What `npm run bench` measures, one function per figure: the bare Koa ceiling, one AUTH_TYPE's
// authenticated reads, login throughput, and authenticated reads while logins run.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HashTimer } from './hash_time.js'
import { load, sample, sideBySide, summarize, type LoadResult, type Sample } from './load.js'
import type { BenchMode } from './modes.js'
import { BENCH_EMAIL, BENCH_PASSWORD, copyDatabase, type SeededUser } from './seed.js'
import { startServer, TSX_LOADER, type RunningServer } from './server_process.js'

export interface BenchSettings {
  readonly seconds: number
  readonly warmupSeconds: number
  readonly connections: number
  /** Read rate (req/s) of the latency comparison with and without logins. */
  readonly readRate: number
  readonly loginConnections: number
  /** `node` arguments that start the real server (compiled build or tsx). */
  readonly serverArgs: readonly string[]
  readonly workDir: string
  readonly seedPath: string
  readonly user: SeededUser
}

export interface ModeResult {
  readonly mode: BenchMode
  readonly result: LoadResult | null
  /** Bare Koa, measured in turns with this mode. */
  readonly ceiling: LoadResult | null
  /** Why the mode was not measured: the server's own message. */
  readonly unavailable: string | null
}

export interface LoginImpact {
  readonly quiet: LoadResult
  readonly busy: LoadResult
  readonly logins: LoadResult
}

const ME = '/api/v1/users/me'
const LOGIN = '/api/v1/auth_session/login'
const FORM = { 'content-type': 'application/x-www-form-urlencoded' }
export const LOGIN_BODY = new URLSearchParams({ email: BENCH_EMAIL, password: BENCH_PASSWORD }).toString()
const BARE_KOA = fileURLToPath(new URL('./bare_koa.ts', import.meta.url))
let databases = 0

/** The bare Koa app (the ceiling), warmed up; stop it at the end. */
export async function startCeiling(settings: BenchSettings): Promise<RunningServer> {
  const env = { NODE_ENV: 'production', BENCH_USER_JSON: settings.user.json }
  const server = await startServer(['--import', TSX_LOADER, BARE_KOA], env, settings.workDir)
  if ('unavailable' in server) throw new Error(server.unavailable)
  await load(readOptions(settings, server.url, ME, {}, 200, settings.warmupSeconds))
  return server
}

/** Authenticated reads of the user's JSON in one mode of the real server, in turns with bare Koa. */
export async function measureMode(settings: BenchSettings, mode: BenchMode, ceiling: RunningServer): Promise<ModeResult> {
  return withServer<ModeResult>(settings, mode.env, async (server) => {
    const path = mode.credentials === 'none' ? `/api/v1/users/${settings.user.id}` : ME
    const headers = await credentials(settings, server.url, mode)
    const reads = { ...readOptions(settings, server.url, path, headers, mode.expectedStatus), pid: server.pid }
    await load({ ...reads, seconds: settings.warmupSeconds })
    const [result, paired] = await sideBySide(reads, { ...readOptions(settings, ceiling.url, ME, {}, 200), pid: ceiling.pid })
    return { mode, result, ceiling: paired, unavailable: null }
  }, (unavailable) => ({ mode, result: null, ceiling: null, unavailable }))
}

/** Logins as fast as the server takes them, in one-second turns with timing single hashes here. */
export async function measureLogins(settings: BenchSettings, url: string, timer: HashTimer): Promise<LoadResult> {
  const logins = loginOptions(settings, url)
  await load({ ...logins, seconds: settings.warmupSeconds })
  const samples: Sample[] = []
  for (let turn = 0; turn < settings.seconds; turn += 1) {
    samples.push(await sample({ ...logins, seconds: 1 }))
    timer.sample(3)
  }
  return summarize(samples)
}

/** p99 of reads at a steady rate, in one-second turns: alone, then while logins run flat out. */
export async function measureLoginImpact(settings: BenchSettings, url: string, cookie: Readonly<Record<string, string>>): Promise<LoginImpact> {
  const reads = { ...readOptions(settings, url, ME, cookie, 200, 1), overallRate: settings.readRate }
  await load({ ...reads, seconds: settings.warmupSeconds })
  const quiet: Sample[] = []
  const busy: Sample[] = []
  const logins: Sample[] = []
  for (let turn = 0; turn < settings.seconds; turn += 1) {
    quiet.push(await sample(reads))
    const [read, login] = await Promise.all([sample(reads), sample({ ...loginOptions(settings, url), seconds: 1 })])
    busy.push(read)
    logins.push(login)
  }
  return { quiet: summarize(quiet), busy: summarize(busy), logins: summarize(logins) }
}

/** Runs `use` against a fresh server of the given environment, stopped afterwards. */
export async function withServer<T>(
  settings: BenchSettings, modeEnv: Readonly<Record<string, string>>,
  use: (server: RunningServer) => Promise<T>, unavailable: (reason: string) => T,
): Promise<T> {
  databases += 1
  const dbPath = copyDatabase(settings.seedPath, join(settings.workDir, `mode-${databases}.sqlite3`))
  const env = { NODE_ENV: 'production', API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: dbPath, BCRYPT_ROUNDS: '10', ...modeEnv }
  const server = await startServer(settings.serverArgs, env, settings.workDir)
  if ('unavailable' in server) return unavailable(server.unavailable)
  try {
    return await use(server)
  } finally {
    await server.stop()
  }
}

/** The headers a mode's requests carry: a Basic header, a session cookie got by logging in, or none. */
export async function credentials(settings: BenchSettings, url: string, mode: BenchMode): Promise<Record<string, string>> {
  if (mode.credentials === 'none') return {}
  if (mode.credentials === 'basic') return { authorization: settings.user.basicHeader }
  const response = await fetch(`${url}${LOGIN}`, { method: 'POST', headers: FORM, body: LOGIN_BODY })
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0]
  if (response.status !== 200 || cookie === undefined) throw new Error(`${mode.name}: login answered ${response.status}`)
  return { cookie }
}

function readOptions(settings: BenchSettings, url: string, path: string, headers: Readonly<Record<string, string>>, expectedStatus: number, seconds = settings.seconds) {
  return { url: `${url}${path}`, headers, connections: settings.connections, seconds, expectedStatus }
}

function loginOptions(settings: BenchSettings, url: string) {
  return {
    url: `${url}${LOGIN}`, method: 'POST' as const, headers: FORM, body: LOGIN_BODY,
    connections: settings.loginConnections, seconds: settings.seconds, expectedStatus: 200,
  }
}
