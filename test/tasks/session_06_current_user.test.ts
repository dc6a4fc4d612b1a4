// 0x02 task 6, "Use Session ID for identifying a User": SessionAuth.currentUser goes from the
// cookie to the user id to the stored user, null at any missing step (a deleted user included).
import { expect } from 'chai'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import type { User } from '../../models/user.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { BOB_SESSION, authRequest } from '../support/credentials.js'
import { publicUser } from '../support/expected.js'

describe('0x02 task 6: SessionAuth.currentUser', function () {
  let test: TestApp
  let auth: SessionAuth
  let bob: User
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    auth = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
    bob = await test.createUser(BOB)
  })
  after(function () { test.close() })

  it('answers null without a request, without a cookie and for an unknown session id', async function () {
    expect(await auth.currentUser(null)).to.equal(null)
    expect(await auth.currentUser(authRequest())).to.equal(null)
    expect(await auth.currentUser(authRequest({}, { _my_session_id: 'a7a7a7a7-0000-4000-8000-000000000000' }))).to.equal(null)
  })

  it('answers the stored user whose session id the cookie carries', async function () {
    const sessionId = await auth.createSession(bob.id)
    const user = await auth.currentUser(authRequest({}, { _my_session_id: sessionId ?? '' }))
    expect(user?.toJSON()).to.deep.equal(publicUser({ id: bob.id, email: BOB.email }))
  })

  it('answers null for a session whose user id names no stored user', async function () {
    const sessionId = await auth.createSession('a7a7a7a7-0000-4000-8000-000000000000')
    expect(await auth.currentUser(authRequest({}, { _my_session_id: sessionId ?? '' }))).to.equal(null)
  })

  describe('through HTTP', function () {
    it('answers 200 and bobsession on GET /api/v1/users/me with the cookie his login set', async function () {
      const bobSession = await test.createUser(BOB_SESSION)
      const sessionId = await test.login(BOB_SESSION.email, BOB_SESSION.password)
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId))
        .expect(200, publicUser({ id: bobSession.id, email: BOB_SESSION.email }))
    })

    it('answers 403 {"error": "Forbidden"} once the session\'s user is deleted', async function () {
      const alice = await test.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
      const sessionId = await test.login('alice@hbtn.io', 'alice pwd')
      await test.users.remove(alice.id)
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId)).expect(403, { error: 'Forbidden' })
    })
  })
})
