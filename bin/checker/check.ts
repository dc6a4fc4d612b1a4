// What a check is: a task of the exercise, the AUTH_TYPEs it applies to, the part it tests (the
// exercise's or this port's), and a small function. Most checks are one request and one expected
// answer (`exchange`).
import type { CheckContext, Exchange } from './context.js'
import { renderJson, type Expected } from './expect.js'

/** The AUTH_TYPE values a server can run with; `none` is AUTH_TYPE unset (every route open). */
export const MODES = ['none', 'auth', 'basic_auth', 'session_auth', 'session_exp_auth', 'session_db_auth', 'jwt_auth'] as const
export type Mode = (typeof MODES)[number]

/**
 * How a client proves who it is in each mode; null when nothing can (Auth.current_user is None),
 * or when only what the exercise does not have can (jwt_auth's tokens, tested by the project).
 */
export const CREDENTIAL_BY_MODE: Readonly<Record<Mode, 'open' | 'basic' | 'cookie' | null>> = {
  none: 'open',
  auth: null,
  basic_auth: 'basic',
  session_auth: 'cookie',
  session_exp_auth: 'cookie',
  session_db_auth: 'cookie',
  jwt_auth: null,
}

export const ALL_MODES: readonly Mode[] = MODES
export const AUTH_MODES: readonly Mode[] = MODES.filter((mode) => mode !== 'none')
/** Modes in which the checker can act as the --email user. */
export const USER_MODES: readonly Mode[] = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] !== null)
/** Modes in which requests carry the identity of a user (so /users/me names one). */
export const IDENTIFIED_MODES: readonly Mode[] = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] === 'basic' || CREDENTIAL_BY_MODE[mode] === 'cookie')
export const BASIC_MODES: readonly Mode[] = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] === 'basic')
export const SESSION_MODES: readonly Mode[] = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] === 'cookie')
export const EXPIRING_MODES: readonly Mode[] = ['session_exp_auth', 'session_db_auth']
export const PERSISTENT_MODES: readonly Mode[] = ['session_db_auth']
/** Modes with an auth object but no sessions, where login cannot succeed (docs/api.md). */
export const SESSIONLESS_MODES: readonly Mode[] = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] !== 'cookie')

/** The exercise's tasks, by series: 0x01 Basic authentication and 0x02 Session authentication. */
export const TASKS = {
  basic: ['Simple API', 'Error handler: Unauthorized', 'Error handler: Forbidden', 'Auth class',
    'Define which routes don\'t need authentication', 'Request validation', 'Basic auth',
    'Basic - Base64 part', 'Basic - Base64 decode', 'Basic - User credentials', 'Basic - User object',
    'Basic - Overload current_user', 'Basic - Allow password with ":"', 'Require auth with stars'],
  session: ['Et moi et moi et moi!', 'Empty session', 'Create a session', 'User ID for Session ID',
    'Session cookie', 'Before request', 'Use Session ID for identifying a User', 'New view for Session Authentication',
    'Logout', 'Expiration?', 'Sessions in database'],
} as const satisfies Record<string, readonly string[]>

export type Series = keyof typeof TASKS
export type TaskName = `${Series}:${number}`

/** A requirement beyond the mode: a positive --session-duration, or a way to restart the server. */
export type Need = 'session-duration' | 'restart'

export interface Check {
  readonly task: TaskName
  readonly title: string
  /** 'A': the exercise's behaviour (always checked); 'B': this port's additions (--strict-port). */
  readonly part: 'A' | 'B'
  readonly modes: readonly Mode[]
  readonly needs: readonly Need[]
  run(ctx: CheckContext): Promise<void>
}

/** A check that sends one request and expects one answer; the title says both unless given. */
export function exchange(task: TaskName, modes: readonly Mode[], request: Exchange, expected: Expected, title?: string): Check {
  return {
    task, modes, part: 'A', needs: [],
    title: title ?? `${describeRequest(request)} answers ${describeExpected(expected)}`,
    async run(ctx) {
      await ctx.expect(request, expected)
    },
  }
}

/** A check made of several steps. */
export function scenario(task: TaskName, modes: readonly Mode[], title: string, run: (ctx: CheckContext) => Promise<void>, needs: readonly Need[] = []): Check {
  return { task, modes, part: 'A', needs, title, run }
}

/** The same checks, marked as testing this port's additions. */
export function portOnly(checks: readonly Check[]): Check[] {
  return checks.map((check) => ({ ...check, part: 'B' }))
}

const SHORT = 60

function describeRequest(request: Exchange): string {
  const parts = [`${request.method} ${request.path}`]
  if (request.as === 'user') parts.push('as the user')
  for (const [name, value] of Object.entries(request.headers ?? {})) parts.push(`with ${name}: ${value}`)
  const form = request.form === undefined ? '' : new URLSearchParams(request.form).toString()
  const body = request.form !== undefined ? (form === '' ? 'an empty form' : `form ${form}`)
    : request.json !== undefined ? `JSON ${JSON.stringify(request.json)}`
      : request.body !== undefined ? `body ${JSON.stringify(request.body)}` : null
  if (body !== null) parts.push(body.length > SHORT ? `with a ${body.length}-character ${body.split(' ')[0]}` : `with ${body}`)
  return parts.join(' ')
}

function describeExpected(expected: Expected): string {
  return expected.body === undefined ? String(expected.status) : `${expected.status} ${renderJson(expected.body)}`
}
