// npm run bench: compares an authenticated GET /api/v1/users/me across every AUTH_TYPE of the
// real server (child processes of dist/api/v1/server.js), a fair Koa + @koa/router ceiling, bare
// Koa + @koa/router, and session libraries (koa-session with a Map or a Redis store,
// express-session). All of them run at once, each pinned to one core where the machine allows,
// with one throwaway Redis and PostgreSQL on that core, and are loaded in short turns by
// autocannon from this process on another core. Writes bench/results/latest.md and latest.svg.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startBackingServices, type BackingServices } from './backing_services.js'
import { createThroughServer } from './bench_user.js'
import { measureLogins, renderLogins } from './logins.js'
import { FAIR_CEILING } from './modes.js'
import { pinCores } from './pinning.js'
import { copyUserToPostgres } from './postgres_seed.js'
import { fixed, renderMarkdown, type ReportInfo } from './report.js'
import { renderSvg } from './report_svg.js'
import { rotate, type RotationSettings } from './rotation.js'
import { stopOnSignals, TSX_LOADER } from './server_process.js'
import { pairedRatio, summarizeRuns, type RunFigures } from './summary.js'
import { startTarget, TARGETS, type BenchEnv, type Prepared } from './targets.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BCRYPT_ROUNDS = 10

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '1' }, rounds: { type: 'string', default: '8' }, seconds: { type: 'string', default: '1' },
      warmup: { type: 'string', default: '1' }, connections: { type: 'string', default: '10' },
      tsx: { type: 'boolean', default: false }, 'no-pin': { type: 'boolean', default: false },
      logins: { type: 'boolean', default: false }, 'read-rate': { type: 'string', default: '1000' },
    },
  })
  const count = (name: string, value: string, min: number): number => {
    const n = Number(value)
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}; got "${value}"`)
    return n
  }
  return {
    runs: count('runs', values.runs, 1), readRate: count('read-rate', values['read-rate'], 1), tsx: values.tsx, pin: !values['no-pin'], logins: values.logins,
    rotation: {
      rounds: count('rounds', values.rounds, 1), seconds: count('seconds', values.seconds, 0.2),
      warmupSeconds: count('warmup', values.warmup, 0.2), connections: count('connections', values.connections, 1),
    } satisfies RotationSettings,
  }
}

/** One run: every server started, checked, loaded in rotation, stopped. */
async function oneRun(env: BenchEnv, rotation: RotationSettings, label: string): Promise<{ figures: RunFigures, unavailable: Record<string, string> }> {
  const prepared: Prepared[] = []
  const unavailable: Record<string, string> = {}
  try {
    for (const target of TARGETS) {
      const started = await startTarget(env, target)
      if ('server' in started) prepared.push(started)
      else unavailable[target.name] = started.unavailable
    }
    const figures = await rotate(prepared, rotation, (round) => process.stdout.write(`\r${label}: round ${round} of ${rotation.rounds}`))
    const ratios = TARGETS.map((t) => `${t.name} ${fixed(pairedRatio(figures[t.name], figures[FAIR_CEILING]))}`)
    console.log(`\n  ratio to the fair ceiling: ${ratios.join(', ')}`)
    return { figures, unavailable }
  } finally {
    for (const p of prepared) await p.server.stop()
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const o = options(argv)
  const serverArgs = o.tsx ? ['--import', TSX_LOADER, join(ROOT, 'api/v1/server.ts')] : [join(ROOT, 'dist/api/v1/server.js')]
  // The fair ceiling logs through the compiled Logger even with --tsx.
  if (!existsSync(join(ROOT, 'dist/api/v1/log.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)')
  const cores = availableParallelism() // counted before pinning narrows it to one
  const machine = `${cores} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}`
  const pinning = pinCores(o.pin)
  const workDir = mkdtempSync(join(tmpdir(), 'koa-session-auth-bench-'))
  process.once('exit', () => rmSync(workDir, { recursive: true, force: true })) // also after Ctrl-C
  const loadBefore = loadavg()[0] ?? NaN
  let services: BackingServices | null = null
  stopOnSignals('bench', () => services?.stop())
  try {
    const seedPath = join(workDir, 'seed.sqlite3')
    const user = await createThroughServer(serverArgs, seedPath, workDir, BCRYPT_ROUNDS)
    services = await startBackingServices({ prefix: pinning.serverPrefix, seed: (url) => copyUserToPostgres(seedPath, user.id, url) })
    const env: BenchEnv = { user, seedPath, workDir, serverArgs, prefix: pinning.serverPrefix, bcryptRounds: BCRYPT_ROUNDS, services }
    const { rounds, seconds, warmupSeconds, connections } = o.rotation
    const perRun = TARGETS.length * (warmupSeconds + rounds * seconds + 1)
    console.log(`${TARGETS.length} servers, ${o.runs} run(s) of about ${Math.ceil(perRun)} s; ${pinning.description}`)
    const runs: RunFigures[] = []
    const unavailable: Record<string, string> = {}
    for (let run = 1; run <= o.runs; run += 1) {
      const result = await oneRun(env, o.rotation, `run ${run} of ${o.runs}`)
      runs.push(result.figures)
      Object.assign(unavailable, result.unavailable)
    }
    const extra = o.logins ? renderLogins(await measureLogins(env, { prefix: pinning.unpinnedPrefix, cores, seconds: 5, readRate: o.readRate })) : []
    const info: ReportInfo = {
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      machine: `${machine}, 1-min load average ${fixed(loadBefore)} before and ${fixed(loadavg()[0] ?? NaN)} after`,
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      pinning: pinning.description,
      method: `${o.runs === 1 ? 'one run' : `${o.runs} runs`}; in each, all ${TARGETS.length} servers start fresh, get one ${warmupSeconds} s warm-up turn each, then ${rounds} round${rounds === 1 ? '' : 's'} of ${seconds} s turns rotating through all of them (each round starts one further along); ${connections} connections from autocannon in the bench process`,
      runs: o.runs,
    }
    const rows = summarizeRuns(TARGETS, runs, unavailable)
    const out = join(ROOT, 'bench/results')
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'latest.md'), renderMarkdown(info, rows, extra))
    writeFileSync(join(out, 'latest.svg'), renderSvg(info, rows))
    console.log(`\n${renderMarkdown(info, rows, extra)}\nwritten to bench/results/latest.md and latest.svg`)
  } finally {
    await services?.stop()
    rmSync(workDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
