// Error bodies as JSON, Access-Control-Allow-Origin on every /api/v1 response, preflight
// answered before the auth hook, the CORS_ORIGINS allow-list, and 405 with Allow.
import { expect } from 'chai'
import type { Test } from 'supertest'
import { BOB_BASIC, buildApp, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { expectJsonError } from '../support/requests.js'

describe('errors and CORS', function () {
  let test: TestApp
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, (app) => { test = app })

  describe('Access-Control-Allow-Origin: * without an Origin header', function () {
    const cases: Array<[string, (t: TestApp) => Test, number]> = [
      ['200 on GET /api/v1/status', (t) => t.http.get('/api/v1/status'), 200],
      ['200 on GET /api/v1/users with credentials', (t) => t.http.get('/api/v1/users').set('Authorization', BOB_BASIC), 200],
      ['401 on GET /api/v1/users', (t) => t.http.get('/api/v1/users'), 401],
      ['403 on GET /api/v1/users with a wrong header', (t) => t.http.get('/api/v1/users').set('Authorization', 'Basic x'), 403],
      ['404 on an unknown route', (t) => t.http.get('/api/v1/nope').set('Authorization', BOB_BASIC), 404],
      ['405 on GET /api/v1/auth_session/login', (t) => t.http.get('/api/v1/auth_session/login'), 405],
      ['400 on POST /api/v1/users with a non-JSON body', (t) => t.http.post('/api/v1/users').set('Authorization', BOB_BASIC).type('json').send('{'), 400],
      ['413 on an oversized login body', (t) => t.http.post('/api/v1/auth_session/login').type('form').send(`email=${'a'.repeat(20_000)}`), 413],
      ['401 on OPTIONS /api/v1/users without Access-Control-Request-Method', (t) => t.http.options('/api/v1/users'), 401],
    ]
    for (const [label, send, status] of cases) {
      it(`is present on a ${label}`, async function () {
        const res = await send(test).expect(status)
        expect(res.headers['access-control-allow-origin']).to.equal('*')
      })
    }
  })

  it('renders 401, 403 and 404 as application/json with the exact messages', async function () {
    await expectJsonError(test.http.get('/api/v1/users'), 401, 'Unauthorized')
    await expectJsonError(test.http.get('/api/v1/users').set('Authorization', 'Basic x'), 403, 'Forbidden')
    await expectJsonError(test.http.get('/api/v1/users/nope').set('Authorization', BOB_BASIC), 404, 'Not found')
  })

  it('answers a preflight OPTIONS on a protected route with 204 and the CORS headers, before the auth hook', async function () {
    const res = await test.http.options('/api/v1/users').set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'Content-Type, Authorization').expect(204)
    expect(res.headers['access-control-allow-origin']).to.equal('*')
    expect(res.headers['access-control-allow-methods']).to.equal('GET,HEAD,PUT,POST,DELETE')
    expect(res.headers['access-control-allow-headers']).to.equal('Content-Type, Authorization')
  })

  describe('405 {"error": "Method not allowed"} with an Allow header', function () {
    const cases: Array<[string, string, string]> = [
      ['PUT', '/api/v1/auth_session/login', 'POST'],
      ['PATCH', '/api/v1/users', 'HEAD, GET, POST'],
      ['POST', '/api/v1/status', 'HEAD, GET'],
      ['POST', '/api/v1/users/me', 'HEAD, GET, PUT, DELETE'],
      ['TRACE', '/api/v1/status', 'HEAD, GET'],
      ['PROPFIND', '/api/v1/users', 'HEAD, GET, POST'],
    ]
    for (const [method, path, allow] of cases) {
      it(`answers ${method} ${path} (authenticated) with 405 and Allow: ${allow}`, async function () {
        const res = await expectJsonError(test.http[method.toLowerCase() as 'put'](path).set('Authorization', BOB_BASIC), 405, 'Method not allowed')
        expect(res.headers.allow).to.equal(allow)
      })
    }
  })

  it('answers HEAD /api/v1/status with 200 and no body', async function () {
    const res = await test.http.head('/api/v1/status').expect(200)
    expect(res.text).to.equal(undefined)
  })

  it('sends Cache-Control: no-store on user data and on every other response', async function () {
    for (const res of [
      await test.http.get('/api/v1/users/me').set('Authorization', BOB_BASIC),
      await test.http.get('/api/v1/status'),
      await test.http.get('/api/v1/users'),
    ]) expect(res.headers['cache-control']).to.equal('no-store')
  })

  describe('CORS_ORIGINS allow-list', function () {
    let listed: TestApp
    before(function () { listed = buildApp({ AUTH_TYPE: 'basic_auth', CORS_ORIGINS: 'https://app.example,https://admin.example' }) })
    after(function () { listed.close() })

    it('echoes an allowed Origin, with Vary: Origin', async function () {
      const res = await listed.http.get('/api/v1/status').set('Origin', 'https://admin.example')
      expect(res.headers['access-control-allow-origin']).to.equal('https://admin.example')
      expect(res.headers.vary).to.include('Origin')
    })

    it('sends no Access-Control-Allow-Origin for another Origin or none', async function () {
      const other = await listed.http.get('/api/v1/status').set('Origin', 'https://evil.example').expect(200)
      expect(other.headers['access-control-allow-origin']).to.equal(undefined)
      const none = await listed.http.get('/api/v1/status')
      expect(none.headers['access-control-allow-origin']).to.equal(undefined)
    })

    it('answers a preflight from another Origin through the auth hook: 401 without CORS headers', async function () {
      const res = await expectJsonError(listed.http.options('/api/v1/users').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST'), 401, 'Unauthorized')
      expect(res.headers['access-control-allow-origin']).to.equal(undefined)
    })
  })
})
