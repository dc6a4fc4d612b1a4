// SessionDBAuth's own cases (0x02 task 10): sessions are UserSession rows stored hashed, seen by
// another instance on the same file, expired by the clock, purged, and deleted with their user.
import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { SessionDBAuth } from '../../../api/v1/auth/session_db_auth.js'
import { openDatabase } from '../../../models/sqlite/db.js'
import type { User } from '../../../models/user.js'
import { hashSessionId } from '../../../models/user_session.js'
import { cookieRequest, sessionFixture, sessionFixtureWithBob, type SessionFixture } from '../../support/session_classes.js'
import { FakeClock } from '../../support/fake_clock.js'
import type { TempDatabase } from '../../support/temp_database.js'

describe('SessionDBAuth', function () {
  let subject: SessionFixture<SessionDBAuth>
  let bob: User

  async function withDuration(duration: number): Promise<void> {
    ({ subject, bob } = await sessionFixtureWithBob('SessionDBAuth', duration))
  }

  function rows(): Array<Record<string, unknown>> {
    return subject.database.db.prepare('SELECT * FROM user_sessions').all() as Array<Record<string, unknown>>
  }

  afterEach(function () {
    subject.database.remove()
  })

  it('stores sha256(session id) hex and never the session id itself, in any database file', async function () {
    await withDuration(0)
    const sessionId = (await subject.auth.createSession(bob.id)) ?? ''
    expect(rows().map((row) => [row.user_id, row.session_hash])).to.deep.equal([[bob.id, hashSessionId(sessionId)]])
    expect(hashSessionId(sessionId)).to.match(/^[0-9a-f]{64}$/)
    const dir = dirname(subject.database.path)
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(sessionId), file).to.equal(false)
  })

  it('resolves its sessions from a second instance opened on the same file', async function () {
    await withDuration(3600)
    const sessionId = await subject.auth.createSession(bob.id)
    const reopened = openDatabase(subject.database.path)
    const other: TempDatabase = { path: subject.database.path, db: reopened, remove: () => reopened.close() }
    try {
      const second = sessionFixture('SessionDBAuth', 3600, other, subject.clock)
      expect(await second.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
      expect(await second.auth.destroySession(cookieRequest(sessionId ?? ''))).to.equal(true)
      expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(null)
    } finally {
      other.remove()
    }
  })

  it('never purges a session another process created just after this one read its clock', async function () {
    await withDuration(3600)
    const reopened = openDatabase(subject.database.path)
    const other: TempDatabase = { path: subject.database.path, db: reopened, remove: () => reopened.close() }
    try {
      const later = new FakeClock(new Date(subject.clock.now().getTime() + 5))
      const sessionId = await sessionFixture('SessionDBAuth', 3600, other, later).auth.createSession(bob.id)
      expect(await subject.auth.purgeExpiredSessions()).to.equal(0)
      subject.clock.advance(0.005)
      expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    } finally {
      other.remove()
    }
  })

  it('answers the user id until created_at + duration, then null and deletes the row', async function () {
    await withDuration(60)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(60)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    subject.clock.advance(0.001)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(null)
    expect(rows()).to.deep.equal([])
  })

  it('answers null for a row whose created_at is ahead of the clock', async function () {
    await withDuration(60)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(-1)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(null)
  })

  it('answers null to createSession for a user id that names no user', async function () {
    await withDuration(0)
    expect(await subject.auth.createSession('no-such-user')).to.equal(null)
    expect(rows()).to.deep.equal([])
  })

  it('deletes the row at logout, and every row of a user deleted', async function () {
    await withDuration(0)
    const first = (await subject.auth.createSession(bob.id)) ?? ''
    await subject.auth.createSession(bob.id)
    await subject.auth.createSession(bob.id)
    expect(await subject.auth.destroySession(cookieRequest(first))).to.equal(true)
    expect(rows()).to.have.length(2)
    await subject.users.remove(bob.id)
    expect(rows()).to.deep.equal([])
  })

  it('purges expired rows on demand, whoever created them, and answers how many went', async function () {
    await withDuration(60)
    await subject.auth.createSession(bob.id)
    subject.clock.advance(30)
    const young = await subject.auth.createSession(bob.id)
    subject.clock.advance(31)
    expect(await subject.auth.purgeExpiredSessions()).to.equal(1)
    expect(rows().map((row) => row.session_hash)).to.deep.equal([hashSessionId(young ?? '')])
  })

  it('keeps the table under one duration plus one purge interval of rows under 600 logins a second apart', async function () {
    await withDuration(60)
    let largest = 0
    for (let i = 0; i < 600; i += 1) {
      await subject.auth.createSession(bob.id)
      largest = Math.max(largest, await subject.auth.sessionCount())
      subject.clock.advance(1)
    }
    expect(largest).to.be.at.most(121)
    expect(await subject.auth.purgeExpiredSessions()).to.be.at.most(60)
    expect(await subject.auth.sessionCount()).to.equal(60)
  })

  it('purges at least every 256 logins when they come faster than the purge interval', async function () {
    await withDuration(1)
    let largest = 0
    for (let i = 0; i < 600; i += 1) {
      await subject.auth.createSession(bob.id)
      largest = Math.max(largest, await subject.auth.sessionCount())
      subject.clock.advance(0.1)
    }
    expect(largest).to.be.at.most(11 + 256)
  })
})
