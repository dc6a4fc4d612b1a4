// 0x01 task 3, "Auth class": the base class with requireAuth, authorizationHeader and
// currentUser, selected by AUTH_TYPE=auth, where it lets excluded paths through.
import { expect } from 'chai'
import { Auth } from '../../api/v1/auth/auth.js'
import { createAuth } from '../../api/v1/auth/factory.js'
import { buildApp, type TestApp } from '../support/app.js'
import { authRequest } from '../support/credentials.js'

describe('0x01 task 3: the Auth class', function () {
  const auth = new Auth({ sessionName: '_my_session_id' })

  it('requires auth for a path when no excluded paths are given: requireAuth("/api/v1/status/", null) is true', function () {
    expect(auth.requireAuth('/api/v1/status/', null)).to.equal(true)
  })

  it('answers null from authorizationHeader(null)', function () {
    expect(auth.authorizationHeader(null)).to.equal(null)
  })

  it('answers null from currentUser(null) and from currentUser of a request with credentials', async function () {
    expect(await auth.currentUser(null)).to.equal(null)
    expect(await auth.currentUser(authRequest({ Authorization: 'Basic Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh' }))).to.equal(null)
  })

  it('is the object AUTH_TYPE=auth selects, and no AUTH_TYPE selects no object', async function () {
    const test = buildApp()
    try {
      const selected = createAuth('auth', { sessionName: '_my_session_id' }, { users: test.users })
      expect(selected?.constructor).to.equal(Auth)
      expect(createAuth(null, { sessionName: '_my_session_id' }, { users: test.users })).to.equal(null)
    } finally {
      test.close()
    }
  })

  describe('through HTTP with AUTH_TYPE=auth', function () {
    let test: TestApp
    before(function () { test = buildApp({ AUTH_TYPE: 'auth' }) })
    after(function () { test.close() })

    it('answers 200 {"status": "OK"} on GET /api/v1/status without credentials', async function () {
      await test.http.get('/api/v1/status').expect(200, { status: 'OK' })
    })
  })
})
