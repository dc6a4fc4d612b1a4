// 0x02 task 5, "Before request": the login route is excluded, and the hook answers 401 only when
// both the Authorization header and the session cookie are absent (empty counts as absent).
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { publicUser } from '../support/expected.js'

describe('0x02 task 5: the before-request hook in session_auth', function () {
  let test: TestApp
  let bobId: string
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    bobId = (await test.createUser(BOB)).id
  })
  after(function () { test.close() })

  it('lets POST /api/v1/auth_session/login through without credentials: 400 {"error": "email missing"}, not 401', async function () {
    await test.http.post('/api/v1/auth_session/login').type('form').send({}).expect(400, { error: 'email missing' })
  })

  it('lets POST /api/v1/auth_session/login/ (trailing slash) through as well', async function () {
    await test.http.post('/api/v1/auth_session/login/').type('form').send({}).expect(400, { error: 'email missing' })
  })

  it('answers 401 {"error": "Unauthorized"} on GET /api/v1/users/me with neither header nor cookie', async function () {
    await test.http.get('/api/v1/users/me').expect(401, { error: 'Unauthorized' })
  })

  it('answers 401 {"error": "Unauthorized"} with an empty session cookie and no header', async function () {
    await test.http.get('/api/v1/users/me').set('Cookie', '_my_session_id=').expect(401, { error: 'Unauthorized' })
  })

  it('answers 403 {"error": "Forbidden"} with only an unknown session cookie', async function () {
    await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', 'a7a7a7a7-0000-4000-8000-000000000000'))
      .expect(403, { error: 'Forbidden' })
  })

  it('answers 403 {"error": "Forbidden"} with only an Authorization header', async function () {
    await test.http.get('/api/v1/users/me').set('Authorization', 'Test').expect(403, { error: 'Forbidden' })
  })

  it('answers 200 and the user with a valid session cookie', async function () {
    const sessionId = await test.login(BOB.email, BOB.password)
    await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId))
      .expect(200, publicUser({ id: bobId, email: BOB.email }))
  })
})
