// DELETE /api/v1/users/me/sessions ends every session of the current user, in every mode that
// keeps sessions on the server; deleting a user ends that user's sessions wherever they are kept.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { basicHeader } from '../support/basic_header.js'
import { SESSION_MODES } from '../support/modes.js'
import { expectJsonError, meWithSession } from '../support/requests.js'

const ALICE = { email: 'alice@hbtn.io', password: 'Alice-pwd-42' } as const
const END_ALL = '/api/v1/users/me/sessions'

for (const mode of SESSION_MODES) {
  describe(`ending every session of a user (AUTH_TYPE=${mode})`, function () {
    let t: TestApp
    let bob: User
    let lines: string[]

    beforeEach(async function () {
      lines = []
      t = buildApp({ AUTH_TYPE: mode, SESSION_DURATION: '3600' }, { logSink: (line) => lines.push(line) })
      bob = await t.createUser(BOB)
      await t.createUser(ALICE)
    })
    afterEach(function () { t.close() })

    function endAll(sessionId: string) {
      return t.http.delete(END_ALL).set('Cookie', cookie(t.config.sessionName, sessionId))
    }

    // Why a session was refused, from the log: 'unknown' once it is gone from the store.
    function refusals(): string[] {
      return lines.map((line) => JSON.parse(line) as { event: string, reason?: string })
        .filter((entry) => entry.event === 'session.refused').map((entry) => entry.reason ?? '')
    }

    it('answers 200 {} and clears the cookie; every session of the user ends, another user\'s stays', async function () {
      const [first, second] = [await t.login(BOB.email, BOB.password), await t.login(BOB.email, BOB.password)]
      const alices = await t.login(ALICE.email, ALICE.password)
      const response = await endAll(first).expect(200, {})
      expect(response.headers['set-cookie']).to.deep.equal([`${t.config.sessionName}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`])
      await expectJsonError(meWithSession(t, first), 403, 'Forbidden')
      await expectJsonError(meWithSession(t, second), 403, 'Forbidden')
      await meWithSession(t, alices).expect(200)
      expect(refusals()).to.deep.equal(['unknown', 'unknown'])
      // The user can log in again at once.
      await meWithSession(t, await t.login(BOB.email, BOB.password)).expect(200, bob.toJSON())
    })

    it('answers 401 without a session and 403 with an ended one, as every protected route does', async function () {
      const sessionId = await t.login(BOB.email, BOB.password)
      await expectJsonError(t.http.delete(END_ALL), 401, 'Unauthorized')
      await endAll(sessionId).expect(200, {})
      await expectJsonError(endAll(sessionId), 403, 'Forbidden')
    })

    it('ends the sessions of a user deleted through DELETE /users/:id: they are gone, not only refused', async function () {
      const [bobs, alices] = [await t.login(BOB.email, BOB.password), await t.login(ALICE.email, ALICE.password)]
      await t.http.delete(`/api/v1/users/${bob.id}`).set('Cookie', cookie(t.config.sessionName, alices)).expect(200, {})
      await expectJsonError(meWithSession(t, bobs), 403, 'Forbidden')
      expect(refusals()).to.deep.equal(['unknown'])
    })

    it('leaves no login racing it alive: after the race and one more call, every session of the user is dead', async function () {
      const keeper = await t.login(BOB.email, BOB.password)
      const logins = Array.from({ length: 24 }, () => t.login(BOB.email, BOB.password))
      const ends = Array.from({ length: 4 }, () => t.http.delete(END_ALL).set('Cookie', cookie(t.config.sessionName, keeper)))
      const [sessions] = await Promise.all([Promise.all(logins), Promise.all(ends)])
      await endAll(await t.login(BOB.email, BOB.password)).expect(200, {})
      for (const sessionId of [keeper, ...sessions]) await expectJsonError(meWithSession(t, sessionId), 403, 'Forbidden')
    })
  })
}

describe('ending every session in jwt_redis_auth', function () {
  it('answers 200 {} and clears both token cookies, as logout does; every token of the user is refused', async function () {
    const t = buildApp({ AUTH_TYPE: 'jwt_redis_auth' })
    try {
      await t.createUser(BOB)
      const login = async () => (await t.http.post('/api/v1/auth_jwt/login').type('form').send(BOB).expect(200)).body as { access_token: string, refresh_token: string }
      const [first, second] = [await login(), await login()]
      const response = await t.http.delete(END_ALL).set('Authorization', `Bearer ${first.access_token}`).expect(200, {})
      expect(response.headers['set-cookie']).to.deep.equal([
        '_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
        'refresh_token=; Max-Age=0; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict',
      ])
      for (const { access_token: access, refresh_token: refresh } of [first, second]) {
        await expectJsonError(t.http.get('/api/v1/users/me').set('Authorization', `Bearer ${access}`), 403, 'Forbidden')
        await expectJsonError(t.http.post('/api/v1/auth_jwt/refresh').send({ refresh_token: refresh }), 403, 'Forbidden')
      }
    } finally {
      t.close()
    }
  })
})

describe('ending every session in a mode without server state', function () {
  it('answers 400 {"error": "sessions are not revocable in this mode"} in basic_auth', async function () {
    const t = buildApp({ AUTH_TYPE: 'basic_auth' })
    try {
      await t.createUser(BOB)
      await expectJsonError(t.http.delete(END_ALL).set('Authorization', basicHeader(`${BOB.email}:${BOB.password}`)), 400, 'sessions are not revocable in this mode')
    } finally {
      t.close()
    }
  })

  it('answers 404 {"error": "Not found"} without auth, as /users/me does', async function () {
    const t = buildApp({})
    try {
      await expectJsonError(t.http.delete(END_ALL), 404, 'Not found')
    } finally {
      t.close()
    }
  })
})
