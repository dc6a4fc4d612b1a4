// Chooses the checks that apply to a run (tasks, AUTH_TYPE, --strict-port, what the run can do),
// runs them one after the other against the server, and deletes the users they created.
import type { Check, Need, TaskName } from './check.js'
import { basicChecks } from './checks_basic.js'
import { lifetimeChecks } from './checks_lifetime.js'
import { portChecks } from './checks_port.js'
import { sessionChecks } from './checks_session.js'
import { tokenChecks } from './checks_token.js'
import { CheckContext, type CheckOptions, type RunServices } from './context.js'
import { CheckFailure } from './expect.js'
import { HttpClient } from './http_client.js'
import { preflightNote } from './preflight.js'

const SERIES_ORDER = ['basic', 'session', 'token']

/** Every check, in task order (0x01, 0x02, then tokens), the exercise's before the port's within a task. */
export const CHECKS: readonly Check[] = [...basicChecks, ...sessionChecks, ...lifetimeChecks, ...portChecks, ...tokenChecks]
  .map((check, index) => ({ check, index }))
  .sort((a, b) => taskOrder(a.check) - taskOrder(b.check) || a.index - b.index)
  .map(({ check }) => check)

function taskOrder(check: Check): number {
  const [series, number] = check.task.split(':')
  return SERIES_ORDER.indexOf(series ?? '') * 100 + Number(number) + (check.part === 'B' ? 0.5 : 0)
}

export interface RunOptions extends CheckOptions {
  readonly url: string
  /** The tasks to check; null for all of them. */
  readonly tasks: readonly TaskName[] | null
  /** Also check this port's own additions (--strict-port). */
  readonly strictPort: boolean
}

export interface CheckResult {
  readonly check: Check
  readonly failure: CheckFailure | null
  readonly durationMs: number
}

export interface NotRun {
  readonly check: Check
  readonly reason: string
}

export interface RunReport {
  readonly options: RunOptions
  readonly results: readonly CheckResult[]
  readonly notRun: readonly NotRun[]
  readonly passed: number
  readonly failed: number
}

export interface Reporter {
  /** A line that is not a verdict: a wait, a restart, a cleanup problem. */
  note(line: string): void
  start(plan: Plan): void
  result(result: CheckResult): void
  end(report: RunReport): void
}

const NEEDS: Readonly<Record<Need, { met: (options: RunOptions) => boolean, reason: string }>> = {
  'session-duration': { met: (options) => options.sessionDuration > 0, reason: 'needs --session-duration > 0 (the server\'s SESSION_DURATION)' },
  'restart': { met: (options) => options.restart !== null, reason: 'needs --restart-cmd (a command that restarts the server)' },
}

export interface Plan {
  readonly toRun: readonly Check[]
  /** Checks that apply but need something the run lacks. */
  readonly notRun: readonly NotRun[]
  /** Chosen tasks with no check for this run at all, and why. */
  readonly unchecked: ReadonlyArray<{ readonly task: TaskName, readonly reason: string }>
}

/** Tasks that HTTP cannot show, so no check exists for them. */
const UNCHECKABLE: Readonly<Partial<Record<TaskName, string>>> = {
  'basic:13': 'no path the exercise excludes ends in "*", so the wildcard of require_auth cannot be seen over HTTP',
}

/** The checks of the chosen tasks that apply to the mode, those the run cannot do, and why. */
export function planChecks(options: RunOptions): Plan {
  const chosen = CHECKS.filter((check) => (options.tasks === null || options.tasks.includes(check.task))
    && (check.part === 'A' || options.strictPort) && check.modes.includes(options.authType))
  const toRun: Check[] = []
  const notRun: NotRun[] = []
  for (const check of chosen) {
    const unmet = check.needs.find((need) => !NEEDS[need].met(options))
    if (unmet === undefined) toRun.push(check)
    else notRun.push({ check, reason: NEEDS[unmet].reason })
  }
  const unchecked = (options.tasks ?? []).filter((task) => !chosen.some((check) => check.task === task))
    .map((task) => ({ task, reason: whyUnchecked(task, options) }))
  return { toRun, notRun, unchecked }
}

function whyUnchecked(task: TaskName, options: RunOptions): string {
  const checks = CHECKS.filter((check) => check.task === task)
  if (checks.length === 0) return UNCHECKABLE[task] ?? 'no check'
  if (checks.some((check) => check.modes.includes(options.authType))) return 'its checks for this AUTH_TYPE are the port\'s additions: add --strict-port'
  return `its checks need --auth-type ${[...new Set(checks.flatMap((check) => check.modes))].join(' or ')}`
}

/** Runs the applicable checks; throws only when the server cannot be reached at all. */
export async function runChecks(options: RunOptions, reporter: Reporter): Promise<RunReport> {
  const http = new HttpClient(options.url)
  await http.send({ method: 'GET', path: '/api/v1/status' })
  const services: RunServices = { http, createdUserIds: new Set(), note: (line) => reporter.note(line) }
  const plan = planChecks(options)
  reporter.start(plan)
  await preflight(new CheckContext(options, services), reporter)
  const results: CheckResult[] = []
  for (const check of plan.toRun) {
    const result = await runOne(check, new CheckContext(options, services))
    results.push(result)
    reporter.result(result)
  }
  await deleteCreatedUsers(new CheckContext(options, services), services.createdUserIds, reporter)
  const failed = results.filter((result) => result.failure !== null).length
  const report = { options, results, notRun: plan.notRun, passed: results.length - failed, failed }
  reporter.end(report)
  return report
}

async function runOne(check: Check, ctx: CheckContext): Promise<CheckResult> {
  const started = Date.now()
  try {
    await check.run(ctx)
    return { check, failure: null, durationMs: Date.now() - started }
  } catch (error) {
    const failure = error instanceof CheckFailure ? error : new CheckFailure(error instanceof Error ? error.message : String(error))
    return { check, failure, durationMs: Date.now() - started }
  }
}

// A wrong --auth-type, the login rate limit, a wrong --email/--password: say so first (preflight.ts).
async function preflight(ctx: CheckContext, reporter: Reporter): Promise<void> {
  const note = await preflightNote(ctx).catch((error: unknown) => `could not look at the server before the checks: ${error instanceof Error ? error.message : String(error)}`)
  if (note !== null) reporter.note(note)
}

// A check that failed half-way leaves its throwaway user behind: remove it, say so if it cannot.
async function deleteCreatedUsers(ctx: CheckContext, ids: Set<string>, reporter: Reporter): Promise<void> {
  for (const id of [...ids]) {
    await ctx.deleteUser(id).catch((error: unknown) => {
      reporter.note(`could not delete the checker's user ${id}: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
}
