// The bench's results as a Markdown table (bench/results/latest.md) and a hand-written SVG bar
// chart (bench/results/latest.svg): every figure also as a ratio to bare Koa in the same run.
import type { LoadResult } from './load.js'
import type { LoginImpact, ModeResult } from './scenarios.js'

export interface BenchReport {
  readonly date: string
  readonly machine: string
  readonly command: string
  readonly settings: string
  readonly modes: readonly ModeResult[]
  readonly logins: LoadResult | null
  readonly impact: LoginImpact | null
  readonly cores: number
  readonly hashMs: number
}

/** Mean bare-Koa throughput over every turn it ran; the denominator of figures not taken in turns. */
export function ceilingRps(report: BenchReport): number {
  const ceilings = report.modes.flatMap((m) => (m.ceiling === null ? [] : [m.ceiling.requestsPerSecond]))
  return ceilings.reduce((sum, rps) => sum + rps, 0) / ceilings.length
}

const fixed = (value: number, digits = 0): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const ratio = (value: number, ceiling: number): string => fixed(value / ceiling, 2)
const verdict = (met: boolean): string => (met ? 'met' : '**not met**')

function row(name: string, r: LoadResult, ceiling: number, target: string, note = '', cpu = ''): string {
  const errors = r.unexpected > 0 ? ` (${r.unexpected} unexpected)` : ''
  return `| ${name} | ${fixed(r.requestsPerSecond)}${errors} | ${fixed(ceiling)} | ${ratio(r.requestsPerSecond, ceiling)} | ${fixed(r.p50Ms, 2)} | ${fixed(r.p99Ms, 2)} | ${cpu} | ${target} | ${note} |`
}

function modeRows(report: BenchReport): string[] {
  return report.modes.map(({ mode, result, ceiling: paired, unavailable }) => {
    if (result === null || paired === null) return `| ${mode.name} | not available in this build | | | | | | >= ${mode.target ?? ''} | ${unavailable ?? ''} |`
    const ceiling = paired.requestsPerSecond
    const target = mode.target === undefined ? '' : `>= ${mode.target}: ${verdict(result.requestsPerSecond / ceiling >= mode.target && result.unexpected === 0)}`
    const cpu = `${fixed(result.cpuUsPerRequest, 1)} / ${fixed(paired.cpuUsPerRequest, 1)}`
    return row(mode.name, result, ceiling, target, mode.note ?? '', cpu)
  })
}

function loginRows(report: BenchReport, ceiling: number): string[] {
  const lines: string[] = []
  const expected = (report.cores * 1000) / report.hashMs
  if (report.logins !== null) {
    const met = report.logins.requestsPerSecond >= 0.8 * expected
    lines.push(row('login (session_auth)', report.logins, ceiling, `>= 0.8 x ${fixed(expected, 1)}/s: ${verdict(met)}`, `${report.cores} cores / ${fixed(report.hashMs, 1)} ms per hash, timed on one thread in turns with the logins`))
  }
  if (report.impact !== null) {
    const { quiet, busy, logins } = report.impact
    const met = busy.p99Ms <= 3 * quiet.p99Ms
    lines.push(row('reads at a steady rate, no logins', quiet, ceiling, '', 'session_auth'))
    lines.push(row('same reads while logins run', busy, ceiling, `p99 <= 3 x ${fixed(quiet.p99Ms, 2)} ms: ${verdict(met)}`, `${fixed(logins.requestsPerSecond, 1)} logins/s meanwhile`))
  }
  return lines
}

/** The whole report as Markdown. */
export function renderMarkdown(report: BenchReport): string {
  const ceiling = ceilingRps(report)
  return [
    `Measured ${report.date} on ${report.machine}; ${report.settings}.`,
    `Command: \`${report.command}\`. Each mode ran in one-second turns with the ceiling, a bare Koa app answering`,
    `GET /api/v1/users/me with the same JSON; its ratio uses the ceiling of its own turns. Other rows use the mean ceiling, ${fixed(ceiling)} req/s.`,
    'Server CPU per request (all threads, from /proc) moves less than throughput when other processes share the machine.',
    '',
    '| what | req/s | bare Koa req/s | ratio to bare Koa | p50 ms | p99 ms | server CPU µs/req (mode / bare Koa) | target | note |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...modeRows(report),
    ...loginRows(report, ceiling),
    '',
  ].join('\n')
}

/** A horizontal bar per measured mode: its throughput as a ratio to bare Koa, target marked. */
export function renderSvg(report: BenchReport): string {
  const ceiling = ceilingRps(report)
  const bars = report.modes.filter((m) => m.result !== null)
  const [left, width, height, top] = [170, 400, 26, 40]
  const rows = bars.map(({ mode, result, ceiling: paired }, i) => {
    const value = (result?.requestsPerSecond ?? 0) / (paired?.requestsPerSecond ?? NaN)
    const y = top + i * height
    const target = mode.target === undefined ? '' : `<line x1="${left + mode.target * width}" x2="${left + mode.target * width}" y1="${y}" y2="${y + height - 6}" stroke="#c00" stroke-width="2"/>`
    return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${mode.name}</text>`
      + `<rect x="${left}" y="${y}" width="${Math.min(value, 1.2) * width}" height="${height - 6}" fill="#4a7ab5"/>`
      + `<text x="${left + Math.min(value, 1.2) * width + 6}" y="${y + 15}">${fixed(value, 2)}</text>${target}`
  })
  const svgHeight = top + bars.length * height + 30
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width * 1.2 + 60}" height="${svgHeight}" font-family="sans-serif" font-size="13">`,
    `<text x="10" y="20" font-weight="bold">Authenticated GET /api/v1/users/me, ratio to bare Koa in the same turns (mean ${fixed(ceiling)} req/s); red: target</text>`,
    `<line x1="${left + width}" x2="${left + width}" y1="${top - 6}" y2="${svgHeight - 24}" stroke="#888" stroke-dasharray="4"/>`,
    `<text x="${left + width}" y="${svgHeight - 10}" text-anchor="middle">1.0 = bare Koa</text>`,
    ...rows,
    '</svg>',
    '',
  ].join('\n')
}
