// Session views (api/v1/views/session_auth.py): login (0x02 task 7) and logout (task 8).
// Credentials come as form fields (the exercise) or JSON; the cookie as docs/api.md describes.
import Router from '@koa/router'
import type { UserRepository } from '../../../models/user.js'
import type { AppState } from '../app_state.js'
import type { Auth } from '../auth/auth.js'
import { SessionAuth } from '../auth/session_auth.js'
import type { Config } from '../config.js'
import type { LoginLimit } from '../rate_limit.js'
import { clearSessionCookie, setSessionCookie } from '../session_cookie.js'
import { parseBody } from '../request_body.js'
import { authenticatedUser } from './login.js'

export function createSessionAuthRouter(
  auth: Auth | null, users: UserRepository, config: Config, limit: LoginLimit,
): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/v1/auth_session', sensitive: true })

  router.post('/login', parseBody(['form', 'json']), async function login(ctx) {
    const user = await authenticatedUser(ctx, users, limit)
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

