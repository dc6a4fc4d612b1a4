// npm run bench:scale: does the cost of an authenticated read grow with the data? Each mode runs
// two servers side by side, one with 1 user, one with 100,000 users and 1,000,000 sessions, and
// loads them in turns; then the heap bytes per in-memory session. Writes bench/results/scale.md.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { load, sideBySide, type LoadResult } from './load.js'
import { MODES, type BenchMode } from './modes.js'
import { addSessions, addUsers } from './scale_seed.js'
import { copyDatabase, type SeededUser } from './bench_user.js'
import { seedUser } from './seed.js'
import { startServer, TSX_LOADER, type RunningServer } from './server_process.js'
import { credentials } from './targets.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ROUNDS = 10

interface ScaleRow { readonly name: string, readonly small: LoadResult | null, readonly large: LoadResult | null, readonly note: string }

interface BenchSettings {
  readonly seconds: number
  readonly warmupSeconds: number
  readonly connections: number
  readonly workDir: string
  readonly seedPath: string
  readonly user: SeededUser
}

type Launch = (dbPath: string, sessions: number) => Promise<RunningServer | { unavailable: string }>

function options(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: {
    seconds: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' },
    users: { type: 'string', default: '100000' }, sessions: { type: 'string', default: '1000000' },
  } })
  return { seconds: Number(values.seconds), warmup: Number(values.warmup), users: Number(values.users), sessions: Number(values.sessions) }
}

/** Loads the small and the large server in turns, after a warm-up of each. */
async function compare(settings: BenchSettings, mode: BenchMode, small: RunningServer, large: RunningServer): Promise<[LoadResult, LoadResult]> {
  const reads = async (server: RunningServer) => ({
    url: `${server.url}/api/v1/users/me`, headers: await credentials(settings.user, server.url, mode),
    connections: settings.connections, seconds: settings.seconds, expectedStatus: 200,
  })
  const [a, b] = [await reads(small), await reads(large)]
  for (const o of [a, b]) await load({ ...o, seconds: settings.warmupSeconds })
  return sideBySide(a, b)
}

async function scaleRow(settings: BenchSettings, mode: BenchMode, largeDb: string, sessions: number, launch: Launch, note: string): Promise<ScaleRow> {
  const smallDb = copyDatabase(settings.seedPath, join(settings.workDir, `small-${mode.name}.sqlite3`))
  const small = await launch(smallDb, 0)
  const large = await launch(largeDb, sessions)
  try {
    if ('unavailable' in small || 'unavailable' in large) return { name: mode.name, small: null, large: null, note: 'not available in this build' }
    const [s, l] = await compare(settings, mode, small, large)
    return { name: mode.name, small: s, large: l, note }
  } finally {
    for (const server of [small, large]) if ('stop' in server) await server.stop()
  }
}

function realServer(settings: BenchSettings, mode: BenchMode): Launch {
  return (dbPath) => startServer([join(ROOT, 'dist/api/v1/server.js')], {
    NODE_ENV: 'production', API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: dbPath, BCRYPT_ROUNDS: String(ROUNDS), ...mode.env,
  }, settings.workDir)
}

function memoryServer(settings: BenchSettings): Launch {
  return (dbPath, sessions) => startServer(['--import', TSX_LOADER, join(ROOT, 'bench/scale_server.ts')], {
    NODE_ENV: 'production', DB_PATH: dbPath, BCRYPT_ROUNDS: String(ROUNDS), SCALE_SESSIONS: String(sessions),
  }, settings.workDir)
}

function sessionMemory(sessions: number): { bytesPerSession: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', TSX_LOADER, join(ROOT, 'bench/session_memory.ts')], {
    env: { PATH: process.env.PATH ?? '', SESSIONS: String(sessions) }, encoding: 'utf8',
  })
  return JSON.parse(out) as { bytesPerSession: number }
}

function markdown(rows: readonly ScaleRow[], bytes: number, o: ReturnType<typeof options>, command: string): string {
  const f = (r: LoadResult | null, key: 'requestsPerSecond' | 'p99Ms', digits: number) => (r === null ? 'n/a' : r[key].toFixed(digits))
  return [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}.`,
    `Command: \`${command}\`. Each row: two servers, loaded in one-second turns (${o.seconds} each, after ${o.warmup} s warm-up); "large" holds ${o.users} users and, where the mode stores sessions, ${o.sessions} of them.`,
    '',
    '| mode | 1 user req/s | large req/s | ratio large / 1 user | p99 ms 1 user | p99 ms large | target | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => {
      const ratio = r.small === null || r.large === null ? NaN : r.large.requestsPerSecond / r.small.requestsPerSecond
      const verdict = Number.isNaN(ratio) ? '' : ratio >= 0.9 ? 'met' : '**not met**'
      return `| ${r.name} | ${f(r.small, 'requestsPerSecond', 0)} | ${f(r.large, 'requestsPerSecond', 0)} | ${Number.isNaN(ratio) ? 'n/a' : ratio.toFixed(2)} | ${f(r.small, 'p99Ms', 2)} | ${f(r.large, 'p99Ms', 2)} | >= 0.9: ${verdict} | ${r.note} |`
    }),
    '',
    `Heap per in-memory session (session_auth, ${o.sessions} sessions through SessionAuth.createSession, each with its own user id string, after a full GC): **${bytes.toFixed(0)} bytes** (target <= 200: ${bytes <= 200 ? 'met' : '**not met**'}).`,
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2))
  const workDir = mkdtempSync(join(tmpdir(), 'koa-session-auth-scale-'))
  try {
    const seedPath = join(workDir, 'seed.sqlite3')
    const settings: BenchSettings = {
      seconds: o.seconds, warmupSeconds: o.warmup, connections: 10, workDir, seedPath, user: await seedUser(seedPath, ROUNDS),
    }
    const largeDb = copyDatabase(seedPath, join(workDir, 'large.sqlite3'))
    const userIds = addUsers(largeDb, o.users - 1, ROUNDS)
    const sessionsMissing = addSessions(largeDb, o.sessions, userIds)
    const mode = (name: string) => MODES.find((m) => m.name === name) ?? ((): never => { throw new Error(name) })()
    const rows = [
      await scaleRow(settings, mode('session_auth'), largeDb, o.sessions, memoryServer(settings), 'in-process server (bench/scale_server.ts), sessions pre-created through SessionAuth'),
      await scaleRow(settings, mode('basic_auth'), largeDb, 0, realServer(settings, mode('basic_auth')), 'users only'),
      await scaleRow(settings, mode('session_db_auth'), largeDb, 0, realServer(settings, mode('session_db_auth')), sessionsMissing ?? 'session rows inserted in SQLite before start'),
    ]
    const { bytesPerSession } = sessionMemory(o.sessions)
    const report = markdown(rows, bytesPerSession, o, `npm run bench:scale -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''))
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true })
    writeFileSync(join(ROOT, 'bench/results/scale.md'), report)
    console.log(`${report}\nwritten to bench/results/scale.md`)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench:scale: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
