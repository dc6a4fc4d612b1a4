// Unit tests of SessionAuth: createSession, userIdForSessionId, currentUser and
// destroySession, with only lowercase canonical uuid4 ids ever looked up.
import { expect } from 'chai'
import { SessionAuth, isSessionId } from '../../../api/v1/auth/session_auth.js'
import { MemorySessionStore } from '../../../models/memory/session_store.js'
import type { User } from '../../../models/user.js'
import type { TestApp } from '../../support/app.js'
import { useAppWithBob } from '../../support/app_hooks.js'
import { authRequest } from '../../support/credentials.js'
import { UUID4 } from '../../support/expected.js'

const UNKNOWN = 'a7a7a7a7-0000-4000-8000-000000000000'

describe('SessionAuth', function () {
  let test: TestApp
  let auth: SessionAuth
  let bob: User
  useAppWithBob({ AUTH_TYPE: 'session_auth' }, (app, user) => {
    test = app
    auth = new SessionAuth({ sessionName: '_my_session_id' }, test.users)
    bob = user
  })

  describe('isSessionId', function () {
    const table: Array<[unknown, boolean]> = [
      [UNKNOWN, true],
      [UNKNOWN.toUpperCase(), false],
      [`{${UNKNOWN}}`, false],
      [UNKNOWN.replaceAll('-', ''), false],
      ['a7a7a7a7-0000-1000-8000-000000000000', false],
      ['a7a7a7a7-0000-4000-c000-000000000000', false],
      [` ${UNKNOWN}`, false],
      ['', false],
      [null, false],
      [42, false],
    ]
    for (const [value, expected] of table) {
      it(`answers ${expected} for ${JSON.stringify(value)}`, function () {
        expect(isSessionId(value)).to.equal(expected)
      })
    }
  })

  describe('createSession', function () {
    it('answers null for null, undefined and non-strings', async function () {
      for (const value of [null, undefined, 1, true, {}, []]) expect(await auth.createSession(value)).to.equal(null)
    })

    it('answers a fresh lowercase uuid4 each time, mapped to the user id', async function () {
      const ids = new Set<string | null>()
      for (let i = 0; i < 20; i += 1) ids.add(await auth.createSession(bob.id))
      expect(ids.size).to.equal(20)
      for (const id of ids) {
        expect(id).to.match(UUID4)
        expect(await auth.userIdForSessionId(id)).to.equal(bob.id)
      }
    })
  })

  describe('userIdForSessionId', function () {
    it('answers null for null, non-strings, non-uuid strings and an unknown uuid4', async function () {
      for (const value of [null, undefined, 7, 'fake id', '', UNKNOWN]) expect(await auth.userIdForSessionId(value)).to.equal(null)
    })
  })

  describe('currentUser', function () {
    it('answers the stored user for a cookie holding a known session id, null otherwise', async function () {
      const sessionId = (await auth.createSession(bob.id)) ?? ''
      expect((await auth.currentUser(authRequest({}, { _my_session_id: sessionId })))?.id).to.equal(bob.id)
      expect(await auth.currentUser(authRequest({}, { _my_session_id: sessionId.toUpperCase() }))).to.equal(null)
      expect(await auth.currentUser(authRequest({}, { other: sessionId }))).to.equal(null)
      expect(await auth.currentUser(null)).to.equal(null)
    })

    it('ignores the Authorization header', async function () {
      expect(await auth.currentUser(authRequest({ Authorization: 'Basic Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh' }))).to.equal(null)
    })
  })

  describe('its SessionStore', function () {
    it('keeps sessions in the store it is given, per instance', async function () {
      const store = new MemorySessionStore()
      const given = new SessionAuth({ sessionName: '_my_session_id' }, test.users, store)
      const sessionId = (await given.createSession(bob.id)) ?? expect.fail('no session created')
      expect((await store.get(sessionId))?.userId).to.equal(bob.id)
      expect(await auth.userIdForSessionId(sessionId)).to.equal(null)
      await store.delete(sessionId)
      expect(await given.currentUser(authRequest({}, { _my_session_id: sessionId }))).to.equal(null)
    })
  })

  describe('destroySession', function () {
    it('answers false without a request, without a cookie, for an unknown id and for a non-uuid value', async function () {
      expect(await auth.destroySession(null)).to.equal(false)
      expect(await auth.destroySession(authRequest())).to.equal(false)
      expect(await auth.destroySession(authRequest({}, { _my_session_id: UNKNOWN }))).to.equal(false)
      expect(await auth.destroySession(authRequest({}, { _my_session_id: 'C is fun' }))).to.equal(false)
    })

    it('answers true once for a known session and leaves the user\'s other sessions alive', async function () {
      const ended = (await auth.createSession(bob.id)) ?? ''
      const kept = (await auth.createSession(bob.id)) ?? ''
      expect(await auth.destroySession(authRequest({}, { _my_session_id: ended }))).to.equal(true)
      expect(await auth.destroySession(authRequest({}, { _my_session_id: ended }))).to.equal(false)
      expect(await auth.userIdForSessionId(ended)).to.equal(null)
      expect(await auth.userIdForSessionId(kept)).to.equal(bob.id)
    })
  })
})
