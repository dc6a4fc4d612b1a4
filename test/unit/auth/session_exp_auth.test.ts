// SessionExpAuth's own cases (0x02 task 9): absolute expiry measured with a fake clock, the
// boundaries, durations that never expire, and memory bounded under a stream of logins.
import { expect } from 'chai'
import { isSessionExpired, type SessionExpAuth } from '../../../api/v1/auth/session_exp_auth.js'
import type { User } from '../../../models/user.js'
import { cookieRequest, sessionFixture, sessionFixtureWithBob, type SessionFixture } from '../../support/session_classes.js'

const TEN_YEARS = 10 * 365 * 24 * 3600

describe('isSessionExpired', function () {
  const t0 = Date.parse('2026-01-01T00:00:00Z')

  it('keeps a session alive up to and including created_at + duration, and not a millisecond more', function () {
    expect(isSessionExpired(t0, t0 + 60_000, 60)).to.equal(false)
    expect(isSessionExpired(t0, t0 + 60_001, 60)).to.equal(true)
  })

  it('never expires a session when the duration is 0 or negative', function () {
    expect(isSessionExpired(t0, t0 + TEN_YEARS * 1000, 0)).to.equal(false)
    expect(isSessionExpired(t0, t0 + TEN_YEARS * 1000, -60)).to.equal(false)
  })

  it('treats a creation time in the future as expired, so it cannot stretch the lifetime', function () {
    expect(isSessionExpired(t0 + 1, t0, 60)).to.equal(true)
  })

  it('copes with the largest duration SESSION_DURATION can parse to', function () {
    expect(isSessionExpired(t0, t0 + TEN_YEARS * 1000, Number.MAX_SAFE_INTEGER)).to.equal(false)
  })
})

describe('SessionExpAuth', function () {
  let subject: SessionFixture<SessionExpAuth>
  let bob: User

  async function withDuration(duration: number): Promise<void> {
    ({ subject, bob } = await sessionFixtureWithBob('SessionExpAuth', duration))
  }

  afterEach(function () {
    subject.database.remove()
  })

  it('reports its duration for the cookie Max-Age, and 0 for a duration <= 0', async function () {
    await withDuration(60)
    expect(subject.auth.sessionDuration).to.equal(60)
    for (const duration of [0, -60]) {
      expect(sessionFixture('SessionExpAuth', duration, subject.database).auth.sessionDuration).to.equal(0)
    }
  })

  it('answers the user id until created_at + duration, then null one millisecond later', async function () {
    await withDuration(60)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(60)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    subject.clock.advance(0.001)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(null)
    expect(await subject.auth.currentUser(cookieRequest(sessionId ?? ''))).to.equal(null)
  })

  it('answers false to destroySession for an expired session', async function () {
    await withDuration(5)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(6)
    expect(await subject.auth.destroySession(cookieRequest(sessionId ?? ''))).to.equal(false)
  })

  for (const duration of [0, -1]) {
    it(`never expires a session when the duration is ${duration}`, async function () {
      await withDuration(duration)
      const sessionId = await subject.auth.createSession(bob.id)
      subject.clock.advance(TEN_YEARS)
      expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(bob.id)
    })
  }

  it('answers null for a session whose creation time is ahead of the clock (the clock went back)', async function () {
    await withDuration(60)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(-1)
    expect(await subject.auth.userIdForSessionId(sessionId)).to.equal(null)
  })

  it('forgets an expired session when it is looked up', async function () {
    await withDuration(60)
    const sessionId = await subject.auth.createSession(bob.id)
    subject.clock.advance(61)
    await subject.auth.userIdForSessionId(sessionId)
    expect(await subject.auth.sessionCount()).to.equal(0)
  })

  it('purges expired sessions on demand and answers how many went', async function () {
    await withDuration(60)
    await subject.auth.createSession(bob.id)
    await subject.auth.createSession(bob.id)
    subject.clock.advance(30)
    const young = await subject.auth.createSession(bob.id)
    subject.clock.advance(31)
    expect(await subject.auth.purgeExpiredSessions()).to.equal(2)
    expect(await subject.auth.sessionCount()).to.equal(1)
    expect(await subject.auth.userIdForSessionId(young)).to.equal(bob.id)
  })

  it('holds at most one duration of sessions in memory under 5000 logins one second apart', async function () {
    await withDuration(60)
    let largest = 0
    let last: string | null = null
    for (let i = 0; i < 5000; i += 1) {
      last = await subject.auth.createSession(bob.id)
      largest = Math.max(largest, await subject.auth.sessionCount())
      subject.clock.advance(1)
    }
    expect(largest).to.equal(61)
    expect(await subject.auth.userIdForSessionId(last)).to.equal(bob.id)
  })
})
