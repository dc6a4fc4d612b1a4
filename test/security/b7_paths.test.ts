// Path tricks against /api/v1/users/me and the excluded paths, in every mode with an auth object;
// the methods are in b7_methods_paths. Paths are sent as raw bytes to a real server, so no client
// normalises them.
// The startup self-check (a wildcard exposing a route stops the app) is in route_check.test.ts.
import { expect } from 'chai'
import type { App } from '../../api/v1/app.js'
import { routesOf, type RouteInfo } from '../../api/v1/route_check.js'
import type { SecureTestApp } from '../support/invariants.js'
import { useListeningSecureApp } from '../support/listening_secure_app.js'
import { AUTH_MODES } from '../support/modes.js'

const ME = '/api/v1/users/me'
const C = '_my_session_id'
const NOT_FOUND = { error: 'Not found' }

type Routed = { readonly router?: { readonly stack: readonly { path: unknown, methods: readonly string[] }[] } }

/** The routes the app serves, read from its routers, so the sweep covers routes added later too. */
function routeTable(app: App): readonly RouteInfo[] {
  return routesOf(app.middleware.flatMap((middleware) => (middleware as Routed).router ?? []))
}

for (const mode of AUTH_MODES) {
  describe(`path tricks (${mode})`, function () {
    let t: SecureTestApp
    // A header line that authenticates Bob in this mode; null in `auth`, where nothing does.
    let credential: string | null
    const { send, expectGuarded } = useListeningSecureApp(mode, (app, line) => {
      t = app
      credential = line
    })

    it('treats /users/me/ as /users/me: 401 without credentials', async function () {
      await expectGuarded(`${ME}/`, [200, null])
    })

    it('never serves doubled slashes without credentials (401), and 404 with them', async function () {
      for (const path of ['//api/v1/users/me', '/api//v1/users/me', '/api/v1/users//me']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('never lets dot segments borrow an excluded prefix (401 without credentials)', async function () {
      for (const path of ['/api/v1/status/../users/me', '/api/v1/auth_session/login/../../users/me']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('never lets encoded dots or slashes borrow an excluded prefix (401 without credentials)', async function () {
      for (const path of ['/api/v1/status/%2e%2e/users/me', '/api/v1/status%2f..%2fusers%2fme', '/api/v1/status/%252e%252e/users/me']) {
        await expectGuarded(path, [404, NOT_FOUND])
      }
    })

    it('fails closed on case variants: 401 without credentials, 404 with them (routes are case-sensitive)', async function () {
      for (const path of ['/API/V1/USERS/ME', '/Api/v1/Users/Me', '/API/V1/STATUS']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('answers 401 for paths under a would-be wildcard prefix (/api/v1/statistics, /api/v1/stats/../users/me)', async function () {
      await expectGuarded('/api/v1/statistics', [404, NOT_FOUND])
      await expectGuarded('/api/v1/stats/../users/me', [404, NOT_FOUND])
    })

    it('keeps only the exact login route public: loginX and login/extra answer 401, then 404', async function () {
      for (const path of ['/api/v1/auth_session/loginX', '/api/v1/auth_session/login/extra']) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('never bypasses auth with %00, %0a or ;jsessionid= after me (401, then 404)', async function () {
      for (const path of [`${ME}%00`, `${ME}%0a`, `${ME};jsessionid=x`]) await expectGuarded(path, [404, NOT_FOUND])
    })

    it('answers 431 for a 50 KB query and ignores a duplicated query key', async function () {
      expect((await send('GET', `${ME}?q=${'a'.repeat(50_000)}`, credential)).status).to.equal(431)
      await expectGuarded(`${ME}?a=1&a=2`, [200, null])
    })

    it('every registered route answers 401 without credentials and 403 with garbage ones, unless excluded', async function () {
      const garbage = `Authorization: Basic Z2FyYmFnZQ==\r\nCookie: ${C}=garbage`
      const excluded: Record<string, [number, number]> = {
        'GET /api/v1/status': [200, 200], 'GET /api/v1/unauthorized': [401, 401],
        'GET /api/v1/forbidden': [403, 403], 'POST /api/v1/auth_session/login': [400, 400],
        // Token modes: login validates its body; refresh reads only the refresh token (none here).
        'POST /api/v1/auth_jwt/login': [400, 400], 'POST /api/v1/auth_jwt/refresh': [401, 401], 'GET /': [200, 200],
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
