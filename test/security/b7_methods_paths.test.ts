// SECURITY.md B.7: methods and path tricks against /api/v1/users/me and the excluded paths, in
// every mode with an auth object. Paths are sent as raw bytes to a real server, so no client
// normalises them. Every row of B.7 applies.
// Choice (M3/M4): TRACE, PROPFIND and other methods the router lacks answer 405 JSON after the
// auth hook; a method Node's parser does not know (FOO) is refused by Node with 400.
// R6's startup self-check (a wildcard exposing a route stops the app) is in route_check.test.ts.
import Router from '@koa/router'
import { expect } from 'chai'
import type { App } from '../../api/v1/app.js'
import type { RouteInfo } from '../../api/v1/route_check.js'
import { BOB, BOB_BASIC } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { useSecureApp, withSecureApp } from '../support/secure_app_hooks.js'
import { listen, rawRequest, type LiveServer, type RawResponse } from '../support/live_server.js'
import { AUTH_MODES, SESSION_MODES } from '../support/modes.js'

const ME = '/api/v1/users/me'
const LOGOUT = '/api/v1/auth_session/logout'
const C = '_my_session_id'
const UNAUTHORIZED = { error: 'Unauthorized' }
const NOT_FOUND = { error: 'Not found' }

/** The routes the app serves, read from its router (the R10 sweep covers routes added later too). */
function routeTable(app: App): RouteInfo[] {
  const dispatch = app.middleware.find((middleware) => (middleware as { router?: unknown }).router instanceof Router)
  const router = (dispatch as unknown as { router: Router }).router
  return router.stack.filter((layer) => layer.methods.length > 0).map(({ path, methods }) => ({ path: String(path), methods }))
}

