// Checks of 0x01 Basic authentication (tasks basic:0–13), of the exercise's behaviour only.
// Task 3 (the Auth class) is seen through AUTH_TYPE=auth; task 13's `*` entries are used by no
// excluded path.
import {
  EMAIL_MISSING, FORBIDDEN, NOT_FOUND, PASSWORD_MISSING, UNAUTHORIZED, UNKNOWN_ID, WRONG_FORMAT, anyName, userJson,
} from './spec.js'
import { ALL_MODES, AUTH_MODES, BASIC_MODES, USER_MODES, exchange, scenario, type Check, type Mode, type TaskName } from './check.js'
import { basicHeader, type CheckContext } from './context.js'
import { anyCount, listContaining } from './expect.js'

const STATUS_OK = { status: 200, body: { status: 'OK' } } as const

/** The hook's 401 without credentials and 403 with ones naming nobody, as a task shows them. */
export function requestValidation(task: TaskName, modes: readonly Mode[]): Check[] {
  return [
    exchange(task, modes, { method: 'GET', path: '/api/v1/users' }, { status: 401, body: UNAUTHORIZED }),
    exchange(task, modes, { method: 'GET', path: '/api/v1/users', headers: { Authorization: 'Test' } }, { status: 403, body: FORBIDDEN }),
    exchange(task, modes, { method: 'GET', path: '/api/v1/nowhere' }, { status: 401, body: UNAUTHORIZED }),
  ]
}

async function usersCrud(ctx: CheckContext): Promise<void> {
  const user = await ctx.createUser({ password: 'checker pwd', first_name: 'Check', last_name: 'Er' })
  const path = `/api/v1/users/${user.id}`
  await ctx.expect({ method: 'GET', path, as: 'user' }, { status: 200, body: user.json })
  await ctx.expect({ method: 'GET', path: '/api/v1/users', as: 'user' }, { status: 200, body: listContaining(user.json) })
  await ctx.expect({ method: 'PUT', path, as: 'user', json: { first_name: 'Checked' } }, { status: 200, body: userJson(user.email, 'Checked', 'Er') })
  await ctx.expect({ method: 'PUT', path, as: 'user', body: 'not json', headers: { 'Content-Type': 'text/plain' } }, { status: 400, body: WRONG_FORMAT })
  await ctx.deleteUser(user.id)
  await ctx.expect({ method: 'GET', path, as: 'user' }, { status: 404, body: NOT_FOUND })
}

const simpleApi: Check[] = [
  exchange('basic:0', ALL_MODES, { method: 'GET', path: '/api/v1/status' }, STATUS_OK),
  exchange('basic:0', ALL_MODES, { method: 'GET', path: '/api/v1/status/' }, STATUS_OK),
  exchange('basic:0', ALL_MODES, { method: 'GET', path: '/api/v1/status' }, { status: 200, headers: { 'Access-Control-Allow-Origin': '*' } },
    'GET /api/v1/status carries Access-Control-Allow-Origin: * (no Origin header sent)'),
  exchange('basic:0', USER_MODES, { method: 'GET', path: '/api/v1/stats', as: 'user' }, { status: 200, body: { users: anyCount } }),
  exchange('basic:0', USER_MODES, { method: 'GET', path: '/api/v1/nowhere', as: 'user' }, { status: 404, body: NOT_FOUND }),
  scenario('basic:0', USER_MODES, 'POST /api/v1/users creates a user (201) that GET, GET /users, PUT and DELETE /api/v1/users/:id then show, list, update and delete', usersCrud),
  exchange('basic:0', USER_MODES, { method: 'POST', path: '/api/v1/users', as: 'user', body: 'not json', headers: { 'Content-Type': 'text/plain' } }, { status: 400, body: WRONG_FORMAT }),
  exchange('basic:0', USER_MODES, { method: 'POST', path: '/api/v1/users', as: 'user', json: {} }, { status: 400, body: EMAIL_MISSING }),
  exchange('basic:0', USER_MODES, { method: 'POST', path: '/api/v1/users', as: 'user', json: { email: '', password: 'x' } }, { status: 400, body: EMAIL_MISSING }),
  exchange('basic:0', USER_MODES, { method: 'POST', path: '/api/v1/users', as: 'user', json: { email: 'checker-no-password@example.com' } }, { status: 400, body: PASSWORD_MISSING }),
  exchange('basic:0', USER_MODES, { method: 'GET', path: `/api/v1/users/${UNKNOWN_ID}`, as: 'user' }, { status: 404, body: NOT_FOUND }),
  exchange('basic:0', USER_MODES, { method: 'PUT', path: `/api/v1/users/${UNKNOWN_ID}`, as: 'user', json: { first_name: 'x' } }, { status: 404, body: NOT_FOUND }),
  exchange('basic:0', USER_MODES, { method: 'DELETE', path: `/api/v1/users/${UNKNOWN_ID}`, as: 'user' }, { status: 404, body: NOT_FOUND }),
]

