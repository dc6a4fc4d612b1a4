// bench/results/latest.svg: one horizontal bar per measured server, its throughput as a ratio to
// the fair ceiling, with a red mark at its target. Self-contained: no fonts, styles or images
// from elsewhere.
import { FAIR_CEILING } from './modes.js'
import { fixed, type ReportInfo } from './report.js'
import type { Row, RowSpec } from './summary.js'

const COLORS: Readonly<Record<RowSpec['role'], string>> = { mode: '#4a7ab5', ceiling: '#444444', peer: '#d08c2c', informational: '#a9a9a9' }
const LEGEND: readonly (readonly [RowSpec['role'], string])[] = [
  ['mode', 'AUTH_TYPE with a target'], ['ceiling', 'fair ceiling'], ['peer', 'session library'], ['informational', 'informational'],
]
const [LEFT, WIDTH, BAR, TOP] = [150, 460, 24, 84]

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

function bar(row: Row, index: number, scale: number): string {
  const ratio = row.ratios[FAIR_CEILING]
  const y = TOP + index * BAR
  const x = (value: number): number => LEFT + (Math.min(value, scale) / scale) * WIDTH
  const goal = row.goals.find((g) => g.goal.versus === FAIR_CEILING)
  const label = goal === undefined ? fixed(ratio) : `${fixed(ratio)} (target ${goal.goal.min}: ${goal.met ? 'met' : 'not met'})`
  return [
    `<text x="${LEFT - 8}" y="${y + 14}" text-anchor="end">${escape(row.spec.name)}</text>`,
    `<rect x="${LEFT}" y="${y}" width="${(x(ratio) - LEFT).toFixed(1)}" height="${BAR - 6}" fill="${COLORS[row.spec.role]}"/>`,
    `<text x="${(x(ratio) + 6).toFixed(1)}" y="${y + 14}">${label}</text>`,
    ...(goal === undefined ? [] : [`<line x1="${x(goal.goal.min).toFixed(1)}" x2="${x(goal.goal.min).toFixed(1)}" y1="${y - 2}" y2="${y + BAR - 4}" stroke="#cc0000" stroke-width="3"/>`]),
  ].join('')
}

/** The chart; servers not measured (unavailable, or no ratio) get no bar. */
export function renderSvg(info: ReportInfo, rows: readonly Row[]): string {
  const shown = rows.filter((r) => r.unavailable === null && Number.isFinite(r.ratios[FAIR_CEILING]))
  const scale = Math.max(1.2, ...shown.map((r) => r.ratios[FAIR_CEILING] * 1.05))
  const bottom = TOP + shown.length * BAR
  const step = scale <= 2 ? 0.25 : scale <= 4 ? 0.5 : 1
  const ticks = Array.from({ length: Math.floor(scale / step) + 1 }, (_, i) => i * step).map((t) => {
    const x = (LEFT + (t / scale) * WIDTH).toFixed(1)
    const dash = t === 1 ? ' stroke-dasharray="5 3" stroke="#444444"' : ' stroke="#dddddd"'
    return `<line x1="${x}" x2="${x}" y1="${TOP - 6}" y2="${bottom}"${dash}/><text x="${x}" y="${bottom + 16}" text-anchor="middle">${t}</text>`
  })
  const runs = info.runs === 1 ? 'one run' : `median of ${info.runs} runs`
  const legend = LEGEND.map(([role, text], i) => `<rect x="${10 + i * 170}" y="${bottom + 28}" width="12" height="12" fill="${COLORS[role]}"/><text x="${26 + i * 170}" y="${bottom + 39}">${text}</text>`)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LEFT + WIDTH + 190}" height="${bottom + 56}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    `<text x="10" y="20" font-size="14" font-weight="bold">Authenticated GET /api/v1/users/me: req/s as a ratio to the fair ceiling (${runs})</text>`,
    `<text x="10" y="40">${escape(`${info.date}; ${info.machine}`)}</text>`,
    '<text x="10" y="58">Red marks: the targets. Dashed line: the fair ceiling (1.0). Ratios are taken between turns of the same round.</text>',
    ...ticks,
    ...shown.map((row, i) => bar(row, i, scale)),
    ...legend,
    '</svg>',
    '',
  ].join('\n')
}
