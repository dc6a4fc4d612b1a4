// The two ways a run is reported: one line per check for people (with the exchange that failed),
// and a JSON document for machines.
import { TASKS, type Check, type Series, type TaskName } from './check.js'
import { Matcher, renderJson, type CheckFailure, type Expected } from './expect.js'
import { rateLimitHint } from './hints.js'
import type { HttpResponse, SentRequest } from './http_client.js'
import type { CheckResult, Reporter, RunReport } from './runner.js'

const INDENT = '        '
const MAX_BODY = 500

/** Reports as text lines: PASS/FAIL per check, the failing exchange, and `N passed, M failed`. */
export function textReporter(write: (line: string) => void): Reporter {
  return {
    note: (line) => write(`${INDENT}... ${line}`),
    start({ toRun, notRun, unchecked }) {
      for (const { task, reason } of unchecked) write(`NONE  ${task.padEnd(10)} ${taskTitle(task)}: ${reason}`)
      for (const { check, reason } of notRun) write(`SKIP  ${label(check)}  (${reason})`)
      if (toRun.length === 0) write('no check applies: see --help for --task, --auth-type and --strict-port')
    },
    result({ check, failure }) {
      write(`${failure === null ? 'PASS' : 'FAIL'}  ${label(check)}`)
      if (failure !== null) for (const line of failureLines(failure)) write(INDENT + line)
    },
    end: (report) => write(`${report.passed} passed, ${report.failed} failed`),
  }
}

function taskTitle(task: TaskName): string {
  const [series, number] = task.split(':') as [Series, string]
  return TASKS[series][Number(number)] ?? task
}

/** The task, `[port]` when the check is of this port's additions, and the title of a check. */
export function label(check: Check): string {
  return `${check.task.padEnd(10)} ${check.part === 'B' ? '[port] ' : ''}${check.title}`
}

function failureLines(failure: CheckFailure): string[] {
  const lines = [`why:      ${failure.message}`]
  if (failure.response !== null) {
    const [first, ...rest] = requestLines(failure.response.request)
    lines.push(`request:  ${first}`, ...rest.map((line) => `          ${line}`))
    lines.push(`received: ${receivedLine(failure.response, failure.expected)}`)
  }
  if (failure.expected !== null) lines.push(`expected: ${expectedLine(failure.expected)}`)
  const hint = failure.response === null ? null : rateLimitHint(failure.response)
  if (hint !== null) lines.push(`hint:     ${hint}`)
  return lines
}

function requestLines(request: SentRequest): string[] {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`)
  return [`${request.method} ${request.url}`, ...headers, ...(request.body === null ? [] : [truncate(request.body)])]
}

function receivedLine(response: HttpResponse, expected: Expected | null): string {
  const headers = Object.keys(expected?.headers ?? {}).map((name) => `${name}: ${response.headers.get(name) ?? '(absent)'}`)
  // One line per answer, even for an HTML error page.
  return [String(response.status), ...headers, truncate(response.text.replace(/\s*\n\s*/g, ' ').trim())].filter((part) => part !== '').join('  ')
}

function expectedLine(expected: Expected): string {
  const headers = Object.entries(expected.headers ?? {}).map(([name, value]) => `${name}: ${value === null ? '(absent)' : String(value)}`)
  const body = expected.body === undefined ? [] : [renderJson(expected.body)]
  return [String(expected.status), ...headers, ...body].join('  ')
}

// Matchers become their labels and RegExps their source, so the report is plain JSON.
function plainJson(_key: string, value: unknown): unknown {
  if (value instanceof Matcher) return value.label
  return value instanceof RegExp ? String(value) : value
}

function truncate(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}... (${text.length} characters)` : text
}

/** The machine-readable report of a run (--json): the options, a summary, and every check. */
export function jsonReport(report: RunReport): Record<string, unknown> {
  const { url, authType, strictPort, sessionName, sessionDuration } = report.options
  return {
    url, authType, strictPort, sessionName, sessionDuration,
    summary: { passed: report.passed, failed: report.failed, notRun: report.notRun.length },
    checks: report.results.map(checkJson),
    notRun: report.notRun.map(({ check, reason }) => ({ ...describe(check), reason })),
  }
}

function describe(check: Check): Record<string, string> {
  return { task: check.task, part: check.part, title: check.title }
}

function checkJson({ check, failure, durationMs }: CheckResult): Record<string, unknown> {
  return { ...describe(check), outcome: failure === null ? 'pass' : 'fail', durationMs, failure: failure === null ? null : failureJson(failure) }
}

function failureJson(failure: CheckFailure): Record<string, unknown> {
  const { response, expected } = failure
  return {
    reason: failure.message,
    request: response?.request ?? null,
    received: response === null ? null : { status: response.status, headers: Object.fromEntries(response.headers), body: response.json ?? response.text },
    expected: expected === null ? null : JSON.parse(JSON.stringify(expected, plainJson)) as unknown,
  }
}
