// 0x02 task 0, "Et moi et moi et moi!": the hook attaches the current user to the request, and
// GET /api/v1/users/me answers it (404 only when there is no auth object).
import type { User } from '../../models/user.js'
import { BOB, BOB_BASIC, buildApp, cookie, type TestApp } from '../support/app.js'
import { publicUser } from '../support/expected.js'

describe('0x02 task 0: GET /api/v1/users/me', function () {
  describe('with AUTH_TYPE=basic_auth', function () {
    let test: TestApp
    let bob: User
    before(async function () {
      test = buildApp({ AUTH_TYPE: 'basic_auth' })
      bob = await test.createUser({ ...BOB, firstName: 'Bob', lastName: 'Dylan' })
      await test.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
    })
    after(function () { test.close() })

    it('answers 200 and the current user (not another one) with bob\'s Basic header', async function () {
      await test.http.get('/api/v1/users/me').set('Authorization', BOB_BASIC)
        .expect(200, publicUser({ id: bob.id, email: BOB.email, first_name: 'Bob', last_name: 'Dylan' }))
    })

    it('answers 200 and the user on GET /api/v1/users/me/ with a trailing slash', async function () {
      await test.http.get('/api/v1/users/me/').set('Authorization', BOB_BASIC)
        .expect(200, publicUser({ id: bob.id, email: BOB.email, first_name: 'Bob', last_name: 'Dylan' }))
    })

    it('answers 401 {"error": "Unauthorized"} without credentials', async function () {
      await test.http.get('/api/v1/users/me').expect(401, { error: 'Unauthorized' })
    })

    it('answers 403 {"error": "Forbidden"} with a wrong Basic header', async function () {
      await test.http.get('/api/v1/users/me').set('Authorization', 'Basic dGVzdDp0ZXN0').expect(403, { error: 'Forbidden' })
    })
  })

  describe('with AUTH_TYPE=session_auth', function () {
    let test: TestApp
    let bob: User
    before(async function () {
      test = buildApp({ AUTH_TYPE: 'session_auth' })
      bob = await test.createUser(BOB)
    })
    after(function () { test.close() })

    it('answers 200 and the user whose session cookie is sent', async function () {
      const sessionId = await test.login(BOB.email, BOB.password)
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId))
        .expect(200, publicUser({ id: bob.id, email: BOB.email }))
    })
  })

  describe('without AUTH_TYPE', function () {
    let test: TestApp
    before(async function () {
      test = buildApp()
      await test.createUser(BOB)
    })
    after(function () { test.close() })

    it('answers 404 {"error": "Not found"}, even with bob\'s Basic header, as no one is authenticated', async function () {
      await test.http.get('/api/v1/users/me').set('Authorization', BOB_BASIC).expect(404, { error: 'Not found' })
    })
  })
})
