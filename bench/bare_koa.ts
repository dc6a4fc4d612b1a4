// The ceiling of `npm run bench`: a bare Koa app answering GET /api/v1/users/me with the same user
// JSON (BENCH_USER_JSON) the real server returns, with no auth, no database and no middleware.
import Koa from 'koa'
import type { AddressInfo } from 'node:net'

const user: unknown = JSON.parse(process.env.BENCH_USER_JSON ?? '{}')
const app = new Koa()
app.use(function me(ctx) {
  if (ctx.method === 'GET' && ctx.path === '/api/v1/users/me') ctx.body = user
})
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  console.log(`bare-koa listening on http://127.0.0.1:${port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
