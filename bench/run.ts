// npm run bench: starts the real server once per AUTH_TYPE (a child process on a loopback port)
// and bare Koa as the ceiling, loads each with autocannon from this process, and writes
// bench/results/latest.md and latest.svg. Bounded: about 2.3 x seconds x (modes + 2), 2 minutes by default.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { HashTimer } from './hash_time.js'
import { MODES, type BenchMode } from './modes.js'
import { renderMarkdown, renderSvg, type BenchReport } from './report.js'
import { credentials, measureLoginImpact, measureLogins, measureMode, startCeiling, withServer, type BenchSettings, type ModeResult } from './scenarios.js'
import { seedUser } from './seed.js'
import { TSX_LOADER } from './server_process.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ROUNDS = 10
const SESSION_AUTH: BenchMode = MODES.find((m) => m.name === 'session_auth') ?? (() => { throw new Error('no session_auth mode') })()

function settingsFrom(argv: string[], workDir: string): Omit<BenchSettings, 'user' | 'seedPath'> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' }, 'read-rate': { type: 'string', default: '1000' },
      tsx: { type: 'boolean', default: false },
    },
  })
  const server = values.tsx ? ['--import', TSX_LOADER, join(ROOT, 'api/v1/server.ts')] : [join(ROOT, 'dist/api/v1/server.js')]
  if (!values.tsx && !existsSync(server[0] ?? '')) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)')
  return {
    seconds: Number(values.seconds), warmupSeconds: Number(values.warmup), connections: Number(values.connections),
    readRate: Number(values['read-rate']), loginConnections: 2 * availableParallelism(), serverArgs: server, workDir,
  }
}

async function loginFigures(settings: BenchSettings, timer: HashTimer) {
  return withServer(settings, SESSION_AUTH.env, async (server) => {
    const cookie = await credentials(settings, server.url, SESSION_AUTH)
    const logins = await measureLogins(settings, server.url, timer)
    const impact = await measureLoginImpact(settings, server.url, cookie)
    return { logins, impact }
  }, (reason) => { throw new Error(reason) })
}

// Every mode in turns with one bare Koa server, started once and stopped at the end.
async function measureModes(settings: BenchSettings): Promise<ModeResult[]> {
  const ceiling = await startCeiling(settings)
  const modes: ModeResult[] = []
  try {
    for (const mode of MODES) {
      const measured = await measureMode(settings, mode, ceiling)
      modes.push(measured)
      const { result, ceiling: paired } = measured
      const ratio = result === null || paired === null ? 'not available in this build' : (result.requestsPerSecond / paired.requestsPerSecond).toFixed(2)
      console.log(`  ${mode.name}: ${ratio} of bare Koa`)
    }
  } finally {
    await ceiling.stop()
  }
  return modes
}

function writeReport(report: BenchReport): void {
  const out = join(ROOT, 'bench/results')
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'latest.md'), renderMarkdown(report))
  writeFileSync(join(out, 'latest.svg'), renderSvg(report))
  console.log(`\n${renderMarkdown(report)}\nwritten to bench/results/latest.md and latest.svg`)
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(join(tmpdir(), 'koa-session-auth-bench-'))
  try {
    const base = settingsFrom(process.argv.slice(2), workDir)
    const seedPath = join(workDir, 'seed.sqlite3')
    const settings: BenchSettings = { ...base, seedPath, user: await seedUser(seedPath, ROUNDS) }
    const timer = new HashTimer(ROUNDS)
    console.log(`measuring ${MODES.length} modes in turns with bare Koa, then logins at bcrypt cost ${ROUNDS}`)
    const modes = await measureModes(settings)
    const { logins, impact } = await loginFigures(settings, timer)
    writeReport({
      date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      machine: `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`,
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
      settings: `${settings.warmupSeconds} s warm-up + ${settings.seconds} s per run, ${settings.connections} connections, logins with ${settings.loginConnections}, steady reads at ${settings.readRate} req/s, bcrypt cost ${ROUNDS}`,
      modes, logins, impact, cores: availableParallelism(), hashMs: timer.medianMs(),
    })
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
