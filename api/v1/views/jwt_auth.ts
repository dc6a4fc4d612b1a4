// Token views (AUTH_TYPE=jwt_auth, docs/tokens.md): login hands out an access and a refresh
// token, refresh trades a refresh token for a new access token, logout clears both cookies.
import Router from '@koa/router'
import type { Context } from 'koa'
import type { UserRepository } from '../../../models/user.js'
import type { AppState } from '../app_state.js'
import { singleCookieValue } from '../auth/auth.js'
import type { JwtAuth, TokenGrant } from '../auth/jwt_auth.js'
import type { Config } from '../config.js'
import type { LoginLimit } from '../rate_limit.js'
import { field, jsonObject, parseBody } from '../request_body.js'
import { clearTokenCookies, REFRESH_COOKIE, setTokenCookies } from '../session_cookie.js'
import { authenticatedUser } from './login.js'

export function createJwtAuthRouter(auth: JwtAuth, users: UserRepository, config: Config, limit: LoginLimit): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/v1/auth_jwt', sensitive: true })

  router.post('/login', parseBody(['form', 'json']), async function login(ctx) {
    const user = await authenticatedUser(ctx, users, limit)
    answerGrant(ctx, config, await auth.login(user.id))
  })

  router.post('/refresh', parseBody(['json']), async function refresh(ctx) {
    const token = refreshTokenOf(ctx) ?? ctx.throw(401, 'Unauthorized')
    answerGrant(ctx, config, (await auth.refresh(token)) ?? ctx.throw(403, 'Forbidden'))
  })

  // The hook has checked the access token already: this route is not excluded.
  router.delete('/logout', async function logout(ctx) {
    await auth.logout(ctx)
    clearTokenCookies(ctx, config)
    ctx.body = {}
  })

  return router
}

function answerGrant(ctx: Context, config: Config, grant: TokenGrant): void {
  setTokenCookies(ctx, config, grant)
  ctx.body = { access_token: grant.accessToken, refresh_token: grant.refreshToken, token_type: 'Bearer', expires_in: grant.expiresIn }
}

/**
 * The refresh token sent in a JSON body `{"refresh_token"}`, else in the refresh cookie; null when
 * neither carries one (empty counts as none). A value that is not a string, or several different
 * cookies, come back as something no token verifies, so they are refused as invalid, not absent.
 */
function refreshTokenOf(ctx: Context): string | null {
  const fromBody = field(jsonObject(ctx) ?? {}, 'refresh_token')
  if (fromBody !== undefined && fromBody !== '') return typeof fromBody === 'string' ? fromBody : ''
  return singleCookieValue(ctx.get('Cookie'), REFRESH_COOKIE)
}
