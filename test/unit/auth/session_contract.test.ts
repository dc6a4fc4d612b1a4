// The session contract (0x02 tasks 2, 3, 6, 8): the same cases, run against every session
// class. Each class's own cases (expiry, persistence) live in its own test file.
import { expect } from 'chai'
import type { User } from '../../../models/user.js'
import { SESSION_CLASSES, cookieRequest, sessionFixtureWithBob, type SessionFixture } from '../../support/session_classes.js'

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const NOT_STRINGS: readonly unknown[] = [null, undefined, 42, {}, ['id'], true]
const MALFORMED_IDS: readonly unknown[] = [
  null, undefined, 42, '', 'abc', "' OR '1'='1", '../../.db_User.json', '*', 'A'.repeat(5000),
  '5f1e7c1e-1b1c-11ee-be56-0242ac120002', // a v1 uuid: not what this server issues
]

for (const className of SESSION_CLASSES) {
  describe(`${className} session contract`, function () {
    let subject: SessionFixture
    let bob: User
    let alice: User

    beforeEach(async function () {
      ({ subject, bob } = await sessionFixtureWithBob(className, 3600))
      alice = await subject.users.create({ email: 'alice@hbtn.io', password: 'alice pwd' })
    })

    afterEach(function () {
      subject.database.remove()
    })

    it('creates a lowercase uuid4 session id that resolves to its user id', async function () {
      const sessionId = await subject.auth.createSession(bob.id)
      expect(sessionId).to.match(UUID4)
      expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    })

    it('answers null to createSession for a user id that is not a string', async function () {
      for (const userId of NOT_STRINGS) expect(await subject.auth.createSession(userId), String(userId)).to.equal(null)
      expect(await subject.auth.sessionCount()).to.equal(0)
    })

    it('gives one user many distinct sessions, each resolving to that user', async function () {
      const ids = await Promise.all(Array.from({ length: 50 }, () => subject.auth.createSession(bob.id)))
      expect(new Set(ids).size).to.equal(50)
      for (const id of ids) expect(await subject.auth.userIdForSessionId(id)).to.equal(bob.id)
      expect(await subject.auth.sessionCount()).to.equal(50)
    })

    it('resolves the sessions of two users to their own users', async function () {
      const bobs = await subject.auth.createSession(bob.id)
      const alices = await subject.auth.createSession(alice.id)
      expect(await subject.auth.userIdForSessionId(bobs)).to.equal(bob.id)
      expect(await subject.auth.userIdForSessionId(alices)).to.equal(alice.id)
    })

    it('answers null to userIdForSessionId for an unknown uuid4', async function () {
      await subject.auth.createSession(bob.id)
      expect(await subject.auth.userIdForSessionId('0b6c1e0e-5f3a-4c1e-9f0a-2d6c8b1e4a7f')).to.equal(null)
    })

    it('answers null to userIdForSessionId for malformed ids, a known id in upper case included', async function () {
      const sessionId = (await subject.auth.createSession(bob.id)) ?? ''
      for (const id of [...MALFORMED_IDS, sessionId.toUpperCase(), ` ${sessionId}`, `${sessionId}\n`]) {
        expect(await subject.auth.userIdForSessionId(id), String(id).slice(0, 40)).to.equal(null)
      }
    })

    it('finds the current user from the session cookie, and null without a usable cookie', async function () {
      const sessionId = await subject.auth.createSession(bob.id)
      expect((await subject.auth.currentUser(cookieRequest(sessionId ?? '')))?.toJSON()).to.deep.equal(bob.toJSON())
      expect(await subject.auth.currentUser(cookieRequest(undefined))).to.equal(null)
      expect(await subject.auth.currentUser(cookieRequest('not-a-session'))).to.equal(null)
      expect(await subject.auth.currentUser(null)).to.equal(null)
    })

    it('answers null to currentUser once the session owner is deleted', async function () {
      const sessionId = await subject.auth.createSession(bob.id)
      await subject.users.remove(bob.id)
      expect(await subject.auth.currentUser(cookieRequest(sessionId ?? ''))).to.equal(null)
    })

    // A request with a new session of Bob's that currentUser has answered once.
    async function requestOfReadSession() {
      const request = cookieRequest((await subject.auth.createSession(bob.id)) ?? '')
      expect((await subject.auth.currentUser(request))?.id).to.equal(bob.id)
      return request
    }

    it('answers the user of a session it issued, and never a user for a cookie it refuses', async function () {
      const sessionId = (await subject.auth.createSession(bob.id)) ?? ''
      const current = (await subject.auth.currentUser(cookieRequest(sessionId))) ?? expect.fail('no current user')
      expect(current.toJSON()).to.deep.equal(bob.toJSON())
      for (const value of [undefined, '', 'not-a-session', '0b6c1e0e-5f3a-4c1e-9f0a-2d6c8b1e4a7f', sessionId.toUpperCase()]) {
        expect(await subject.auth.currentUser(cookieRequest(value)), String(value)).to.equal(null)
      }
      expect(await subject.auth.currentUser(null)).to.equal(null)
    })

    it('answers the changed user once the owner changes, and nobody once the owner is deleted', async function () {
      const request = await requestOfReadSession()
      const changed = (await subject.users.get(bob.id)) ?? expect.fail('bob is missing')
      changed.lastName = 'Dylan'
      await subject.users.save(changed)
      expect((await subject.auth.currentUser(request))?.lastName).to.equal('Dylan')
      await subject.users.remove(bob.id)
      expect(await subject.auth.currentUser(request)).to.equal(null)
    })

    it('answers nobody once the session is destroyed', async function () {
      const request = await requestOfReadSession()
      expect(await subject.auth.destroySession(request)).to.equal(true)
      expect(await subject.auth.currentUser(request)).to.equal(null)
    })

    it(`${className === 'SessionAuth' ? 'still answers' : 'stops answering'} the user once the session is older than SESSION_DURATION`, async function () {
      const request = await requestOfReadSession()
      subject.clock.advance(3601)
      expect((await subject.auth.currentUser(request))?.id).to.equal(className === 'SessionAuth' ? bob.id : undefined)
    })

    it('destroys exactly the session of the cookie: true once, then false', async function () {
      const first = (await subject.auth.createSession(bob.id)) ?? ''
      const second = await subject.auth.createSession(bob.id)
      expect(await subject.auth.destroySession(cookieRequest(first))).to.equal(true)
      expect(await subject.auth.userIdForSessionId(first)).to.equal(null)
      expect(await subject.auth.userIdForSessionId(second)).to.equal(bob.id)
      expect(await subject.auth.destroySession(cookieRequest(first))).to.equal(false)
      expect(await subject.auth.sessionCount()).to.equal(1)
    })

    it('answers false to destroySession without a request, a cookie, or a known well-formed id', async function () {
      const sessionId = (await subject.auth.createSession(bob.id)) ?? ''
      expect(await subject.auth.destroySession(null)).to.equal(false)
      expect(await subject.auth.destroySession(cookieRequest(undefined))).to.equal(false)
      expect(await subject.auth.destroySession(cookieRequest('0b6c1e0e-5f3a-4c1e-9f0a-2d6c8b1e4a7f'))).to.equal(false)
      expect(await subject.auth.destroySession(cookieRequest(sessionId.toUpperCase()))).to.equal(false)
      expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    })
  })
}
