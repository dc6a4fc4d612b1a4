// 0x02 task 1, "Empty session": AUTH_TYPE=session_auth selects SessionAuth, a subclass of Auth
// (not of BasicAuth), so a Basic header no longer authenticates.
import { expect } from 'chai'
import { Auth } from '../../api/v1/auth/auth.js'
import { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import { createAuth } from '../../api/v1/auth/factory.js'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { BOB, BOB_BASIC, buildApp, type TestApp } from '../support/app.js'

describe('0x02 task 1: SessionAuth selected by AUTH_TYPE=session_auth', function () {
  let test: TestApp
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    await test.createUser(BOB)
  })
  after(function () { test.close() })

  it('creates a SessionAuth, which is an Auth and not a BasicAuth, for AUTH_TYPE=session_auth', function () {
    const auth = createAuth(test.config.authType, { sessionName: test.config.sessionName }, { users: test.users })
    expect(auth).to.be.instanceOf(SessionAuth)
    expect(auth).to.be.instanceOf(Auth)
    expect(auth).not.to.be.instanceOf(BasicAuth)
  })

  it('answers 200 {"status": "OK"} on GET /api/v1/status without credentials', async function () {
    await test.http.get('/api/v1/status').expect(200, { status: 'OK' })
  })

  it('answers 401 {"error": "Unauthorized"} on GET /api/v1/users without credentials', async function () {
    await test.http.get('/api/v1/users').expect(401, { error: 'Unauthorized' })
  })

  it('answers 403 {"error": "Forbidden"} on GET /api/v1/users with a valid Basic header', async function () {
    await test.http.get('/api/v1/users').set('Authorization', BOB_BASIC).expect(403, { error: 'Forbidden' })
  })
})
