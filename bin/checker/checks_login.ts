// The login view (0x02 task 7): its answers in order of the checks it makes, then the
// session cookie of a successful login. The error table also serves the modes without sessions.
import { EMAIL_MISSING, LOGIN, PASSWORD_MISSING, anyName, userJson } from './spec.js'
import { exchange, scenario, type Check, type Mode, type TaskName } from './check.js'
import { cookieAttributes, cookieValue, setCookieFor } from './cookies.js'
import { anyUuid, ensure } from './expect.js'

const NOBODY = 'checker-nobody@example.com'

/** Forms the login route refuses before any session exists, with the answer for each. */
const LOGIN_ERRORS: ReadonlyArray<readonly [Record<string, string>, number, Record<string, string>]> = [
  [{}, 400, EMAIL_MISSING],
  [{ password: 'x' }, 400, EMAIL_MISSING],
  [{ email: '', password: 'x' }, 400, EMAIL_MISSING],
  [{ email: NOBODY }, 400, PASSWORD_MISSING],
  [{ email: NOBODY, password: '' }, 400, PASSWORD_MISSING],
  [{ email: NOBODY, password: 'x' }, 404, { error: 'no user found for this email' }],
]

/** The refusals of a login route (the session one unless `path` says): missing fields, unknown email, wrong password. */
export function loginErrors(task: TaskName, modes: readonly Mode[], path = LOGIN): Check[] {
  return [
    ...LOGIN_ERRORS.map(([form, status, body]) => exchange(task, modes, { method: 'POST', path, form }, { status, body })),
    scenario(task, modes, `POST ${path} with the user's email and a wrong password answers 401 {"error":"wrong password"}`, async (ctx) => {
      const form = { email: ctx.options.email, password: `${ctx.options.password}-wrong` }
      await ctx.expect({ method: 'POST', path, form }, { status: 401, body: { error: 'wrong password' } })
    }),
  ]
}

/** The login route of a session mode: its refusals, and a success that hands out a session cookie. */
export function login(task: TaskName, modes: readonly Mode[]): Check[] {
  return [
    ...loginErrors(task, modes),
    exchange(task, modes, { method: 'GET', path: LOGIN }, { status: 405 }),
    scenario(task, modes, `POST ${LOGIN} with the user's credentials answers 200 with the user and Set-Cookie <SESSION_NAME>=<uuid>; Path=/`, async (ctx) => {
      const { email, password, sessionName } = ctx.options
      const response = await ctx.expect({ method: 'POST', path: LOGIN, form: { email, password } }, { status: 200, body: userJson(email, anyName, anyName) })
      const header = setCookieFor(response.setCookies, sessionName)
      ensure(header !== null, `the answer sets no ${sessionName} cookie (is --session-name right?)`, response)
      ensure(anyUuid.test(cookieValue(response.setCookies, sessionName)), `the ${sessionName} cookie is not a uuid`, response)
      ensure(cookieAttributes(header).get('path') === '/', `the ${sessionName} cookie has no Path=/`, response)
    }),
  ]
}