for (const mode of AUTH_MODES) {
  describe(`SECURITY.md B.7 methods and path tricks (${mode})`, function () {
    let t: SecureTestApp
    let server: LiveServer
    // A header line that authenticates Bob in this mode; null in `auth`, where nothing does.
    let credential: string | null

    // Registered before useSecureApp's hooks: the server closes before the app.
    after(async function () { await server.close() })

    useSecureApp({ AUTH_TYPE: mode }, 'all', async (app) => {
      t = app
      server = await listen(t.app)
      credential = mode === 'basic_auth' ? `Authorization: ${BOB_BASIC}` : SESSION_MODES.includes(mode) ? `Cookie: ${C}=${await t.login(BOB.email, BOB.password)}` : null
    })

    function send(method: string, path: string, header: string | null = null): Promise<RawResponse> {
      const extra = header === null ? '' : `${header}\r\n`
      return rawRequest(server.port, `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`)
    }

    async function expectAnswer(method: string, path: string, header: string | null, status: number, body: object | null): Promise<void> {
      const res = await send(method, path, header)
      expect(res.status, `${method} ${path}`).to.equal(status)
      if (body !== null) expect(JSON.parse(res.body), `${method} ${path}`).to.deep.equal(body)
    }

    /** 401 without credentials and, with Bob's, the given status and body (null: Bob's JSON). */
    async function expectGuarded(path: string, withCredentials: [number, object | null]): Promise<void> {
      await expectAnswer('GET', path, null, 401, UNAUTHORIZED)
      if (credential === null) return
      await expectAnswer('GET', path, credential, ...withCredentials)
      if (withCredentials[1] === null) expect(JSON.parse((await send('GET', path, credential)).body).email).to.equal(BOB.email)
    }

    it('M1 answers HEAD /users/me 401 without a body without credentials, 200 without a body with them', async function () {
      const anonymous = await send('HEAD', ME)
      expect([anonymous.status, anonymous.body]).to.deep.equal([401, ''])
      if (credential === null) return
      const bob = await send('HEAD', ME, credential)
      expect([bob.status, bob.body]).to.deep.equal([200, ''])
    })

    it('M2 answers a preflight 204 with CORS headers and no user data; a disallowed origin gets no Allow-Origin', async function () {
      const preflight = await send('OPTIONS', ME, 'Origin: https://app.example\r\nAccess-Control-Request-Method: DELETE')
      expect([preflight.status, preflight.body]).to.deep.equal([204, ''])
      expect(preflight.headers['access-control-allow-origin']).to.equal('*')
      await withSecureApp({ AUTH_TYPE: mode, CORS_ORIGINS: 'https://app.example' }, async (listed) => {
        const allowed = await listed.http.options(ME).set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'DELETE')
        expect([allowed.status, allowed.headers['access-control-allow-origin']]).to.deep.equal([204, 'https://app.example'])
        const refused = await listed.http.options(ME).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'DELETE')
        expect(refused.headers['access-control-allow-origin']).to.equal(undefined)
        expect([refused.status, refused.body]).to.deep.equal([401, UNAUTHORIZED])
      })
    })

    it('M3 answers TRACE without echoing credentials: 401 without them, 405 on /users/me and on / with them', async function () {
      await expectAnswer('TRACE', ME, null, 401, UNAUTHORIZED)
      if (credential === null) return
      const trace = await send('TRACE', ME, credential)
      expect([trace.status, JSON.parse(trace.body)]).to.deep.equal([405, { error: 'Method not allowed' }])
      expect(trace.raw).not.to.include(credential.split(' ').pop() ?? '')
      await expectAnswer('TRACE', '/', credential, 405, { error: 'Method not allowed' })
    })

    it('M4 answers 400 from Node for an unknown method (FOO) and 405 JSON for PROPFIND, never a 500', async function () {
      expect((await send('FOO', ME, credential)).status).to.equal(400)
      await expectAnswer('PROPFIND', ME, null, 401, UNAUTHORIZED)
      if (credential !== null) await expectAnswer('PROPFIND', ME, credential, 405, { error: 'Method not allowed' })
    })

    it('M5 answers GET and POST on logout 405 with Allow: DELETE and leaves the session alone', async function () {
      if (credential === null) return expectAnswer('GET', LOGOUT, null, 401, UNAUTHORIZED)
      for (const method of ['GET', 'POST']) {
        const res = await send(method, LOGOUT, credential)
        expect([res.status, JSON.parse(res.body), res.headers.allow]).to.deep.equal([405, { error: 'Method not allowed' }, 'DELETE'])
      }
      expect((await send('GET', ME, credential)).status).to.equal(200)
    })

    it('R1 treats /users/me/ as /users/me: 401 without credentials', async function () {
      await expectGuarded(`${ME}/`, [200, null])
    })

    it('R2 never serves doubled slashes without credentials (401), and 404 with them', async function () {
      for (const path of ['//api/v1/users/me', '/api//v1/users/me', '/api/v1/users//me']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('R3 never lets dot segments borrow an excluded prefix (401 without credentials)', async function () {
      for (const path of ['/api/v1/status/../users/me', '/api/v1/auth_session/login/../../users/me']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('R4 never lets encoded dots or slashes borrow an excluded prefix (401 without credentials)', async function () {
      for (const path of ['/api/v1/status/%2e%2e/users/me', '/api/v1/status%2f..%2fusers%2fme', '/api/v1/status/%252e%252e/users/me']) {
        await expectGuarded(path, [404, NOT_FOUND])
      }
    })

    it('R5 fails closed on case variants: 401 without credentials, 404 with them (routes are case-sensitive)', async function () {
      for (const path of ['/API/V1/USERS/ME', '/Api/v1/Users/Me', '/API/V1/STATUS']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('R6 answers 401 for paths under a would-be wildcard prefix (/api/v1/statistics, /api/v1/stats/../users/me)', async function () {
      await expectGuarded('/api/v1/statistics', [404, NOT_FOUND])
      await expectGuarded('/api/v1/stats/../users/me', [404, NOT_FOUND])
    })

    it('R7 keeps only the exact login route public: loginX and login/extra answer 401, then 404', async function () {
      for (const path of ['/api/v1/auth_session/loginX', '/api/v1/auth_session/login/extra']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('R8 never bypasses auth with %00, %0a or ;jsessionid= after me (401, then 404)', async function () {
      for (const path of [`${ME}%00`, `${ME}%0a`, `${ME};jsessionid=x`]) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('R9 answers 431 for a 50 KB query and ignores a duplicated query key', async function () {
      expect((await send('GET', `${ME}?q=${'a'.repeat(50_000)}`, credential)).status).to.equal(431)
      await expectGuarded(`${ME}?a=1&a=2`, [200, null])
    })

    it('R10 every registered route answers 401 without credentials and 403 with garbage ones, unless excluded', async function () {
      const garbage = `Authorization: Basic Z2FyYmFnZQ==\r\nCookie: ${C}=garbage`
      const excluded: Record<string, [number, number]> = {
        'GET /api/v1/status': [200, 200], 'GET /api/v1/unauthorized': [401, 401],
        'GET /api/v1/forbidden': [403, 403], 'POST /api/v1/auth_session/login': [400, 400],
      }
      const routes = routeTable(t.app)
      expect(routes.length).to.be.at.least(10)
      for (const { path, methods } of routes) {
        for (const method of methods.filter((name) => name !== 'HEAD')) {
          const concrete = path.replace(/:[a-z]+/g, crypto.randomUUID())
          const [bare, junk] = excluded[`${method} ${path}`] ?? [401, 403]
          expect((await send(method, concrete)).status, `${method} ${path} without credentials`).to.equal(bare)
          expect((await send(method, concrete, garbage)).status, `${method} ${path} with garbage`).to.equal(junk)
        }
      }
    })
  })
}
