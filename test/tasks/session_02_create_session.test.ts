// 0x02 task 2, "Create a session": SessionAuth.createSession stores a new uuid4 session id for a
// user id in memory and returns it; null for a null or non-string user id.
import { expect } from 'chai'
import { SessionAuth } from '../../api/v1/auth/session_auth.js'
import { buildApp, type TestApp } from '../support/app.js'
import { UUID4 } from '../support/expected.js'

describe('0x02 task 2: SessionAuth.createSession', function () {
  let test: TestApp
  let auth: SessionAuth
  beforeEach(function () {
    test = buildApp({ AUTH_TYPE: 'session_auth' })
    auth = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
  })
  afterEach(function () { test.close() })

  for (const userId of [null, undefined, 89, {}, ['abcde']]) {
    it(`answers null for ${JSON.stringify(userId)}`, async function () {
      expect(await auth.createSession(userId)).to.equal(null)
    })
  }

  it('answers a lowercase uuid4 session id for "abcde", which then maps to "abcde"', async function () {
    const sessionId = await auth.createSession('abcde')
    expect(sessionId).to.match(UUID4)
    expect(await auth.userIdForSessionId(sessionId)).to.equal('abcde')
  })

  it('gives a user a new session id on each call, every one of them valid', async function () {
    const first = await auth.createSession('fghij')
    const second = await auth.createSession('fghij')
    expect(first).not.to.equal(second)
    expect(await auth.userIdForSessionId(first)).to.equal('fghij')
    expect(await auth.userIdForSessionId(second)).to.equal('fghij')
  })

  it('keeps sessions per instance: another SessionAuth does not know them', async function () {
    const sessionId = await auth.createSession('abcde')
    const other = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
    expect(await other.userIdForSessionId(sessionId)).to.equal(null)
  })
})
