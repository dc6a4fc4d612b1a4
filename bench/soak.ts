// Bounded soak (docs/security.md): a steady open-loop mix of reads, logins, logouts and bad inputs
// against a real server on loopback; reports errors by kind, latency per window and the RSS slope.
// `npm run soak` (SOAK_SECONDS=300, SOAK_RATE=20 requests/s, SOAK_WINDOW_SECONDS=30,
// SOAK_AUTH_TYPE=session_db_auth).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { seedUser } from '../test/support/seed_user.js'
import { spawnServer } from '../test/support/server_process.js'
import { pickRequest, TARGET_EMAIL, type Pools, type Planned } from './soak_mix.js'
import { quantile, slope } from './stats.js'

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300)
const RATE = Number(process.env.SOAK_RATE ?? 20)
const WINDOW = Number(process.env.SOAK_WINDOW_SECONDS ?? 30)
const WARMUP = Number(process.env.SOAK_WARMUP_SECONDS ?? Math.min(60, SECONDS / 5))
const ROUNDS = Number(process.env.BCRYPT_ROUNDS ?? 10)
const AUTH_TYPE = process.env.SOAK_AUTH_TYPE ?? 'session_db_auth'
const USERS = 20
const MAX_IN_FLIGHT = 200
const REQUEST_TIMEOUT_MS = 10_000

interface Sample { readonly at: number, readonly ms: number }

/** What the run saw: latencies by window, unexpected outcomes by kind, RSS over time. */
class Tally {
  readonly samples: Sample[] = []
  readonly errors = new Map<string, number>()
  readonly counts = new Map<string, number>()
  readonly rss: { x: number, y: number }[] = []
  error(kind: string): void { this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1) }
  count(kind: string): void { this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1) }
}

async function execute(url: string, planned: Planned, tally: Tally, started: number, pools: Pools): Promise<void> {
  const begin = performance.now()
  try {
    const response = await fetch(url + planned.path, { ...planned.init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    const text = await response.text()
    tally.samples.push({ at: (begin - started) / 1000, ms: performance.now() - begin })
    tally.count(planned.kind)
    if (!planned.expected.includes(response.status)) tally.error(`${planned.kind}: unexpected ${response.status} ${text.slice(0, 60)}`)
    planned.after?.(response, pools)
  } catch (error) {
    const name = error instanceof Error ? (error.name === 'TimeoutError' ? 'timeout' : error.message) : String(error)
    tally.error(`${planned.kind}: ${name}`)
  } finally {
    planned.release?.()
  }
}

function residentMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1] ?? NaN) / 1024
}

/** Fires requests at RATE per second for SECONDS, never more than MAX_IN_FLIGHT at once. */
async function run(url: string, pid: number, pools: Pools): Promise<Tally> {
  const tally = new Tally()
  const started = performance.now()
  const inFlight = new Set<Promise<void>>()
  const total = Math.round(SECONDS * RATE)
  let nextRss = 0
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const elapsed = (performance.now() - started) / 1000
    if (elapsed >= nextRss) {
      tally.rss.push({ x: elapsed, y: residentMiB(pid) })
      nextRss += 5
    }
    if (inFlight.size >= MAX_IN_FLIGHT) { tally.error('client: overloaded, request not sent'); continue }
    const promise = execute(url, pickRequest(pools, i), tally, started, pools).finally(() => inFlight.delete(promise))
    inFlight.add(promise)
  }
  await Promise.all(inFlight)
  tally.rss.push({ x: (performance.now() - started) / 1000, y: residentMiB(pid) })
  return tally
}

function printWindows(tally: Tally): void {
  console.log('| window (s) | requests | p50 ms | p99 ms | max ms | RSS MiB |')
  console.log('| ---------- | -------- | ------ | ------ | ------ | ------- |')
  for (let from = 0; from < SECONDS; from += WINDOW) {
    const ms = tally.samples.filter((s) => s.at >= from && s.at < from + WINDOW).map((s) => s.ms)
    const rss = tally.rss.filter((p) => p.x >= from && p.x < from + WINDOW).map((p) => p.y)
    const cell = (v: number) => v.toFixed(1).padStart(6)
    console.log(`| ${`${from}-${Math.min(from + WINDOW, SECONDS)}`.padEnd(10)} | ${String(ms.length).padStart(8)} | `
      + `${cell(quantile(ms, 0.5))} | ${cell(quantile(ms, 0.99))} | ${cell(Math.max(...ms))} | ${cell(Math.max(...rss)).padStart(7)} |`)
  }
}

