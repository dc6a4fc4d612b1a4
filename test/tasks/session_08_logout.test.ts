// 0x02 task 8, "Logout": SessionAuth.destroySession deletes the request's session, and
// DELETE /api/v1/auth_session/logout answers 200 {} and clears the cookie, or 404 when nothing ends.
import { expect } from 'chai'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { BOB, BOB_BASIC, buildApp, cookie, type TestApp } from '../support/app.js'
import { BOB_SESSION, authRequest } from '../support/credentials.js'

const LOGOUT = '/api/v1/auth_session/logout'

describe('0x02 task 8: logout', function () {
  describe('SessionAuth.destroySession', function () {
    let test: TestApp
    let auth: SessionAuth
    before(function () {
      test = buildApp({ AUTH_TYPE: 'session_auth' })
      auth = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
    })
    after(function () { test.close() })

    it('answers false without a request, without a cookie and for an unknown session id', async function () {
      expect(await auth.destroySession(null)).to.equal(false)
      expect(await auth.destroySession(authRequest())).to.equal(false)
      expect(await auth.destroySession(authRequest({}, { _my_session_id: 'a7a7a7a7-0000-4000-8000-000000000000' }))).to.equal(false)
    })

    it('answers true, deletes only that session, and answers false for it the second time', async function () {
      const ended = await auth.createSession('abcde')
      const kept = await auth.createSession('abcde')
      const request = authRequest({}, { _my_session_id: ended ?? '' })
      expect(await auth.destroySession(request)).to.equal(true)
      expect(await auth.userIdForSessionId(ended)).to.equal(null)
      expect(await auth.userIdForSessionId(kept)).to.equal('abcde')
      expect(await auth.destroySession(request)).to.equal(false)
    })
  })

  describe('DELETE /api/v1/auth_session/logout with AUTH_TYPE=session_auth', function () {
    let test: TestApp
    before(async function () {
      test = buildApp({ AUTH_TYPE: 'session_auth' })
      await test.createUser(BOB_SESSION)
    })
    after(function () { test.close() })

    it('answers 401 {"error": "Unauthorized"} without a cookie', async function () {
      await test.http.delete(LOGOUT).expect(401, { error: 'Unauthorized' })
    })

    it('answers 403 {"error": "Forbidden"} for an unknown session id', async function () {
      await test.http.delete(LOGOUT).set('Cookie', cookie('_my_session_id', 'a7a7a7a7-0000-4000-8000-000000000000'))
        .expect(403, { error: 'Forbidden' })
    })

    it('answers 200 {} and clears the cookie; the session id then gets 403 and another session stays valid', async function () {
      const ended = await test.login(BOB_SESSION.email, BOB_SESSION.password)
      const kept = await test.login(BOB_SESSION.email, BOB_SESSION.password)
      const res = await test.http.delete(LOGOUT).set('Cookie', cookie('_my_session_id', ended)).expect(200, {})
      expect(res.headers['set-cookie']).to.deep.equal(['_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax'])
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', ended)).expect(403, { error: 'Forbidden' })
      await test.http.delete(LOGOUT).set('Cookie', cookie('_my_session_id', ended)).expect(403)
      await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', kept)).expect(200)
    })
  })

  describe('DELETE /api/v1/auth_session/logout when no session can end', function () {
    it('answers 404 {"error": "Not found"} with AUTH_TYPE=basic_auth and a valid Basic header', async function () {
      const test = buildApp({ AUTH_TYPE: 'basic_auth' })
      try {
        await test.createUser(BOB)
        const res = await test.http.delete(LOGOUT).set('Authorization', BOB_BASIC).expect(404, { error: 'Not found' })
        expect(res.headers['set-cookie']).to.equal(undefined)
      } finally {
        test.close()
      }
    })

    it('answers 404 {"error": "Not found"} without AUTH_TYPE', async function () {
      const test = buildApp()
      try {
        await test.http.delete(LOGOUT).expect(404, { error: 'Not found' })
      } finally {
        test.close()
      }
    })
  })
})
