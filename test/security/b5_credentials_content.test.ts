// SECURITY.md B.5: email and password content, through POST /api/v1/users and the login route,
// in every session mode. Choices where the catalogue leaves room:
// - E2: emails are compared in Unicode NFC (create and lookup), so look-alike duplicates are refused.
// - E4/E5: login keeps the exercise's 404 "no user found for this email" for an email that no user
//   can have (over 254 bytes, or with control characters); creation refuses them with 400.
// - E8: passwords are stored and compared byte-exact, control characters included; Basic auth
//   alone refuses control characters (RFC 7617 §2, see B.1 A12).
// - Emails are never written to the logs, so a CR/LF in one cannot forge a log line (E5).
import { expect } from 'chai'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { SESSION_MODES } from '../support/modes.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const USERS = '/api/v1/users'
const C = '_my_session_id'
const NO_USER = { error: 'no user found for this email' }

for (const mode of SESSION_MODES) {
  describe(`SECURITY.md B.5 email and password content (${mode})`, function () {
    let t: SecureTestApp
    let session: string

    useSecureApp({ AUTH_TYPE: mode }, 'all', async (app) => {
      t = app
      session = await t.login(BOB.email, BOB.password)
    })

    async function login(email: string, password: string): Promise<{ status: number, body: unknown }> {
      const res = await t.http.post(LOGIN).type('form').send({ email, password })
      return { status: res.status, body: res.body }
    }

    async function create(email: string, password: string): Promise<{ status: number, body: Record<string, unknown> }> {
      t.secrets.add(password)
      const res = await t.http.post(USERS).set('Cookie', `${C}=${session}`).send({ email, password })
      return { status: res.status, body: res.body as Record<string, unknown> }
    }

    it('E1 answers 404 no user found for SQL strings as email, and the users table is intact', async function () {
      for (const email of ["' OR 1=1 --", "admin'--", '"; DROP TABLE users;--']) {
        expect(await login(email, 'x'), email).to.deep.equal({ status: 404, body: NO_USER })
      }
      expect(await t.users.count()).to.equal(1)
    })

    it('E2 treats NFC and NFD spellings of an email as one account (400 already exists, same login)', async function () {
      const nfc = 'bob@ex\u00e4mple.com'
      const nfd = 'bob@exa\u0308mple.com'
      expect((await create(nfc, 'umlaut-password')).status).to.equal(201)
      expect(await create(nfd, 'other-password')).to.deep.equal({ status: 400, body: { error: "Can't create User: email already exists" } })
      const res = await login(nfd, 'umlaut-password')
      expect(res.status).to.equal(200)
      expect((res.body as { email: string }).email).to.equal(nfc)
    })

    it('E3 keeps a homoglyph email (Cyrillic о) a distinct account that does not match bob', async function () {
      const homoglyph = 'b\u043eb@hbtn.io'
      expect(await login(homoglyph, BOB.password)).to.deep.equal({ status: 404, body: NO_USER })
      const created = await create(homoglyph, 'cyrillic-password')
      expect([created.status, created.body.email]).to.deep.equal([201, homoglyph])
      expect(await login(homoglyph, BOB.password)).to.deep.equal({ status: 401, body: { error: 'wrong password' } })
    })

    it('E4 refuses emails over 254 bytes at creation (400), answers 404 at login, 413 for 1 MB', async function () {
      const long = `${'a'.repeat(247)}@hbtn.io`
      expect(Buffer.byteLength(long)).to.equal(255)
      expect(await create(long, 'long-password')).to.deep.equal({ status: 400, body: { error: "Can't create User: invalid email" } })
      expect(await login(long, 'x')).to.deep.equal({ status: 404, body: NO_USER })
      expect(await login('a'.repeat(10_000), 'x')).to.deep.equal({ status: 404, body: NO_USER })
      expect(await login('a'.repeat(1024 * 1024), 'x')).to.deep.equal({ status: 413, body: { error: 'Payload too large' } })
    })

    it('E5 refuses CR, LF and NUL in an email at creation, answers 404 at login, and no log line is forged', async function () {
      for (const email of ['bob@hbtn.io\r\nX: y', 'a\r\nFAKE LOG LINE@x.io', 'bob\u0000@hbtn.io']) {
        expect(await create(email, 'ctl-password'), JSON.stringify(email)).to.deep.equal({ status: 400, body: { error: "Can't create User: invalid email" } })
        expect(await login(email, 'x')).to.deep.equal({ status: 404, body: NO_USER })
      }
      expect(t.logs.filter((line) => line.startsWith('FAKE') || line.startsWith('X: y'))).to.deep.equal([])
    })

    it('E6 accepts a password of exactly 72 ASCII bytes at creation and login', async function () {
      const password = 'p'.repeat(72)
      expect((await create('p72@hbtn.io', password)).status).to.equal(201)
      expect((await login('p72@hbtn.io', password)).status).to.equal(200)
    })

    it('E7 refuses 73-byte and 64-emoji passwords at creation (400) and never matches them at login (401)', async function () {
      const tooLong = { status: 400, body: { error: "Can't create User: password longer than 72 bytes" } }
      expect(await create('p73@hbtn.io', 'p'.repeat(73))).to.deep.equal(tooLong)
      expect(await create('emoji@hbtn.io', '\u{1F600}'.repeat(64))).to.deep.equal(tooLong)
      expect((await create('p72b@hbtn.io', 'p'.repeat(72))).status).to.equal(201)
      expect(await login('p72b@hbtn.io', 'p'.repeat(73))).to.deep.equal({ status: 401, body: { error: 'wrong password' } })
    })

    it('E8 stores and verifies byte-exact passwords with U+202E, U+0000, only emoji or only spaces', async function () {
      const passwords = ['pass\u202Eword', 'pass\u0000word', '\u{1F600}'.repeat(16), '        ']
      for (const [index, password] of passwords.entries()) {
        const email = `e8-${index}@hbtn.io`
        expect((await create(email, password)).status, JSON.stringify(password)).to.equal(201)
        expect((await login(email, password)).status).to.equal(200)
        expect(await login(email, password.slice(0, -1))).to.deep.equal({ status: 401, body: { error: 'wrong password' } })
      }
    })
  })
}
