// Unit tests of the route table (api/v1/routes.ts), through a Koa app: what @koa/router did for
// this API, from matching and parameters to 405 + Allow, OPTIONS and 501.
import { expect } from 'chai'
import Koa from 'koa'
import request from 'supertest'
import type { AppState } from '../../api/v1/app_state.js'
import { Routes, type RouteContext } from '../../api/v1/routes.js'

const echo = (name: string) => (ctx: RouteContext) => { ctx.body = { route: name, params: ctx.params } }

function serve(): ReturnType<typeof request> {
  const users = new Routes('/api/v1')
    .get('/users', echo('list'))
    .post('/users', echo('create'))
    .get('/users/:id', echo('show'))
    .delete('/users/:id', echo('delete'))
  const nested = new Routes('/api/v1').put('/users/:id/name/:part', echo('rename'))
  const tagged = new Routes('/api/v1').get('/tagged', async (ctx, next) => { ctx.set('X-Step', 'first'); await next() }, echo('tagged'))
  const app = new Koa<AppState>()
  app.use(new Routes().use(users).use(nested).use(tagged).middleware())
  return request(app.callback())
}

describe('Routes', function () {
  it('answers a static path with or without one trailing slash, and not with two', async function () {
    const http = serve()
    expect((await http.get('/api/v1/users')).body).to.deep.equal({ route: 'list', params: {} })
    expect((await http.get('/api/v1/users/')).body).to.deep.equal({ route: 'list', params: {} })
    expect((await http.get('/api/v1/users//')).status).to.equal(404)
  })

  it('matches paths case-sensitively and as sent: an escaped letter is another path', async function () {
    const http = serve()
    expect((await http.get('/api/v1/Users')).status).to.equal(404)
    expect((await http.get('/api/v1/%75sers')).status).to.equal(404)
  })

  it('gives :name segments percent-decoded, a malformed escape as sent, and never an empty one', async function () {
    const http = serve()
    expect((await http.get('/api/v1/users/a%40b/')).body).to.deep.equal({ route: 'show', params: { id: 'a@b' } })
    expect((await http.get('/api/v1/users/%E0%A4%A')).body).to.deep.equal({ route: 'show', params: { id: '%E0%A4%A' } })
    expect((await http.put('/api/v1/users/7/name/first')).body).to.deep.equal({ route: 'rename', params: { id: '7', part: 'first' } })
    expect((await http.put('/api/v1/users//name/first')).status).to.equal(404)
  })

  it('answers HEAD with the GET route, without a body', async function () {
    const res = await serve().head('/api/v1/users/me')
    expect([res.status, res.headers['content-type'], res.text]).to.deep.equal([200, 'application/json; charset=utf-8', undefined])
  })

  it('leaves 405 with Allow listing the path\'s methods in declaration order, GET routes with HEAD first', async function () {
    const res = await serve().patch('/api/v1/users/me')
    expect([res.status, res.headers.allow]).to.deep.equal([405, 'HEAD, GET, DELETE'])
  })

  it('answers OPTIONS on a known path with 200, an empty body and Allow; on an unknown path leaves 404', async function () {
    const http = serve()
    const known = await http.options('/api/v1/users')
    expect([known.status, known.text, known.headers.allow]).to.deep.equal([200, '', 'HEAD, GET, POST'])
    expect((await http.options('/api/v1/nothing')).status).to.equal(404)
  })

  it('leaves 501 for a method it does not implement, on any path, with the path\'s methods in Allow', async function () {
    const http = serve()
    const known = await http.trace('/api/v1/users')
    expect([known.status, known.headers.allow]).to.deep.equal([501, 'HEAD, GET, POST'])
    const unknown = await http.trace('/api/v1/nothing')
    expect([unknown.status, unknown.headers.allow]).to.deep.equal([501, ''])
  })

  it('runs a route\'s handlers in order, each passing on with next()', async function () {
    const res = await serve().get('/api/v1/tagged')
    expect([res.status, res.headers['x-step'], res.body]).to.deep.equal([200, 'first', { route: 'tagged', params: {} }])
  })

  it('lists every route with its methods for the startup check', function () {
    const routes = new Routes('/api/v1').get('/status', echo('status')).delete('/users/:id', echo('delete'))
    expect(routes.info).to.deep.equal([
      { path: '/api/v1/status', methods: ['HEAD', 'GET'] },
      { path: '/api/v1/users/:id', methods: ['DELETE'] },
    ])
    expect(routes.middleware().routes).to.deep.equal(routes.info)
  })
})
