// Checks of 0x02 Session authentication, tasks session:0–8, of the exercise's behaviour only.
// Tasks 2–4 are methods of SessionAuth, seen here through the login route and the session cookie
// they serve.
import { EMAIL_MISSING, FORBIDDEN, LOGIN, LOGOUT, ME, UNAUTHORIZED, UNKNOWN_ID, anyName, userJson } from './spec.js'
import { IDENTIFIED_MODES, SESSION_MODES, exchange, scenario, type Check } from './check.js'
import { requestValidation } from './checks_basic.js'
import { login } from './checks_login.js'
import { basicHeader, type CheckContext } from './context.js'
import { anyUuid, ensure } from './expect.js'

/** Expects GET /api/v1/users/me with these headers to answer 200 with the run's user. */
export async function expectMe(ctx: CheckContext, headers: Record<string, string>): Promise<void> {
  await ctx.expect({ method: 'GET', path: ME, headers }, { status: 200, body: userJson(ctx.options.email, anyName, anyName) })
}

const me: Check[] = [
  scenario('session:0', IDENTIFIED_MODES, 'GET /api/v1/users/me as the user answers 200 with the user, as GET /api/v1/users/<its id> does', async (ctx) => {
    const response = await ctx.expect({ method: 'GET', path: ME, as: 'user' }, { status: 200, body: userJson(ctx.options.email, anyName, anyName) })
    const { id } = response.json as { id: string }
    await ctx.expect({ method: 'GET', path: `/api/v1/users/${id}`, as: 'user' }, { status: 200, body: response.json })
  }),
]

const sessionAuth: Check[] = [
  ...requestValidation('session:1', SESSION_MODES),
  scenario('session:1', SESSION_MODES, 'GET /api/v1/users with the user\'s valid Basic header answers 403 {"error":"Forbidden"}', async (ctx) => {
    await ctx.expect({ method: 'GET', path: '/api/v1/users', headers: basicHeader(ctx.options.email, ctx.options.password) }, { status: 403, body: FORBIDDEN })
  }),
  scenario('session:2', SESSION_MODES, 'two logins hand out two different uuid session ids', async (ctx) => {
    const first = await ctx.login()
    const second = await ctx.login()
    ensure(anyUuid.test(first.sessionId), `the session id "${first.sessionId}" is not a uuid`, first.response)
    ensure(first.sessionId !== second.sessionId, 'the second login handed out the same session id as the first', second.response)
  }),
  scenario('session:3', SESSION_MODES, 'both sessions of a user who logged in twice identify the user on GET /api/v1/users/me', async (ctx) => {
    const first = await ctx.login()
    const second = await ctx.login()
    await expectMe(ctx, ctx.cookie(first.sessionId))
    await expectMe(ctx, ctx.cookie(second.sessionId))
  }),
  scenario('session:4', SESSION_MODES, 'a valid session id sent under another cookie name answers 401 {"error":"Unauthorized"}', async (ctx) => {
    const { sessionId } = await ctx.login()
    await ctx.expect({ method: 'GET', path: ME, headers: ctx.cookie(sessionId, `other${ctx.options.sessionName}`) }, { status: 401, body: UNAUTHORIZED })
  }),
  scenario('session:4', SESSION_MODES, 'a session cookie whose value has spaces ("C is fun") answers 403 {"error":"Forbidden"}', async (ctx) => {
    await ctx.expect({ method: 'GET', path: ME, headers: ctx.cookie('C is fun') }, { status: 403, body: FORBIDDEN })
  }),
  exchange('session:5', SESSION_MODES, { method: 'POST', path: LOGIN, form: {} }, { status: 400, body: EMAIL_MISSING },
    'POST /api/v1/auth_session/login without credentials answers 400 {"error":"email missing"} (the path is excluded)'),
  exchange('session:5', SESSION_MODES, { method: 'POST', path: `${LOGIN}/`, form: {} }, { status: 400, body: EMAIL_MISSING },
    'POST /api/v1/auth_session/login/ without credentials answers 400 {"error":"email missing"} (the path is excluded)'),
  scenario('session:5', SESSION_MODES, 'an unknown session id in the cookie, with no Authorization header, answers 403 {"error":"Forbidden"}', async (ctx) => {
    await ctx.expect({ method: 'GET', path: ME, headers: ctx.cookie(UNKNOWN_ID) }, { status: 403, body: FORBIDDEN })
  }),
  scenario('session:6', SESSION_MODES, 'the session cookie of a login identifies the user on GET /api/v1/users/me', async (ctx) => {
    await expectMe(ctx, ctx.cookie((await ctx.login()).sessionId))
  }),
  scenario('session:6', SESSION_MODES, 'a junk Authorization header next to a valid session cookie still identifies the user', async (ctx) => {
    await expectMe(ctx, { ...ctx.cookie((await ctx.login()).sessionId), Authorization: 'Basic junk' })
  }),
]

const logout: Check[] = [
  scenario('session:8', SESSION_MODES, 'DELETE /api/v1/auth_session/logout answers 200 {} and the session cookie then answers 403', async (ctx) => {
    const cookie = ctx.cookie((await ctx.login()).sessionId)
    await ctx.expect({ method: 'DELETE', path: LOGOUT, headers: cookie }, { status: 200, body: {} })
    await ctx.expect({ method: 'GET', path: ME, headers: cookie }, { status: 403, body: FORBIDDEN })
    await ctx.expect({ method: 'DELETE', path: LOGOUT, headers: cookie }, { status: 403, body: FORBIDDEN })
  }),
  scenario('session:8', SESSION_MODES, 'logging out of one session leaves the user\'s other session working', async (ctx) => {
    const kept = ctx.cookie((await ctx.login()).sessionId)
    await ctx.expect({ method: 'DELETE', path: LOGOUT, headers: ctx.cookie((await ctx.login()).sessionId) }, { status: 200, body: {} })
    await expectMe(ctx, kept)
  }),
  exchange('session:8', SESSION_MODES, { method: 'DELETE', path: LOGOUT }, { status: 401, body: UNAUTHORIZED }),
  exchange('session:8', SESSION_MODES, { method: 'GET', path: LOGOUT }, { status: 401, body: UNAUTHORIZED }),
  scenario('session:8', SESSION_MODES, 'GET /api/v1/auth_session/logout with a valid session cookie answers 405', async (ctx) => {
    await ctx.expect({ method: 'GET', path: LOGOUT, headers: ctx.cookie((await ctx.login()).sessionId) }, { status: 405 })
  }),
]

/** Every check of the exercise's behaviour in 0x02 tasks 0–8, in task order. */
export const sessionChecks: readonly Check[] = [...me, ...sessionAuth, ...login('session:7', SESSION_MODES), ...logout]
