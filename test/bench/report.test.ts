// The bench's report as rendered: the table's cells, ratios to the right reference, every goal
// with its per-run ratios and verdict, unavailable servers, and the SVG chart. Hand-made figures.
import { expect } from 'chai'
import { renderLogins, type LoginFigures } from '../../bench/logins.js'
import type { LoadResult } from '../../bench/load.js'
import { EXPRESS_SESSION, FAIR_CEILING, KOA_SESSION, KOA_SESSION_REDIS } from '../../bench/modes.js'
import { renderMarkdown, type ReportInfo } from '../../bench/report.js'
import { renderSvg } from '../../bench/report_svg.js'
import { summarizeRuns, type RowSpec, type RunFigures, type TargetFigures } from '../../bench/summary.js'

const f = (rps: number[], unexpected = 0): TargetFigures => ({ rps, p50Ms: 0.25, p99Ms: 1.5, cpuShare: 0.97, unexpected })
const SPECS: RowSpec[] = [
  { name: 'basic_auth', role: 'mode', note: '', goals: [{ versus: FAIR_CEILING, min: 0.7 }] },
  {
    name: 'session_auth', role: 'mode', note: '',
    goals: [{ versus: FAIR_CEILING, min: 0.85 }, { versus: KOA_SESSION, min: 1.25 }, { versus: EXPRESS_SESSION, min: 4 }],
  },
  { name: 'session_db_auth', role: 'mode', note: '', goals: [{ versus: FAIR_CEILING, min: 0.75 }] },
  { name: 'auth', role: 'informational', note: '403 by design', goals: [] },
  { name: FAIR_CEILING, role: 'ceiling', note: 'Koa + @koa/router', goals: [] },
  { name: KOA_SESSION, role: 'peer', note: 'Map store', goals: [] },
  { name: EXPRESS_SESSION, role: 'peer', note: 'MemoryStore', goals: [] },
]
const run = (session: number, basic: number): RunFigures => ({
  basic_auth: f([basic, basic]), session_auth: f([session, session]), auth: f([5000, 5000], 0),
  [FAIR_CEILING]: f([10000, 10000]), [KOA_SESSION]: f([6000, 6000]), [EXPRESS_SESSION]: f([2000, 2000]),
})
const ROWS = summarizeRuns(SPECS, [run(9000, 6000), run(8000, 7500), run(8800, 7200)], { session_db_auth: 'AUTH_TYPE must be one of auth' })
const INFO: ReportInfo = {
  date: '2026-01-01 00:00 UTC', machine: '2 cores (Test CPU), Node v20', command: 'npm run bench -- --runs 3',
  pinning: 'load generator on CPU 0, each server on CPU 1 (taskset)', method: '3 runs', runs: 3,
}

