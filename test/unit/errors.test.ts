// Unit tests of the error renderer: every error leaves as {"error": message} JSON, the
// message only for 4xx; anything else is a 500 with no detail, reported to the app's error event.
import { expect } from 'chai'
import Koa, { type Context } from 'koa'
import request from 'supertest'
import { errorRenderer } from '../../api/v1/middleware/error_renderer.js'
import { StoreUnavailableError } from '../../models/store_errors.js'

function appThrowing(fail: (ctx: Context) => void): { app: Koa, reported: unknown[] } {
  const app = new Koa()
  const reported: unknown[] = []
  app.on('error', (error: unknown) => { reported.push(error) })
  app.use(errorRenderer())
  app.use((ctx) => { fail(ctx) })
  return { app, reported }
}

describe('the error renderer middleware', function () {
  it('answers 500 {"error": "Internal server error"} for a thrown Error, without its message or stack', async function () {
    const { app, reported } = appThrowing(() => { throw new Error('secret database path /var/x') })
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(500)
    expect(res.body).to.deep.equal({ error: 'Internal server error' })
    expect(res.text).not.to.include('secret')
    expect(reported).to.have.length(1)
  })

  it('answers 500 {"error": "Internal server error"} for a thrown non-Error value', async function () {
    const { app } = appThrowing(() => { throw 'a string' as unknown as Error })
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(500)
    expect(res.body).to.deep.equal({ error: 'Internal server error' })
  })

  it('hides the message of a 5xx thrown with ctx.throw', async function () {
    const { app } = appThrowing((ctx) => ctx.throw(502, 'upstream said something private'))
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(502)
    expect(res.body).to.deep.equal({ error: 'Internal server error' })
  })

  it('answers 503 {"error": "Service unavailable"} for a 503', async function () {
    const { app } = appThrowing((ctx) => ctx.throw(503, 'db down'))
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(503)
    expect(res.body).to.deep.equal({ error: 'Service unavailable' })
  })

  it('answers 503 {"error": "Service unavailable"} with Retry-After for a store that cannot serve now', async function () {
    const { app, reported } = appThrowing(() => { throw new StoreUnavailableError('database unavailable (SQLITE_BUSY)') })
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(503)
    expect(res.headers['retry-after']).to.equal('1')
    expect(res.body).to.deep.equal({ error: 'Service unavailable' })
    expect(reported).to.have.length(1)
  })

  it('answers a 4xx with its message and headers, without reporting it', async function () {
    const { app, reported } = appThrowing((ctx) => ctx.throw(429, 'slow down', { headers: { 'Retry-After': '7' } }))
    const res = await request(app.callback()).get('/')
    expect(res.status).to.equal(429)
    expect(res.headers['retry-after']).to.equal('7')
    expect(res.body).to.deep.equal({ error: 'slow down' })
    expect(reported).to.deep.equal([])
  })

  it('answers 404 {"error": "Not found"} when nothing handled the request', async function () {
    const app = new Koa()
    app.use(errorRenderer())
    const res = await request(app.callback()).get('/nothing')
    expect(res.status).to.equal(404)
    expect(res.body).to.deep.equal({ error: 'Not found' })
  })
})