/** Prints the RSS figures and answers the slope after the warm-up, in MiB per hour. */
function printRss(tally: Tally): number {
  const afterWarmup = tally.rss.filter((p) => p.x >= WARMUP)
  const mibPerHour = slope(afterWarmup) * 3600
  const values = afterWarmup.map((p) => p.y)
  console.log(`RSS: start ${tally.rss[0]?.y.toFixed(1)} MiB, end ${tally.rss.at(-1)?.y.toFixed(1)} MiB; after warm-up min `
    + `${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)} MiB, least-squares slope ${mibPerHour.toFixed(2)} MiB/hour `
    + `over ${afterWarmup.length} samples (5 s apart; garbage collection moves RSS by MiBs, so short runs give a noisy slope)`)
  return mibPerHour
}

function report(tally: Tally, exitCode: number | null): boolean {
  console.log(`soak: ${SECONDS} s at ${RATE} req/s on loopback, AUTH_TYPE=${AUTH_TYPE}, BCRYPT_ROUNDS=${ROUNDS}, warm-up ${WARMUP} s, `
    + `${cpus().length} CPUs, node ${process.version}`)
  console.log(`requests by kind: ${[...tally.counts].map(([k, n]) => `${k} ${n}`).join(', ')}`)
  printWindows(tally)
  const unexpected = [...tally.errors.values()].reduce((a, b) => a + b, 0)
  console.log(`unexpected errors: ${unexpected}${[...tally.errors].map(([k, n]) => `\n  ${n} × ${k}`).join('')}`)
  const mibPerHour = printRss(tally)
  console.log(`server exit code after SIGTERM: ${exitCode}`)
  const pass = unexpected === 0 && Math.abs(mibPerHour) < 5 && exitCode === 0
  console.log(`target: 0 unexpected errors and RSS slope < 5 MiB/hour after warm-up -> ${pass ? 'PASS' : 'FAIL'}`)
  return pass
}

async function seedPools(dbPath: string): Promise<Pools> {
  const pools: Pools = { users: [], sessions: [], inUse: new Map() }
  for (let i = 0; i < USERS; i += 1) {
    const email = `soak${i}@hbtn.io`
    pools.users.push({ id: await seedUser(dbPath, email, `pwd ${i}`, ROUNDS), email, password: `pwd ${i}` })
  }
  await seedUser(dbPath, TARGET_EMAIL, 'target pwd', ROUNDS)
  return pools
}

async function soak(dbPath: string): Promise<boolean> {
  const pools = await seedPools(dbPath)
  // All traffic comes from 127.0.0.1: the per-address limit would soon refuse every failed login.
  const server = await spawnServer({
    AUTH_TYPE, DB_PATH: dbPath, BCRYPT_ROUNDS: String(ROUNDS), NODE_ENV: 'production',
    LOGIN_MAX_ATTEMPTS_PER_IP: '1000000', LOGIN_WINDOW_SECONDS: '60',
  })
  try {
    // Start with one open session per user, so the first seconds are not a burst of logins.
    for (const { email, password } of pools.users) {
      const response = await fetch(`${server.url}/api/v1/auth_session/login`, { method: 'POST', body: new URLSearchParams({ email, password }) })
      pools.sessions.push(response.headers.getSetCookie()[0]?.split(';')[0] ?? '')
    }
    const tally = await run(server.url, server.process.pid ?? 0, pools)
    return report(tally, await server.stop('SIGTERM'))
  } finally {
    await server.kill()
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-soak-'))
  try {
    process.exitCode = (await soak(join(dir, 'db.sqlite3'))) ? 0 : 1
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