describe('bench report', function () {
  const markdown = renderMarkdown(INFO, ROWS)

  it('starts with the command, the machine and the pinning', function () {
    expect(markdown).to.include('Command: `npm run bench -- --runs 3`')
    expect(markdown).to.include('Machine: 2 cores (Test CPU), Node v20; measured 2026-01-01 00:00 UTC. Pinning: load generator on CPU 0')
    expect(markdown).to.include('Each figure is the median of 3 runs')
  })

  it('gives session modes their ratios to both peers and judges every target in its own column order', function () {
    expect(markdown).to.include('| session_auth | 8800 | 0.88 | 1.47 | 4.40 |  | 0.25 | 1.50 | 97 % | >= 0.85, >= 1.25, >= 4 | met, met, met |')
    expect(markdown).to.include('| basic_auth | 7200 | 0.72 |  |  |  | 0.25 | 1.50 | 97 % | >= 0.7 | met |')
  })

  it('marks references and informational rows, and shows an unavailable mode with the server\'s reason', function () {
    expect(markdown).to.include(`| ${FAIR_CEILING} | 10000 | 1 (reference) |  |  |`)
    expect(markdown).to.include(`| ${KOA_SESSION} | 6000 | 0.60 | 1 (reference) |  |`)
    expect(markdown).to.include('| auth | 5000 | 0.50 |  |  |  | 0.25 | 1.50 | 97 % | informational |  |')
    expect(markdown).to.include('| session_db_auth | not available in this build |')
    expect(markdown).to.include('- **session_db_auth**: the real server (dist/api/v1/server.js) with this AUTH_TYPE; not available in this build: AUTH_TYPE must be one of auth')
  })

  it('gives a Redis mode its ratio to the koa-session Redis peer in the fourth ratio column', function () {
    const specs: RowSpec[] = [
      { name: 'session_redis_auth', role: 'mode', note: '', goals: [{ versus: FAIR_CEILING, min: 0.45 }, { versus: KOA_SESSION_REDIS, min: 1.2 }] },
      { name: FAIR_CEILING, role: 'ceiling', note: '', goals: [] },
      { name: KOA_SESSION_REDIS, role: 'peer', note: '', goals: [] },
    ]
    const runs = [{ session_redis_auth: f([6000]), [FAIR_CEILING]: f([10000]), [KOA_SESSION_REDIS]: f([4000]) }]
    const lines = renderMarkdown({ ...INFO, runs: 1 }, summarizeRuns(specs, runs, {}))
    expect(lines).to.include('| session_redis_auth | 6000 | 0.60 |  |  | 1.50 | 0.25 | 1.50 | 97 % | >= 0.45, >= 1.2 | met, met |')
    expect(lines).to.include(`| ${KOA_SESSION_REDIS} | 4000 | 0.40 |  |  | 1 (reference) |`)
    expect(lines).to.include(`| session_redis_auth / ${KOA_SESSION_REDIS} | >= 1.2 | 1.50 | 1.50 | met |`)
  })

  it('lists every goal with the median, each run\'s ratio and the verdict, and counts the goals met', function () {
    expect(markdown).to.include('| session_auth / fair ceiling | >= 0.85 | 0.88 | 0.90, 0.80, 0.88 | met |')
    expect(markdown).to.include('| session_db_auth / fair ceiling | >= 0.75 | n/a | not available in this build | **not met** |')
    expect(markdown).to.include('**4 of 5 targets met.**')
  })

  it('counts unexpected responses next to the throughput and fails the server\'s goals', function () {
    const rows = summarizeRuns(SPECS.slice(0, 1), [{ basic_auth: f([9000], 12), [FAIR_CEILING]: f([10000]) }], {})
    expect(renderMarkdown({ ...INFO, runs: 1 }, rows)).to.include('| basic_auth | 9000 (12 unexpected) | 0.90 |  |  |  | 0.25 | 1.50 | 97 % | >= 0.7 | **not met** |')
  })

  it('draws a bar per measured server, a red mark per target on the fair ceiling, and nothing external', function () {
    const svg = renderSvg(INFO, ROWS)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true)
    expect(svg.match(/<rect [^>]*height="18"/g)?.length).to.equal(6) // 7 rows, one unavailable
    expect(svg.match(/stroke="#cc0000"/g)?.length).to.equal(2) // basic_auth, session_auth
    expect(svg).to.include('0.88 (target 0.85: met)')
    expect(svg).not.to.match(/href|<image|@import|url\(/)
  })

  it('renders the optional login figures against cores / hash time and 3x the quiet p99', function () {
    const r = (requestsPerSecond: number, p99Ms: number): LoadResult => ({ requestsPerSecond, p50Ms: 1, p99Ms, responses: 1, unexpected: 0 })
    const figures: LoginFigures = { logins: r(15, 200), hashMs: 100, cores: 2, readRate: 1000, quiet: r(1000, 2), busy: r(1000, 7), loginsMeanwhile: r(14, 300) }
    const lines = renderLogins(figures).join('\n')
    expect(lines).to.include('>= 0.8 x 20.0/s (cores / hash time): **not met**')
    expect(lines).to.include('p99 <= 3 x 2.00 ms: **not met**')
  })
})
