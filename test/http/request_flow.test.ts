// The before-request hook's consequences (docs/api.md), in each AUTH_TYPE: which requests get 401,
// 403, 404 or 405, and which credentials count in which mode.
import { BOB, BOB_BASIC, buildApp, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser } from '../support/expected.js'

const UNKNOWN_SESSION = 'a7a7a7a7-0000-4000-8000-000000000000'

describe('the request flow', function () {
  describe('with AUTH_TYPE=basic_auth', function () {
    let test: TestApp
    let sessionId: string
    useAppWithBob({ AUTH_TYPE: 'basic_auth' }, async (app) => {
      test = app
      const sessions = buildApp({ AUTH_TYPE: 'session_auth' })
      await sessions.createUser(BOB)
      sessionId = await sessions.login(BOB.email, BOB.password)
      sessions.close()
    })

    it('answers 401 {"error": "Unauthorized"} for an unknown route without credentials', async function () {
      await test.http.get('/api/v1/nope').expect(401, { error: 'Unauthorized' })
    })

    it('answers 404 {"error": "Not found"} for an unknown route with valid credentials', async function () {
      await test.http.get('/api/v1/nope').set('Authorization', BOB_BASIC).expect(404, { error: 'Not found' })
    })

    it('answers 401 {"error": "Unauthorized"} for a path outside /api/v1 other than the page at / without credentials', async function () {
      await test.http.get('/index.html').expect(401, { error: 'Unauthorized' })
    })

    it('answers 403 {"error": "Forbidden"} for a request with only a session cookie', async function () {
      await test.http.get('/api/v1/users').set('Cookie', cookie('_my_session_id', sessionId)).expect(403, { error: 'Forbidden' })
    })

    it('answers 401 {"error": "Unauthorized"} for an empty Authorization header', async function () {
      await test.http.get('/api/v1/users').set('Authorization', '').expect(401, { error: 'Unauthorized' })
    })

    it('answers 405 {"error": "Method not allowed"} on GET /api/v1/auth_session/login, which is excluded', async function () {
      await test.http.get('/api/v1/auth_session/login').expect(405, { error: 'Method not allowed' })
    })
  })

  for (const authType of ['session_auth']) {
    describe(`with AUTH_TYPE=${authType}`, function () {
      let test: TestApp
      let bobId: string
      let sessionId: string
      useAppWithBob({ AUTH_TYPE: authType }, async (app, user) => {
        test = app
        bobId = user.id
        sessionId = await test.login(BOB.email, BOB.password)
      })

      it('answers 404 {"error": "Not found"} for an unknown route with a valid session cookie', async function () {
        await test.http.get('/api/v1/nope').set('Cookie', cookie('_my_session_id', sessionId)).expect(404, { error: 'Not found' })
      })

      it('answers 401 {"error": "Unauthorized"} on GET /api/v1/auth_session/logout without a cookie', async function () {
        await test.http.get('/api/v1/auth_session/logout').expect(401, { error: 'Unauthorized' })
      })

      it('answers 405 {"error": "Method not allowed"} with Allow on GET /api/v1/auth_session/logout with a valid cookie', async function () {
        await test.http.get('/api/v1/auth_session/logout').set('Cookie', cookie('_my_session_id', sessionId))
          .expect(405, { error: 'Method not allowed' }).expect('Allow', 'DELETE')
      })

      it('answers 405 {"error": "Method not allowed"} on GET /api/v1/auth_session/login', async function () {
        await test.http.get('/api/v1/auth_session/login').expect(405, { error: 'Method not allowed' }).expect('Allow', 'POST')
      })

      it('answers 403 {"error": "Forbidden"} for a valid Basic header alone', async function () {
        await test.http.get('/api/v1/users').set('Authorization', BOB_BASIC).expect(403, { error: 'Forbidden' })
      })

      it('authenticates a valid session cookie sent next to a junk Authorization header', async function () {
        await test.http.get('/api/v1/users/me').set('Authorization', 'junk').set('Cookie', cookie('_my_session_id', sessionId))
          .expect(200, publicUser({ id: bobId, email: BOB.email }))
      })

      it('answers 403 {"error": "Forbidden"} for a valid Basic header next to an unknown session cookie', async function () {
        await test.http.get('/api/v1/users').set('Authorization', BOB_BASIC).set('Cookie', cookie('_my_session_id', UNKNOWN_SESSION))
          .expect(403, { error: 'Forbidden' })
      })

      it('answers 401 {"error": "Unauthorized"} on GET /api/v1/stats without credentials, 200 {"users": 1} with a cookie', async function () {
        await test.http.get('/api/v1/stats').expect(401, { error: 'Unauthorized' })
        await test.http.get('/api/v1/stats').set('Cookie', cookie('_my_session_id', sessionId)).expect(200, { users: 1 })
      })
    })
  }

  describe('with AUTH_TYPE=auth', function () {
    let test: TestApp
    before(function () { test = buildApp({ AUTH_TYPE: 'auth' }) })
    after(function () { test.close() })

    it('answers 403 {"error": "Forbidden"} for any credentials, as Auth knows no user', async function () {
      await test.http.get('/api/v1/nope').set('Cookie', cookie('_my_session_id', UNKNOWN_SESSION)).expect(403, { error: 'Forbidden' })
    })
  })

  describe('without AUTH_TYPE', function () {
    let test: TestApp
    before(function () { test = buildApp() })
    after(function () { test.close() })

    it('opens every route without credentials: 200 {"users": 0} on GET /api/v1/stats', async function () {
      await test.http.get('/api/v1/stats').expect(200, { users: 0 })
    })
  })
})
