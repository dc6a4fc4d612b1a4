// The session cookie's header (docs/api.md): Path=/, HttpOnly, SameSite=Lax, Secure when configured
// or over HTTPS, Max-Age when sessions expire; cleared with the same attributes and Max-Age=0.
import { serialize, type SerializeOptions } from 'cookie'
import type { Context } from 'koa'
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
