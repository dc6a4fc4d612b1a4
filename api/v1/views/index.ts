// The exercise's index views (api/v1/views/index.py; 0x01 tasks 0–2): status, stats and the
// routes that raise the 401 and 403 errors. Not a barrel file.
import type { UserRepository } from '../../../models/user.js'
import { Routes } from '../routes.js'

export function createIndexRouter(users: UserRepository): Routes {
  const router = new Routes('/api/v1')

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
