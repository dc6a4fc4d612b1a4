// Session views (api/v1/views/session_auth.py): login (0x02 task 7) and logout (task 8).
// Credentials come as form fields (the exercise) or JSON; the cookie as docs/api.md describes.
import Router from '@koa/router'
import type { Context } from 'koa'
import type { UserRepository } from '../../../models/user.js'
import type { AppState } from '../app_state.js'
import type { Auth } from '../auth/auth.js'
import { SessionAuth } from '../auth/session_auth.js'
import type { Config } from '../config.js'
import type { LoginLimit } from '../rate_limit.js'
import { clearSessionCookie, setSessionCookie } from '../session_cookie.js'
import { field, jsonObject, objectBody, parseBody } from '../request_body.js'

export function createSessionAuthRouter(
  auth: Auth | null, users: UserRepository, config: Config, limit: LoginLimit,
): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/v1/auth_session', sensitive: true })

  router.post('/login', parseBody(['form', 'json']), async function login(ctx) {
    const { email, password } = credentials(ctx)
    // Before any bcrypt work, so a flood of guesses costs the server nothing.
    const ticket = await limit.admit(email, ctx.ip)
    const { user, failure } = await users.authenticate(email, password)
    if (failure === 'no user found') return ctx.throw(404, 'no user found for this email')
    if (user === null) return ctx.throw(401, 'wrong password')
    await limit.forgive(ticket)
    if (!(auth instanceof SessionAuth)) return ctx.throw(400, 'sessions are not enabled')
    // null: the user was deleted between the password check and the session's creation.
    const sessionId = (await auth.createSession(user.id)) ?? ctx.throw(404, 'no user found for this email')
    setSessionCookie(ctx, config, sessionId, auth.sessionDuration)
    ctx.body = user
  })

  router.delete('/logout', async function logout(ctx) {
    const destroyed = auth instanceof SessionAuth && (await auth.destroySession(ctx))
    if (!destroyed) ctx.throw(404, 'Not found')
    clearSessionCookie(ctx, config)
    ctx.body = {}
  })

  return router
}

/**
 * The submitted email and password as strings, or a 400 naming the first one missing (Wrong format
 * for a JSON body that is not an object). A value
 * that is not a string (repeated or bracketed form keys, JSON arrays/objects) counts as missing;
 * an email of only whitespace too, while a password is taken exactly as sent.
 */
function credentials(ctx: Context): { email: string, password: string } {
  // A JSON body must be an object, as for POST /users; no body at all is an empty form.
  const sentJson = Boolean(ctx.request.is('json')) && Boolean(ctx.request.rawBody)
  const body = sentJson ? (jsonObject(ctx) ?? ctx.throw(400, 'Wrong format')) : (objectBody(ctx) ?? {})
  const email = field(body, 'email')
  const password = field(body, 'password')
  if (typeof email !== 'string' || email.trim() === '') ctx.throw(400, 'email missing')
  if (typeof password !== 'string' || password === '') ctx.throw(400, 'password missing')
  return { email, password }
}
