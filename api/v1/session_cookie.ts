// The session cookie's header (docs/api.md): Path=/, HttpOnly, SameSite=Lax, Secure when configured
// or over HTTPS, Max-Age when sessions expire; cleared with the same attributes and Max-Age=0.
// In the token modes the same cookie carries the access token, next to the refresh token's cookie.
import { serialize, type SerializeOptions } from 'cookie'
import type { Context } from 'koa'
import type { TokenGrant } from './auth/jwt_auth.js'
import type { Config } from './config.js'

function attributes(ctx: Context, config: Config): SerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure || ctx.secure }
}

/** Adds the Set-Cookie header that hands the client its session id; lifetime 0 = no Max-Age. */
export function setSessionCookie(ctx: Context, config: Config, sessionId: string, lifetime: number): void {
  const maxAge = lifetime > 0 ? { maxAge: lifetime } : {}
  ctx.append('Set-Cookie', serialize(config.sessionName, sessionId, { ...attributes(ctx, config), ...maxAge }))
}

/** Adds the Set-Cookie header that makes the client forget its session cookie. */
export function clearSessionCookie(ctx: Context, config: Config): void {
  ctx.append('Set-Cookie', serialize(config.sessionName, '', { ...attributes(ctx, config), maxAge: 0 }))
}

/** Name of the refresh token's cookie in the token modes. */
export const REFRESH_COOKIE = 'refresh_token'

// Sent only to the token routes, and never on a request another site starts.
function refreshAttributes(ctx: Context, config: Config): SerializeOptions {
  return { ...attributes(ctx, config), path: '/api/v1/auth_jwt', sameSite: 'strict' }
}

/** Adds the two cookies of a token grant: the access token (session cookie) and the refresh token. */
export function setTokenCookies(ctx: Context, config: Config, grant: TokenGrant): void {
  setSessionCookie(ctx, config, grant.accessToken, grant.expiresIn)
  ctx.append('Set-Cookie', serialize(REFRESH_COOKIE, grant.refreshToken, { ...refreshAttributes(ctx, config), maxAge: grant.refreshMaxAge }))
}

/** Adds the Set-Cookie headers that make the client forget both token cookies. */
export function clearTokenCookies(ctx: Context, config: Config): void {
  clearSessionCookie(ctx, config)
  ctx.append('Set-Cookie', serialize(REFRESH_COOKIE, '', { ...refreshAttributes(ctx, config), maxAge: 0 }))
}
