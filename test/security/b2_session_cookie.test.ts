// Bad session cookies on GET /api/v1/users/me and DELETE /auth_session/logout, in every session
// mode (test/support/modes.ts lists them). Invariants are checked after each test.
// Not applicable or covered elsewhere:
// - A flood of guesses (→ 429) is the rate limiter's case, tested with it.
// - Expired sessions and tampered stored ones need expiring or database-backed sessions: they are
//   in b2_session_store.test.ts (in session_auth a session never expires and has no row). The 403
//   for a session of a deleted user is tested here in every session mode, and its row removal for
//   database-backed modes.
// - File and Redis stores (path traversal into a store file, KEYS patterns) do not exist:
//   storage is SQLite with parameterised queries, and malformed ids never reach it.
import { expect } from 'chai'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { listen, rawRequest } from '../support/live_server.js'
import { PERSISTENT_SESSION_MODES, SESSION_MODES } from '../support/modes.js'
import { useSecureApp, withSecureApp } from '../support/secure_app_hooks.js'

const ME = '/api/v1/users/me'
const LOGOUT = '/api/v1/auth_session/logout'
const FORBIDDEN = { error: 'Forbidden' }
const UNAUTHORIZED = { error: 'Unauthorized' }
const C = '_my_session_id'

for (const mode of SESSION_MODES) {
  describe(`session cookie (${mode})`, function () {
    let t: SecureTestApp
    let session: string

    useSecureApp({ AUTH_TYPE: mode }, 'each', async (app) => {
      t = app
      session = await t.login(BOB.email, BOB.password)
    })

    async function expectMe(cookieHeader: string | string[], status: number, body: object): Promise<void> {
      // An array makes Node send one Cookie header line per value.
      const res = await t.http.get(ME).set('Cookie', cookieHeader as string[])
      expect(res.status, String(cookieHeader).slice(0, 80)).to.equal(status)
      if (status === 200) expect(res.body.email).to.equal(BOB.email)
      else expect(res.body).to.deep.equal(body)
      expect(res.headers['set-cookie']).to.equal(undefined)
    }

    function refusals(): Array<Record<string, unknown>> {
      return t.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.event === 'session.refused')
    }

    it('answers 403 Forbidden for a well-formed unknown uuid4 and sets no cookie reusing it', async function () {
      await expectMe(`${C}=${crypto.randomUUID()}`, 403, FORBIDDEN)
    })

    it('answers 403 Forbidden for non-uuid values, refused by format before any lookup', async function () {
      for (const value of ['abc', '../../.db_User.json', '*', 'sess:*', "' OR '1'='1", '{"$ne":null}']) {
        await expectMe(`${C}=${value}`, 403, FORBIDDEN)
      }
      expect(refusals().map((entry) => entry.reason)).to.deep.equal(Array(6).fill('malformed'))
    })

    it('answers 403 Forbidden for the valid id upper-cased, in braces or with a urn:uuid: prefix', async function () {
      for (const value of [session.toUpperCase(), `{${session}}`, `urn:uuid:${session}`]) await expectMe(`${C}=${value}`, 403, FORBIDDEN)
    })

    it('accepts the exact id, also quoted (RFC 6265 DQUOTE form) or before a ";"; a space or tab before the next pair or a lone quote is part of the value (403)', async function () {
      await expectMe(`${C}=${session};`, 200, {})
      await expectMe(`${C}=${session} `, 200, {})
      await expectMe(`${C}="${session}"`, 200, {})
      await expectMe(`${C}=${session}; ${C}="${session}"`, 200, {})
      await expectMe(`${C}=${session} ; other=1`, 403, FORBIDDEN)
      await expectMe(`${C}=${session}\t; other=1`, 403, FORBIDDEN)
      await expectMe(`${C}="${session}`, 403, FORBIDDEN)
      await expectMe(`${C}=""${session}""`, 403, FORBIDDEN)
    })

    it('answers 403 Forbidden for a percent-encoded id (cookies are not URL-decoded)', async function () {
      const encoded = [...session].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('')
      await expectMe(`${C}=${encoded}`, 403, FORBIDDEN)
      await expectMe(`${C}=%${session.charCodeAt(0).toString(16)}${session.slice(1)}`, 403, FORBIDDEN)
    })

    it('answers 403 for 4 KB and 8 KB values, 200 among 200 unrelated cookies, 431 past 16 KiB', async function () {
      await expectMe(`${C}=${'A'.repeat(4096)}`, 403, FORBIDDEN)
      await expectMe(`${C}=${'A'.repeat(8192)}`, 403, FORBIDDEN)
      const unrelated = Array.from({ length: 200 }, (_, index) => `c${index}=v${index}`).join('; ')
      await expectMe(`${unrelated}; ${C}=${session}`, 200, {})
      await expectMe(unrelated, 401, UNAUTHORIZED)
      const server = await listen(t.app)
      try {
        const res = await rawRequest(server.port, `GET ${ME} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${C}=${'A'.repeat(17_000)}\r\nConnection: close\r\n\r\n`)
        expect(res.status).to.equal(431)
      } finally {
        await server.close()
      }
    })

    it('duplicate session cookies are refused in either order, in one header or two, and logged', async function () {
      const bogus = crypto.randomUUID()
      await expectMe(`${C}=${session}; ${C}=${bogus}`, 403, FORBIDDEN)
      await expectMe(`${C}=${bogus}; ${C}=${session}`, 403, FORBIDDEN)
      await expectMe([`${C}=${session}`, `${C}=${bogus}`], 403, FORBIDDEN)
      await expectMe([`${C}=${bogus}`, `${C}=${session}`], 403, FORBIDDEN)
      expect(refusals().map((entry) => entry.reason)).to.deep.equal(Array(4).fill('ambiguous'))
      await expectMe(`${C}=${session}; ${C}=${session}`, 200, {})
    })

    it('answers 401 Unauthorized for the id under another cookie name (names are case-sensitive)', async function () {
      await expectMe(`_MY_SESSION_ID=${session}`, 401, UNAUTHORIZED)
      await expectMe(`_my_session_id_=${session}`, 401, UNAUTHORIZED)
    })

    it('with SESSION_NAME=__Host-sid answers 401 for __host-sid and 200 for __Host-sid', async function () {
      await withSecureApp({ AUTH_TYPE: mode, SESSION_NAME: '__Host-sid' }, async (host) => {
        await host.createUser(BOB)
        const id = await host.login(BOB.email, BOB.password)
        await host.http.get(ME).set('Cookie', `__host-sid=${id}`).expect(401, UNAUTHORIZED)
        await host.http.get(ME).set('Cookie', `__Host-sid=${id}`).expect(200)
      })
    })

    it('answers 401 Unauthorized for the id in the query string, a form body or X-Session-Id', async function () {
      await t.http.get(`${ME}?${C}=${session}`).expect(401, UNAUTHORIZED)
      await t.http.delete(LOGOUT).type('form').send({ [C]: session }).expect(401, UNAUTHORIZED)
      await t.http.get(ME).set('X-Session-Id', session).expect(401, UNAUTHORIZED)
      await expectMe(`${C}=${session}`, 200, {})
    })

    it('answers 403 Forbidden when a session is replayed after logout', async function () {
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).expect(200, {})
      await expectMe(`${C}=${session}`, 403, FORBIDDEN)
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).expect(403, FORBIDDEN)
    })

    it('answers 403 Forbidden when a session is replayed after its user was deleted', async function () {
      const me = await t.http.get(ME).set('Cookie', `${C}=${session}`)
      await t.http.delete(`/api/v1/users/${me.body.id}`).set('Cookie', `${C}=${session}`).expect(200, {})
      await expectMe(`${C}=${session}`, 403, FORBIDDEN)
    })

    it('answers 403 Forbidden, not a 500, for a session whose user no longer exists', async function () {
      const [bob] = await t.users.search({ email: BOB.email })
      await t.users.remove(bob?.id ?? '')
      await expectMe(`${C}=${session}`, 403, FORBIDDEN)
      // A database row goes with its user (ON DELETE CASCADE), so the id is simply unknown there.
      const persistent = PERSISTENT_SESSION_MODES.includes(mode)
      expect(refusals().map((entry) => entry.reason)).to.deep.equal([persistent ? 'unknown' : 'user not found'])
      if (persistent) expect(t.database.db.prepare('SELECT COUNT(*) FROM user_sessions').pluck().get()).to.equal(0)
    })
  })
}
