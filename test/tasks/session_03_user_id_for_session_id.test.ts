// 0x02 task 3, "User ID for Session ID": SessionAuth.userIdForSessionId answers the user id a
// session id maps to, or null for null, a non-string or an unknown id.
import { expect } from 'chai'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { buildApp, type TestApp } from '../support/app.js'

describe('0x02 task 3: SessionAuth.userIdForSessionId', function () {
  let test: TestApp
  let auth: SessionAuth
  let sessionId: string | null
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    auth = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
    sessionId = await auth.createSession('abcde')
  })
  after(function () { test.close() })

  for (const value of [null, undefined, 89, 'fake id', '', 'a7a7a7a7-0000-4000-8000-000000000000']) {
    it(`answers null for ${JSON.stringify(value)}`, async function () {
      expect(await auth.userIdForSessionId(value)).to.equal(null)
    })
  }

  it('answers "abcde" for the session created for "abcde", and keeps answering it', async function () {
    expect(await auth.userIdForSessionId(sessionId)).to.equal('abcde')
    expect(await auth.userIdForSessionId(sessionId)).to.equal('abcde')
  })

  it('answers each session\'s own user id when several users have sessions', async function () {
    const other = await auth.createSession('fghij')
    expect(await auth.userIdForSessionId(other)).to.equal('fghij')
    expect(await auth.userIdForSessionId(sessionId)).to.equal('abcde')
  })

  it('answers null for the session id in upper case (ids are issued lowercase)', async function () {
    expect(await auth.userIdForSessionId(sessionId?.toUpperCase())).to.equal(null)
  })
})
