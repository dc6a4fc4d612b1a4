// 0x01 task 5, "Request validation!": authorizationHeader, and the before-request hook with
// AUTH_TYPE=auth: 401 without an Authorization header, 403 with one (Auth finds no user).
import { expect } from 'chai'
import { Auth } from '../../api/v1/auth/auth.js'
import { BOB, BOB_BASIC, buildApp, type TestApp } from '../support/app.js'
import { authRequest } from '../support/credentials.js'
import { itAnswersStatus401And403 } from '../support/hook_answers.js'

describe('0x01 task 5: request validation', function () {
  describe('Auth.authorizationHeader', function () {
    const auth = new Auth({ sessionName: '_my_session_id' })

    it('answers null without a request', function () {
      expect(auth.authorizationHeader(null)).to.equal(null)
    })

    it('answers null for a request without an Authorization header, and for an empty one', function () {
      expect(auth.authorizationHeader(authRequest())).to.equal(null)
      expect(auth.authorizationHeader(authRequest({ Authorization: '' }))).to.equal(null)
    })

    it('answers the raw header value: "Test" for Authorization: Test', function () {
      expect(auth.authorizationHeader(authRequest({ Authorization: 'Test' }))).to.equal('Test')
    })
  })

  describe('the before-request hook with AUTH_TYPE=auth', function () {
    let test: TestApp
    before(async function () {
      test = buildApp({ AUTH_TYPE: 'auth' })
      await test.createUser(BOB)
    })
    after(function () { test.close() })

    itAnswersStatus401And403(() => test)

    it('answers 403 {"error": "Forbidden"} even with valid Basic credentials, as Auth.currentUser is always null', async function () {
      await test.http.get('/api/v1/users').set('Authorization', BOB_BASIC).expect(403, { error: 'Forbidden' })
    })

    it('answers 401 {"error": "Unauthorized"} on GET /api/v1/stats without credentials (stats is not excluded)', async function () {
      await test.http.get('/api/v1/stats').expect(401, { error: 'Unauthorized' })
    })
  })
})
