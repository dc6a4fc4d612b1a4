// Users CRUD (api/v1/views/users.py), plus /users/me (0x02 task 0) and the end of every session of
// the current user. Only the known fields of a body are read; emails are unique (docs/api.md,
// Departures).
import Router from '@koa/router'
import type { UserRepository } from '../../../models/user.js'
import { isStorableName, UserCreationError } from '../../../models/user_fields.js'
import type { AppState } from '../app_state.js'
import type { Auth } from '../auth/auth.js'
import type { Config } from '../config.js'
import { field, jsonObject, parseBody } from '../request_body.js'
import { clearSessionCookie, clearTokenCookies } from '../session_cookie.js'

export function createUsersRouter(users: UserRepository, auth: Auth | null, config: Config): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/v1', sensitive: true })
  const parseJson = parseBody(['json'])

  router.get('/users', async function listUsers(ctx) {
    ctx.body = await users.all()
  })

  router.get('/users/:id', async function showUser(ctx) {
    const user = ctx.params.id === 'me' ? ctx.state.currentUser : await users.get(ctx.params.id ?? '')
    ctx.body = user ?? ctx.throw(404, 'Not found')
  })

  router.post('/users', parseJson, async function createUser(ctx) {
    const body = jsonObject(ctx) ?? ctx.throw(400, 'Wrong format')
    const email = field(body, 'email')
    const password = field(body, 'password')
    if (email === undefined || email === null || email === '') ctx.throw(400, 'email missing')
    if (password === undefined || password === null || password === '') ctx.throw(400, 'password missing')
    try {
      ctx.body = await users.create({ email, password, firstName: field(body, 'first_name'), lastName: field(body, 'last_name') })
      ctx.status = 201
    } catch (error) {
      if (error instanceof UserCreationError) ctx.throw(400, `Can't create User: ${error.message}`)
      throw error
    }
  })

  // The exercise looks the user up before reading the body: 404 wins over Wrong format.
  router.put('/users/:id', async function updateUser(ctx) {
    const user = (await users.get(ctx.params.id ?? '')) ?? ctx.throw(404, 'Not found')
    await parseJson(ctx, async () => {})
    const body = jsonObject(ctx) ?? ctx.throw(400, 'Wrong format')
    const firstName = field(body, 'first_name')
    const lastName = field(body, 'last_name')
    if (!isStorableName(firstName) || !isStorableName(lastName)) ctx.throw(400, 'Wrong format')
    if (typeof firstName === 'string') user.firstName = firstName
    if (typeof lastName === 'string') user.lastName = lastName
    await users.save(user)
    ctx.body = user
  })

  // Every session of the current user ends, this one included (docs/api.md, Ending every session).
  router.delete('/users/me/sessions', async function endAllSessions(ctx) {
    const user = ctx.state.currentUser ?? ctx.throw(404, 'Not found')
    if (auth === null || !(await auth.endAllSessions(user.id))) ctx.throw(400, 'sessions are not revocable in this mode')
    // As at logout: in a token mode both token cookies go, the refresh token's included.
    if (config.jwt === null) clearSessionCookie(ctx, config)
    else clearTokenCookies(ctx, config)
    ctx.body = {}
  })

  // The user's sessions go too, wherever they are kept (a database cascade does not reach Redis),
  // and first: a session store that is down then answers 503 with the user still there, never
  // after the user is gone.
  router.delete('/users/:id', async function deleteUser(ctx) {
    const id = ctx.params.id ?? ''
    await auth?.endAllSessions(id)
    if (!(await users.remove(id))) ctx.throw(404, 'Not found')
    ctx.body = {}
  })

  return router
}
