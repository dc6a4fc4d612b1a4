// The checker's command line: what to check (URL, AUTH_TYPE, tasks), as whom, and how the run may
// wait for sessions to expire or restart the server.
import { parseArgs } from 'node:util'
import { CREDENTIAL_BY_MODE, MODES, TASKS, type Mode, type Series, type TaskName } from './check.js'
import type { RunOptions } from './runner.js'

export const USAGE = `usage: npm run checker -- --url URL --auth-type TYPE (--task TASK... | --all) [options]

  --url URL               the running server, e.g. http://127.0.0.1:5000
  --auth-type TYPE        its AUTH_TYPE: ${MODES.join(', ')} (none = unset)
  --task TASK             a task to check, repeatable: basic:N (0x01, N = 0-13), session:N (0x02,
                          N = 0-10), token:N (the token modes, N = 0-4), basic, session or token
                          (the whole series), or N alone: session:N when --auth-type is a session
                          mode, token:N when it is a token mode, basic:N otherwise
  --all                   every task
  --email EMAIL           an existing user (default bob@hbtn.io)
  --password PASSWORD     its password (default H0lbertonSchool98!)
  --session-name NAME     the server's SESSION_NAME (default _my_session_id)
  --session-duration S    the server's SESSION_DURATION in seconds (default 0: no expiry check; max 300)
  --restart-cmd CMD       a shell command that restarts the server (for session:10); it should return
                          once the old server has stopped, the checker then waits for /api/v1/status
  --strict-port           also check this port's additions (docs/checker.md); a faithful
                          implementation of the original exercise fails these
  --json PATH             also write a JSON report to PATH (- for standard output)
  --list                  list the checks that would run, without running them
  -h, --help              this help

Exit status: 0 when every check passed, 1 when one failed, 2 for a usage error or no server.`

/** The longest --session-duration the expiry check will wait for. */
export const MAX_SESSION_DURATION = 300

/** A mistake on the command line; the CLI prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface CliOptions {
  readonly run: RunOptions
  readonly jsonPath: string | null
  readonly list: boolean
}

const OPTIONS = {
  'url': { type: 'string' }, 'auth-type': { type: 'string' }, 'task': { type: 'string', multiple: true },
  'all': { type: 'boolean' }, 'email': { type: 'string' }, 'password': { type: 'string' },
  'session-name': { type: 'string' }, 'session-duration': { type: 'string' }, 'restart-cmd': { type: 'string' },
  'strict-port': { type: 'boolean' }, 'json': { type: 'string' }, 'list': { type: 'boolean' }, 'help': { type: 'boolean', short: 'h' },
} as const

/** Parses the arguments; null for --help. `restartWith` turns --restart-cmd into a restart. */
export function parseCliArgs(args: readonly string[], restartWith: (command: string) => () => Promise<void>): CliOptions | null {
  const { values } = parseArgs({ args: [...args], strict: true, options: OPTIONS })
  if (values.help) return null
  const authType = parseMode(values['auth-type'])
  if ((values.all ?? false) === (values.task !== undefined)) throw new UsageError('give either --task (one or more) or --all')
  return {
    run: {
      url: parseUrl(values.url),
      authType,
      tasks: values.all ? null : [...new Set((values.task ?? []).flatMap((task) => parseTask(task, authType)))],
      strictPort: values['strict-port'] ?? false,
      email: values.email ?? 'bob@hbtn.io',
      password: values.password ?? 'H0lbertonSchool98!',
      sessionName: values['session-name'] ?? '_my_session_id',
      sessionDuration: parseDuration(values['session-duration']),
      restart: values['restart-cmd'] === undefined ? null : restartWith(values['restart-cmd']),
    },
    jsonPath: values.json ?? null,
    list: values.list ?? false,
  }
}

function parseUrl(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--url is required')
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new UsageError(`--url must be an http(s) URL; got "${value}"`)
  return value
}

function parseMode(value: string | undefined): Mode {
  const mode = value === 'unset' ? 'none' : value
  if (mode === undefined || !(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--auth-type must be one of ${MODES.join(', ')}; got ${value === undefined ? 'nothing' : `"${value}"`}`)
  }
  return mode as Mode
}

/** The tasks a --task value names; a bare number belongs to the series of the mode. */
export function parseTask(value: string, mode: Mode): TaskName[] {
  const match = /^(?:(basic|session|token)(?::(\d+))?|(\d+))$/.exec(value)
  if (match === null) throw new UsageError(`--task must look like 7, basic:12, session:7, token:2, basic, session or token; got "${value}"`)
  const series: Series = (match[1] as Series | undefined) ?? SERIES_BY_CREDENTIAL[CREDENTIAL_BY_MODE[mode] ?? 'open'] ?? 'basic'
  const number = match[2] ?? match[3]
  const count = TASKS[series].length
  if (number === undefined) return Array.from({ length: count }, (_item, index) => `${series}:${index}` as const)
  if (Number(number) >= count) throw new UsageError(`--task ${value}: ${series} tasks are numbered 0 to ${count - 1}`)
  return [`${series}:${Number(number)}`]
}

const SERIES_BY_CREDENTIAL: Readonly<Record<string, Series>> = { cookie: 'session', bearer: 'token' }

function parseDuration(value: string | undefined): number {
  if (value === undefined) return 0
  const seconds = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(seconds <= MAX_SESSION_DURATION)) {
    throw new UsageError(`--session-duration must be a whole number of seconds from 0 to ${MAX_SESSION_DURATION}; got "${value}"`)
  }
  return seconds
}
