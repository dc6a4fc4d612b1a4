// The bench's results as Markdown (bench/results/latest.md): one table of every server with its
// ratios to the fair ceiling and, where a mode has a goal against one, to the session peers; then every goal
// with its per-run ratios and a verdict. docs/performance.md explains the rows.
import { FAIR_CEILING, type Reference } from './modes.js'
import { REFERENCES, type GoalResult, type Row } from './summary.js'

export interface ReportInfo {
  readonly date: string
  readonly machine: string
  readonly command: string
  /** How the load generator and the servers were kept apart (pinning.ts). */
  readonly pinning: string
  readonly method: string
  readonly runs: number
}

export const fixed = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a')
const verdict = (result: GoalResult): string => (result.met ? 'met' : '**not met**')
const hasGoal = (row: Row, ref: Reference): boolean => row.spec.goals.some((g) => g.versus === ref)

function ratioCell(row: Row, ref: Reference): string {
  if (row.spec.name === ref) return '1 (reference)'
  if (ref !== FAIR_CEILING && !hasGoal(row, ref)) return ''
  return fixed(row.ratios[ref])
}

function tableRow(row: Row): string {
  const name = row.spec.name
  const targets = row.spec.role === 'informational' ? 'informational' : row.spec.goals.map((g) => `>= ${g.min}`).join(', ')
  if (row.unavailable !== null) return `| ${name} | not available in this build | | | | | | | | ${targets} | |`
  const rps = `${fixed(row.rps, 0)}${row.unexpected > 0 ? ` (${row.unexpected} unexpected)` : ''}`
  const ratios = REFERENCES.map((ref) => ratioCell(row, ref)).join(' | ')
  const cpu = Number.isFinite(row.cpuShare) ? `${(row.cpuShare * 100).toFixed(0)} %` : 'n/a'
  return `| ${name} | ${rps} | ${ratios} | ${fixed(row.p50Ms)} | ${fixed(row.p99Ms)} | ${cpu} | ${targets} | ${row.goals.map(verdict).join(', ')} |`
}

function goalRows(rows: readonly Row[]): string[] {
  return rows.flatMap((row) => row.goals.map((g) => {
    const perRun = row.unavailable === null ? g.perRun.map((r) => fixed(r)).join(', ') : 'not available in this build'
    return `| ${row.spec.name} / ${g.goal.versus} | >= ${g.goal.min} | ${fixed(g.ratio)} | ${perRun} | ${verdict(g)} |`
  }))
}

/** The whole report; `extra` lines (the optional login figures) go at the end. */
export function renderMarkdown(info: ReportInfo, rows: readonly Row[], extra: readonly string[] = []): string {
  const goals = rows.flatMap((r) => r.goals)
  const runs = info.runs === 1 ? 'one run' : `the median of ${info.runs} runs`
  return [
    '# `npm run bench`: authenticated GET /api/v1/users/me',
    '',
    `Command: \`${info.command}\``,
    '',
    `Machine: ${info.machine}; measured ${info.date}. Pinning: ${info.pinning}.`,
    '',
    `Method: ${info.method}. Each figure is ${runs}; a ratio is taken between turns of the same round.`,
    'See docs/performance.md for what each row is and how to read it.',
    '',
    '| server | req/s | ratio to fair ceiling | ratio to koa-session | ratio to express-session | ratio to koa-session (Redis store) | p50 ms | p99 ms | server CPU | target (in the order of the ratio columns) | met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(tableRow),
    '',
    `**${goals.filter((g) => g.met).length} of ${goals.length} targets met.**`,
    '',
    '| ratio | target | median | per run | met |',
    '| --- | ---: | ---: | --- | --- |',
    ...goalRows(rows),
    '',
    ...rows.flatMap((row) => [
      `- **${row.spec.name}**: ${row.spec.note || 'the real server (dist/api/v1/server.js) with this AUTH_TYPE'}${row.unavailable === null ? '' : `; not available in this build: ${row.unavailable}`}`,
    ]),
    ...(extra.length > 0 ? ['', ...extra] : []),
    '',
  ].join('\n')
}
