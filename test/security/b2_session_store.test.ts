// Session cookie cases that need expiring or stored sessions: an expired session in every mode of
// EXPIRING_SESSION_MODES, a tampered created_at in every mode of PERSISTENT_SESSION_MODES.
// In session_auth a session never expires and has no row, so neither case applies to it.
import { expect } from 'chai'
import { BOB } from '../support/app.js'
import { EXPIRING_SESSION_MODES, PERSISTENT_SESSION_MODES } from '../support/modes.js'
import { withSecureApp } from '../support/secure_app_hooks.js'

const ME = '/api/v1/users/me'
const FORBIDDEN = { error: 'Forbidden' }
const C = '_my_session_id'

for (const mode of EXPIRING_SESSION_MODES) {
  describe(`expired session (${mode})`, function () {
    it('answers 403 Forbidden once SESSION_DURATION has elapsed, however the cookie is replayed', async function () {
      await withSecureApp({ AUTH_TYPE: mode, SESSION_DURATION: '60' }, async (t) => {
        await t.createUser(BOB)
        const session = await t.login(BOB.email, BOB.password)
        t.clock.advance(59)
        await t.http.get(ME).set('Cookie', `${C}=${session}`).expect(200)
        t.clock.advance(2)
        await t.http.get(ME).set('Cookie', `${C}=${session}`).expect(403, FORBIDDEN)
        if (PERSISTENT_SESSION_MODES.includes(mode)) {
          expect(t.database.db.prepare('SELECT COUNT(*) FROM user_sessions').pluck().get()).to.equal(0)
        }
      })
    })
  })
}

for (const mode of PERSISTENT_SESSION_MODES) {
  describe(`tampered session row (${mode})`, function () {
    it('answers 403 Forbidden for a row whose created_at lies in the future, and removes it', async function () {
      await withSecureApp({ AUTH_TYPE: mode, SESSION_DURATION: '60' }, async (t) => {
        await t.createUser(BOB)
        const session = await t.login(BOB.email, BOB.password)
        const future = new Date(t.clock.now().getTime() + 3_600_000).toISOString()
        t.database.db.prepare('UPDATE user_sessions SET created_at = ?').run(future)
        await t.http.get(ME).set('Cookie', `${C}=${session}`).expect(403, FORBIDDEN)
        expect(t.database.db.prepare('SELECT COUNT(*) FROM user_sessions').pluck().get()).to.equal(0)
      })
    })
  })
}
