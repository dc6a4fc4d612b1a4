// The exercise's index views (api/v1/views/index.py; 0x01 tasks 0–2): status, stats and the
// routes that raise the 401 and 403 errors. Not a barrel file.
import Router from '@koa/router'
import type { UserRepository } from '../../../models/user.js'
import type { AppState } from '../app_state.js'

export function createIndexRouter(users: UserRepository): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/api/v1', sensitive: true })

  router.get('/status', function status(ctx) {
    ctx.body = { status: 'OK' }
  })

  router.get('/stats', async function stats(ctx) {
    ctx.body = { users: await users.count() }
  })

  router.get('/unauthorized', function unauthorized(ctx) {
    ctx.throw(401, 'Unauthorized')
  })

  router.get('/forbidden', function forbidden(ctx) {
    ctx.throw(403, 'Forbidden')
  })

  return router
}
