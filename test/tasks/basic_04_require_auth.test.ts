// 0x01 task 4, "Define which routes don't need authentication": Auth.requireAuth with the table
// of the exercise, trailing-slash tolerance, and the excluded paths the app passes (docs/api.md).
import { expect } from 'chai'
import { EXCLUDED_PATHS } from '../../api/v1/app.js'
import { Auth } from '../../api/v1/auth/auth.js'
import { buildApp, type TestApp } from '../support/app.js'

describe('0x01 task 4: Auth.requireAuth', function () {
  const auth = new Auth({ sessionName: '_my_session_id' })
  const table: Array<[string | null, string[] | null, boolean]> = [
    [null, null, true],
    [null, [], true],
    ['/api/v1/status/', [], true],
    ['/api/v1/status/', ['/api/v1/status/'], false],
    ['/api/v1/status', ['/api/v1/status/'], false],
    ['/api/v1/users', ['/api/v1/status/'], true],
    ['/api/v1/users', ['/api/v1/status/', '/api/v1/stats'], true],
  ]
  for (const [path, excluded, expected] of table) {
    it(`answers ${expected} for requireAuth(${JSON.stringify(path)}, ${JSON.stringify(excluded)})`, function () {
      expect(auth.requireAuth(path, excluded)).to.equal(expected)
    })
  }

  it('does not exclude a longer path: requireAuth("/api/v1/status/extra", ["/api/v1/status/"]) is true', function () {
    expect(auth.requireAuth('/api/v1/status/extra', ['/api/v1/status/'])).to.equal(true)
  })

  it('does not exclude a path that only shares a prefix: requireAuth("/api/v1/statusx", ["/api/v1/status/"]) is true', function () {
    expect(auth.requireAuth('/api/v1/statusx', ['/api/v1/status/'])).to.equal(true)
  })

  it('excludes exactly status, unauthorized, forbidden and the login routes (plus token refresh), each ending in /, then the page at /', function () {
    expect([...EXCLUDED_PATHS]).to.deep.equal([
      '/api/v1/status/', '/api/v1/unauthorized/', '/api/v1/forbidden/', '/api/v1/auth_session/login/',
      '/api/v1/auth_jwt/login/', '/api/v1/auth_jwt/refresh/', '/',
    ])
  })

  describe('through HTTP with AUTH_TYPE=auth', function () {
    let test: TestApp
    before(function () { test = buildApp({ AUTH_TYPE: 'auth' }) })
    after(function () { test.close() })

    for (const path of ['/api/v1/status', '/api/v1/status/']) {
      it(`answers 200 {"status": "OK"} on GET ${path} without credentials`, async function () {
        await test.http.get(path).expect(200, { status: 'OK' })
      })
    }

    for (const path of ['/api/v1/stats', '/api/v1/stats/', '/api/v1/users', '/api/v1/status/extra']) {
      it(`answers 401 {"error": "Unauthorized"} on GET ${path} without credentials`, async function () {
        await test.http.get(path).expect(401, { error: 'Unauthorized' })
      })
    }
  })
})
