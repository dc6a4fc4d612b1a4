// The ceilings of `npm run bench`: Koa + @koa/router answering GET /api/v1/users/me with the bench
// user's JSON, no auth, no storage. BENCH_CEILING=fair (the fair ceiling) also does what every
// answer of the real server does: the same four response headers, and the same request log line
// through the project's own Logger, compiled (dist/api/v1/log.js, as the real server runs it).
// BENCH_CEILING=plain leaves both out.
import Router from '@koa/router'
import Koa, { type Context, type Next } from 'koa'
import { announce, benchUser } from './common.js'

type LogModule = typeof import('../../api/v1/log.js')

const user = benchUser()
const app = new Koa()

if (process.env.BENCH_CEILING === 'fair') {
  const { Logger } = (await import(new URL('../../dist/api/v1/log.js', import.meta.url).href)) as LogModule
  const logger = new Logger('info')
  app.use(async function headersAndLog(ctx: Context, next: Next): Promise<void> {
    const start = performance.now()
    ctx.set('X-Content-Type-Options', 'nosniff')
    ctx.set('Cache-Control', 'no-store')
    ctx.set('Vary', 'Origin')
    ctx.set('Access-Control-Allow-Origin', '*')
    await next()
    logger.request(ctx.method, ctx.path, ctx.status, Math.round((performance.now() - start) * 100) / 100)
  })
}

const router = new Router({ prefix: '/api/v1' })
router.get('/users/me', (ctx) => {
  ctx.body = user.body
})
app.use(router.routes()).use(router.allowedMethods())

announce(app.listen(0, '127.0.0.1'), `koa-router-${process.env.BENCH_CEILING ?? 'plain'}`)
