// Enumeration timing (docs/security.md): unknown-email vs wrong-password logins against a
// real server on loopback, interleaved in pairs of random order, rate limit relaxed. Reports the medians,
// |Δmedian| and a Mann-Whitney U test. `npm run bench:timing` (SAMPLES=500, BCRYPT_ROUNDS=10).
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { seedUser } from '../test/support/seed_user.js'
import { spawnServer } from '../test/support/server_process.js'
import { mannWhitney, median, quantile } from './stats.js'

const SAMPLES = Number(process.env.SAMPLES ?? 500)
const ROUNDS = Number(process.env.BCRYPT_ROUNDS ?? 10)
const WARMUP = 20
const USER = { email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' }
type Kind = 'unknown email' | 'wrong password'

async function timeLogin(url: string, email: string, password: string, expected: number): Promise<number> {
  const start = performance.now()
  const response = await fetch(`${url}/api/v1/auth_session/login`, { method: 'POST', body: new URLSearchParams({ email, password }) })
  await response.arrayBuffer()
  const elapsed = performance.now() - start
  if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}`)
  return elapsed
}

/**
 * Both kinds, SAMPLES each, as adjacent pairs in random order within each pair: a change of load
 * on the machine (other processes, GC) then falls on both kinds alike.
 */
function schedule(): Kind[] {
  const kinds: Kind[] = []
  for (let i = 0; i < SAMPLES; i += 1) {
    kinds.push(...(Math.random() < 0.5 ? ['unknown email', 'wrong password'] as const : ['wrong password', 'unknown email'] as const))
  }
  return kinds
}

function row(kind: string, values: readonly number[]): string {
  const f = (q: number) => quantile(values, q).toFixed(2).padStart(8)
  return `| ${kind.padEnd(14)} | ${String(values.length).padStart(5)} | ${f(0.5)}  | ${f(0.1)} | ${f(0.9)} |`
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-timing-'))
  const dbPath = join(dir, 'db.sqlite3')
  await seedUser(dbPath, USER.email, USER.password, ROUNDS)
  const server = await spawnServer({
    AUTH_TYPE: 'session_auth', DB_PATH: dbPath, BCRYPT_ROUNDS: String(ROUNDS),
    LOGIN_MAX_ATTEMPTS_PER_EMAIL: '0', LOGIN_MAX_ATTEMPTS_PER_IP: '0',
  })
  try {
    for (let i = 0; i < WARMUP; i += 1) {
      await timeLogin(server.url, `warm${i}@hbtn.io`, 'x', 404)
      await timeLogin(server.url, USER.email, `warm${i}`, 401)
    }
    const times: Record<Kind, number[]> = { 'unknown email': [], 'wrong password': [] }
    const started = performance.now()
    for (const [i, kind] of schedule().entries()) {
      const ms = kind === 'unknown email'
        ? await timeLogin(server.url, `ghost${i}@hbtn.io`, 'x', 404)
        : await timeLogin(server.url, USER.email, `x${i}`, 401)
      times[kind].push(ms)
    }
    report(times, (performance.now() - started) / 1000)
  } finally {
    await server.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

function report(times: Record<Kind, number[]>, seconds: number): void {
  const unknown = times['unknown email']
  const wrong = times['wrong password']
  const delta = Math.abs(median(unknown) - median(wrong))
  const test = mannWhitney(unknown, wrong)
  console.log(`login timing, unknown email vs wrong password: BCRYPT_ROUNDS=${ROUNDS}, ${SAMPLES} samples each, `
    + `in pairs of random order, sequential over loopback, ${seconds.toFixed(0)} s, ${cpus().length} CPUs, node ${process.version}`)
  console.log('| kind           |     n | median ms |   p10 ms |   p90 ms |')
  console.log('| -------------- | ----- | --------- | -------- | -------- |')
  console.log(row('unknown email', unknown))
  console.log(row('wrong password', wrong))
  console.log(`|Δmedian| = ${delta.toFixed(2)} ms; Mann-Whitney U = ${test.u.toFixed(0)}, z = ${test.z.toFixed(2)}, p = ${test.p.toFixed(4)}`)
  const pass = test.p > 0.01 && delta < 5
  console.log(`target (docs/security.md): p > 0.01 and |Δmedian| < 5 ms -> ${pass ? 'PASS' : 'FAIL'}`)
  process.exitCode = pass ? 0 : 1
}

await main()