const errorHandlers: Check[] = [
  exchange('basic:1', ALL_MODES, { method: 'GET', path: '/api/v1/unauthorized' }, { status: 401, body: UNAUTHORIZED }),
  exchange('basic:1', ALL_MODES, { method: 'GET', path: '/api/v1/unauthorized/' }, { status: 401, body: UNAUTHORIZED }),
  exchange('basic:2', ALL_MODES, { method: 'GET', path: '/api/v1/forbidden' }, { status: 403, body: FORBIDDEN }),
  exchange('basic:2', ALL_MODES, { method: 'GET', path: '/api/v1/forbidden/' }, { status: 403, body: FORBIDDEN }),
]

const authClass: Check[] = [
  scenario('basic:3', ['auth'], 'GET /api/v1/users with the user\'s valid Basic header answers 403 {"error":"Forbidden"} (Auth.current_user is None)',
    async (ctx) => {
      await ctx.expect({ method: 'GET', path: '/api/v1/users', headers: basicHeader(ctx.options.email, ctx.options.password) }, { status: 403, body: FORBIDDEN })
    }),
  exchange('basic:4', AUTH_MODES, { method: 'GET', path: '/api/v1/stats' }, { status: 401, body: UNAUTHORIZED }),
  exchange('basic:4', AUTH_MODES, { method: 'GET', path: '/api/v1/status/extra' }, { status: 401, body: UNAUTHORIZED }),
  ...requestValidation('basic:5', AUTH_MODES),
]

type HeaderMaker = (email: string, password: string) => string
const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

/** Authorization headers that must not authenticate anyone, by the step of BasicAuth that refuses them. */
const REFUSED_HEADERS: ReadonlyArray<readonly [TaskName, string, HeaderMaker]> = [
  ['basic:7', 'the user\'s credentials after "Basic" with no space', (email, password) => `Basic${base64(`${email}:${password}`)}`],
  ['basic:7', 'the user\'s credentials after a lower-case "basic "', (email, password) => `basic ${base64(`${email}:${password}`)}`],
  ['basic:8', '"Basic Holberton School" (not Base64)', () => 'Basic Holberton School'],
  ['basic:8', 'Base64 of bytes that are not UTF-8', () => `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString('base64')}`],
  ['basic:9', 'Base64 of the user\'s email alone (no ":")', (email) => `Basic ${base64(email)}`],
  ['basic:10', 'the user\'s email with a wrong password', (email, password) => `Basic ${base64(`${email}:${password}-wrong`)}`],
  ['basic:10', 'an unknown email with the user\'s password', (_email, password) => `Basic ${base64(`checker-nobody@example.com:${password}`)}`],
]

const refused: Check[] = REFUSED_HEADERS.map(([task, what, header]) =>
  scenario(task, BASIC_MODES, `GET /api/v1/users with a Basic header of ${what} answers 403 {"error":"Forbidden"}`, async (ctx) => {
    const { email, password } = ctx.options
    await ctx.expect({ method: 'GET', path: '/api/v1/users', headers: { Authorization: header(email, password) } }, { status: 403, body: FORBIDDEN })
  }))

const basicAuth: Check[] = [
  ...requestValidation('basic:6', BASIC_MODES),
  ...refused,
  scenario('basic:11', BASIC_MODES, 'GET /api/v1/users with the user\'s Basic header answers 200 with a list holding the user', async (ctx) => {
    await ctx.expect({ method: 'GET', path: '/api/v1/users', as: 'user' }, { status: 200, body: listContaining(userJson(ctx.options.email, anyName, anyName)) })
  }),
  scenario('basic:12', BASIC_MODES, 'a user whose password contains ":" is authenticated by a Basic header split at the first ":"', async (ctx) => {
    const password = 'H0lberton:School:98!'
    const user = await ctx.createUser({ password })
    await ctx.expect({ method: 'GET', path: '/api/v1/users', headers: basicHeader(user.email, password) }, { status: 200, body: listContaining(user.json) })
    await ctx.expect({ method: 'GET', path: '/api/v1/users', headers: basicHeader(user.email, 'H0lberton') }, { status: 403, body: FORBIDDEN })
    await ctx.deleteUser(user.id)
  }),
]

/** Every check of the exercise's behaviour in 0x01, in task order. */
export const basicChecks: readonly Check[] = [...simpleApi, ...errorHandlers, ...authClass, ...basicAuth]
