// The koa-session peers of `npm run bench`: Koa + @koa/router + koa-session 7 as its README sets it
// up with an external store (given by the caller), and koa-session's defaults otherwise: signed
// cookies (a keygrip HMAC checked per request), one-day maxAge, no rolling.
// POST /api/v1/login puts the bench user's id in a new session; GET /api/v1/users/me reads it.
import Router from '@koa/router'
import Koa, { type Context } from 'koa'
import session from 'koa-session'
import { announce, benchUser } from './common.js'

/** koa-session's external store: the three calls it makes. */
export interface PeerStore {
  get(key: string): Promise<unknown>
  set(key: string, value: unknown, maxAge: number | 'session' | undefined): Promise<void>
  destroy(key: string): Promise<void>
}

/** Starts the peer on a free loopback port and announces it under `name`. */
export function serveKoaSession(store: PeerStore, name: string): void {
  const user = benchUser()
  const users = new Map([[user.id, user.body]])
  const app = new Koa()
  app.keys = ['bench-peer-signing-key']
  app.use(session({ store }, app))

  const router = new Router({ prefix: '/api/v1' })
  router.post('/login', (ctx) => {
    const current = currentSession(ctx)
    if (current === null) return ctx.throw(500, 'no session')
    Reflect.set(current, 'userId', user.id)
    ctx.body = user.body
  })
  router.get('/users/me', (ctx) => {
    const current = currentSession(ctx)
    const id: unknown = current !== null && 'userId' in current ? current.userId : undefined
    const found = typeof id === 'string' ? users.get(id) : undefined
    if (found === undefined) return ctx.throw(403)
    ctx.body = found
  })
  app.use(router.routes()).use(router.allowedMethods())
  announce(app.listen(0, '127.0.0.1'), name)
}

// koa-session does not type ctx.session; read it as the unknown it is.
function currentSession(ctx: Context): object | null {
  const value: unknown = ctx.session
  return typeof value === 'object' && value !== null ? value : null
}
