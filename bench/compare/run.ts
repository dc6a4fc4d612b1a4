// npm run compare: the same scenario against every AUTH_TYPE (scenario.ts), with a short load on
// each mode alternating with the fair ceiling of `npm run bench`. Starts and stops its own Redis,
// PostgreSQL and API processes on loopback, and writes docs/compare.md and docs/compare.html.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { closeBcryptPool } from '../../models/bcrypt_pool.js'
import { startPostgres, stopAllPostgres, tempPostgresDatabase } from '../../test/support/postgres_server.js'
import { startRedisServer, type RedisServer } from '../../test/support/redis_server.js'
import { sample, sideBySide } from '../load.js'
import { startServer, stopOnSignals, TSX_LOADER, type RunningServer } from '../server_process.js'
import { headersOf } from './client.js'
import { renderHtml } from './html.js'
import { renderMarkdown, type RunInfo } from './markdown.js'
import { COMPARED_MODES } from './modes.js'
import { BOB, runScenario, type LoadStep, type ModeReport } from './scenario.js'
import type { Infrastructure } from './storage.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CEILING = join(ROOT, 'bench/servers/koa_router.ts')
const BCRYPT_ROUNDS = 10

function options(argv: string[]): { seconds: number, connections: number, logins: number } {
  const { values } = parseArgs({ args: argv, options: {
    seconds: { type: 'string', default: '2' }, connections: { type: 'string', default: '10' }, logins: { type: 'string', default: '15' },
  } })
  const count = (name: string, value: string): number => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1; got "${value}"`)
    return n
  }
  return { seconds: count('seconds', values.seconds), connections: count('connections', values.connections), logins: count('logins', values.logins) }
}

// The ceiling answers the JSON of a user shaped like the scenario's (same fields, same lengths).
function ceilingUserJson(): string {
  const at = new Date().toISOString().slice(0, 19)
  return JSON.stringify({ id: randomUUID(), email: BOB.email, first_name: null, last_name: null, created_at: at, updated_at: at })
}

async function startCeiling(workDir: string): Promise<RunningServer> {
  const env = { NODE_ENV: 'production', BENCH_CEILING: 'fair', BENCH_USER_JSON: ceilingUserJson() }
  const server = await startServer(['--import', TSX_LOADER, CEILING], env, workDir)
  if ('unavailable' in server) throw new Error(server.unavailable)
  return server
}

function loadStep(ceiling: RunningServer, seconds: number, connections: number): LoadStep {
  return async (server, credential) => {
    const common = { connections, seconds, expectedStatus: 200 }
    const mode = { ...common, url: `${server.url}/api/v1/users/me`, headers: headersOf(credential), pid: server.process.pid }
    const top = { ...common, url: `${ceiling.url}/api/v1/users/me`, pid: ceiling.pid }
    // One unrecorded turn each: the restarted server has not answered this route yet.
    await sample({ ...mode, seconds: 1 })
    await sample({ ...top, seconds: 1 })
    const [mine, theirs] = await sideBySide(mode, top)
    return {
      requestsPerSecond: mine.requestsPerSecond, p99Ms: mine.p99Ms, ceilingRequestsPerSecond: theirs.requestsPerSecond,
      ceilingP99Ms: theirs.p99Ms, unexpected: mine.unexpected + theirs.unexpected,
    }
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const o = options(argv)
  if (!existsSync(join(ROOT, 'dist/api/v1/log.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run compare does)')
  const workDir = mkdtempSync(join(tmpdir(), 'koa-session-auth-compare-'))
  let redis: RedisServer | null = null
  let ceiling: RunningServer | null = null
  const stopServices = async (): Promise<void> => {
    await Promise.all([redis?.remove(), stopAllPostgres()])
    rmSync(workDir, { recursive: true, force: true })
  }
  stopOnSignals('compare', stopServices)
  try {
    redis = await startRedisServer()
    const postgres = await startPostgres()
    let prefixes = 0
    const infra: Infrastructure = {
      redis, redisPrefix: () => `compare:${(prefixes += 1)}:`, postgresDatabase: () => tempPostgresDatabase(postgres), workDir,
      bcryptRounds: BCRYPT_ROUNDS, serverEnv: { NODE_ENV: 'production', BCRYPT_ROUNDS: String(BCRYPT_ROUNDS) },
    }
    ceiling = await startCeiling(workDir)
    const reports: ModeReport[] = []
    for (const mode of COMPARED_MODES) {
      process.stdout.write(`${mode.label}... `)
      const started = performance.now()
      reports.push(await runScenario(infra, mode, { logins: o.logins, stateLogins: 5, load: loadStep(ceiling, o.seconds, o.connections) }))
      console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
    const info: RunInfo = {
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      machine: `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
      command: `npm run compare${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      logins: o.logins, loadSeconds: o.seconds, connections: o.connections, bcryptRounds: BCRYPT_ROUNDS,
    }
    writeFileSync(join(ROOT, 'docs/compare.md'), renderMarkdown(info, reports))
    writeFileSync(join(ROOT, 'docs/compare.html'), renderHtml(info, reports))
    console.log('written to docs/compare.md and docs/compare.html')
  } finally {
    await ceiling?.stop()
    await Promise.all([stopServices(), closeBcryptPool()])
  }
}

main().catch((error: unknown) => {
  console.error(`\ncompare: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)
  process.exitCode = 1
})
