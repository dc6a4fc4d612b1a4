// `npm run bench -- --logins`: login throughput against the machine's bcrypt capacity, and the p99
// of authenticated reads at a steady rate with and without logins running, on a session_auth
// server. Off by default: bcrypt keeps both cores busy, which the read figures do not need.
import { HashTimer } from './hash_time.js'
import { load, sample, summarize, type LoadOptions, type LoadResult, type Sample } from './load.js'
import { fixed } from './report.js'
import { LOGIN_BODY, startTarget, TARGETS, type BenchEnv } from './targets.js'

export interface LoginFigures {
  readonly logins: LoadResult
  /** One bcrypt comparison at the bench's cost on one thread, timed in turns with the logins. */
  readonly hashMs: number
  readonly cores: number
  readonly readRate: number
  readonly quiet: LoadResult
  readonly busy: LoadResult
  readonly loginsMeanwhile: LoadResult
}

export interface LoginSettings {
  /** Command prefix that undoes the bench's own pinning, which children inherit. */
  readonly prefix: readonly string[]
  /** CPUs the machine gives the bench, counted before it pinned itself. */
  readonly cores: number
  readonly seconds: number
  readonly readRate: number
}

/**
 * Runs both measurements, `seconds` one-second turns each, on a fresh session_auth server that is
 * not pinned: its bcrypt pool may use every core, as the capacity figure assumes.
 */
export async function measureLogins(env: BenchEnv, o: LoginSettings): Promise<LoginFigures> {
  const { cores, seconds, readRate } = o
  const target = TARGETS.find((t) => t.name === 'session_auth')
  const started = target === undefined ? null : await startTarget({ ...env, prefix: o.prefix }, target)
  if (started === null || !('server' in started)) throw new Error('--logins needs session_auth')
  const timer = new HashTimer(env.bcryptRounds)
  try {
    const url = started.server.url
    const logins: LoadOptions = {
      url: `${url}/api/v1/auth_session/login`, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: LOGIN_BODY, connections: 2 * cores, seconds: 1, expectedStatus: 200,
    }
    const reads: LoadOptions = { ...started.request, connections: 10, seconds: 1, overallRate: readRate }
    await load(logins)
    const loginTurns: Sample[] = []
    for (let turn = 0; turn < seconds; turn += 1) {
      loginTurns.push(await sample(logins))
      timer.sample(3)
    }
    await load(reads)
    const [quiet, busy, meanwhile]: [Sample[], Sample[], Sample[]] = [[], [], []]
    for (let turn = 0; turn < seconds; turn += 1) {
      quiet.push(await sample(reads))
      const [read, login] = await Promise.all([sample(reads), sample(logins)])
      busy.push(read)
      meanwhile.push(login)
    }
    return {
      logins: summarize(loginTurns), hashMs: timer.medianMs(), cores, readRate,
      quiet: summarize(quiet), busy: summarize(busy), loginsMeanwhile: summarize(meanwhile),
    }
  } finally {
    await started.server.stop()
  }
}

/** Markdown lines for the end of the report. */
export function renderLogins(f: LoginFigures): string[] {
  const capacity = (f.cores * 1000) / f.hashMs
  const verdict = (met: boolean): string => (met ? 'met' : '**not met**')
  const row = (what: string, r: LoadResult, target: string): string =>
    `| ${what} | ${fixed(r.requestsPerSecond, 1)}${r.unexpected > 0 ? ` (${r.unexpected} unexpected)` : ''} | ${fixed(r.p50Ms)} | ${fixed(r.p99Ms)} | ${target} |`
  return [
    `## Logins (session_auth, --logins, server not pinned): ${f.cores} cores, ${fixed(f.hashMs, 1)} ms per bcrypt comparison on one thread`,
    '',
    '| what | req/s | p50 ms | p99 ms | target |',
    '| --- | ---: | ---: | ---: | --- |',
    row('POST /api/v1/auth_session/login', f.logins, `>= 0.8 x ${fixed(capacity, 1)}/s (cores / hash time): ${verdict(f.logins.requestsPerSecond >= 0.8 * capacity)}`),
    row(`reads at ${f.readRate} req/s, no logins`, f.quiet, ''),
    row('the same reads while logins run', f.busy, `p99 <= 3 x ${fixed(f.quiet.p99Ms)} ms: ${verdict(f.busy.p99Ms <= 3 * f.quiet.p99Ms)}; ${fixed(f.loginsMeanwhile.requestsPerSecond, 1)} logins/s meanwhile`),
  ]
}
