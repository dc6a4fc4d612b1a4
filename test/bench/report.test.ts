// The bench's report: ratios to the ceiling of the same turns, targets judged, unavailable modes
// shown as such, and an SVG bar per measured mode.
import { expect } from 'chai'
import type { LoadResult } from '../../bench/load.js'
import { renderMarkdown, renderSvg, type BenchReport } from '../../bench/report.js'

function result(requestsPerSecond: number, cpuUsPerRequest = 20): LoadResult {
  return { requestsPerSecond, p50Ms: 0.5, p99Ms: 2, responses: requestsPerSecond * 5, unexpected: 0, cpuUsPerRequest }
}

const REPORT: BenchReport = {
  date: '2026-01-01 00:00 UTC', machine: '2 cores', command: 'npm run bench', settings: '5 s per run',
  modes: [
    { mode: { name: 'session_auth', env: {}, credentials: 'session', expectedStatus: 200, target: 0.9 }, result: result(19_000, 30), ceiling: result(20_000), unavailable: null },
    { mode: { name: 'basic_auth', env: {}, credentials: 'basic', expectedStatus: 200, target: 0.7 }, result: result(10_000), ceiling: result(25_000), unavailable: null },
    { mode: { name: 'session_db_auth', env: {}, credentials: 'session', expectedStatus: 200, target: 0.8 }, result: null, ceiling: null, unavailable: 'AUTH_TYPE must be one of auth' },
  ],
  logins: result(15), impact: { quiet: result(1000), busy: { ...result(1000), p99Ms: 7 }, logins: result(15) },
  cores: 2, hashMs: 100,
}

describe('bench report', () => {
  const markdown = renderMarkdown(REPORT)

  it('divides each mode by the ceiling of its own turns and judges its target', () => {
    expect(markdown).to.include('| session_auth | 19000 | 20000 | 0.95 | 0.50 | 2.00 | 30.0 / 20.0 | >= 0.9: met |')
    expect(markdown).to.include('| basic_auth | 10000 | 25000 | 0.40 |')
    expect(markdown).to.include('>= 0.7: **not met**')
  })

  it('shows a mode the server refused as not available in this build, with the server\'s message', () => {
    expect(markdown).to.include('| session_db_auth | not available in this build |')
    expect(markdown).to.include('AUTH_TYPE must be one of auth')
  })

  it('judges logins against cores / hash time and the p99 under logins against 3x the quiet p99', () => {
    expect(markdown).to.include('>= 0.8 x 20.0/s: **not met**')
    expect(markdown).to.include('p99 <= 3 x 2.00 ms: **not met**')
  })

  it('draws one bar per measured mode, none for an unavailable one', () => {
    const svg = renderSvg(REPORT)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true)
    expect(svg.match(/<rect /g)?.length).to.equal(2)
    expect(svg).to.include('>0.95</text>')
    expect(svg).not.to.include('session_db_auth')
  })
})
