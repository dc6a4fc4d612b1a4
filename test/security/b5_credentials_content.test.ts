// Email and password content, through POST /api/v1/users and the login route, in every session
// mode. Choices made here:
// - Emails are compared in Unicode NFC (create and lookup), so look-alike duplicates are refused.
// - Login keeps the exercise's 404 "no user found for this email" for an email that no user
//   can have (over 254 bytes, or with control characters); creation refuses them with 400.
// - Passwords are stored and compared byte-exact, control characters included; Basic auth
//   alone refuses control characters (RFC 7617 §2, see b1_basic_header_bytes).
// - Emails are never written to the logs, so a CR/LF in one cannot forge a log line.
import { expect } from 'chai'
import type { Test } from 'supertest'
import { BOB } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { SESSION_MODES } from '../support/modes.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const USERS = '/api/v1/users'
const C = '_my_session_id'
const NO_USER = { error: 'no user found for this email' }

for (const mode of SESSION_MODES) {
  describe(`email and password content (${mode})`, function () {
    let t: SecureTestApp
    let session: string

    useSecureApp({ AUTH_TYPE: mode }, 'all', async (app) => {
      t = app
      session = await t.login(BOB.email, BOB.password)
    })

    function login(email: string, password: string): Test {
      return t.http.post(LOGIN).type('form').send({ email, password })
    }

    function create(email: string, password: string): Test {
      t.secrets.add(password)
      return t.http.post(USERS).set('Cookie', `${C}=${session}`).send({ email, password })
    }

    it('answers 404 no user found for SQL strings as email, and the users table is intact', async function () {
      for (const email of ["' OR 1=1 --", "admin'--", '"; DROP TABLE users;--']) {
        const res = await login(email, 'x')
        expect([res.status, res.body], email).to.deep.equal([404, NO_USER])
      }
      expect(await t.users.count()).to.equal(1)
    })

    it('treats NFC and NFD spellings of an email as one account (400 already exists, same login)', async function () {
      const nfc = 'bob@ex\u00e4mple.com'
      const nfd = 'bob@exa\u0308mple.com'
      await create(nfc, 'umlaut-password').expect(201)
      await create(nfd, 'other-password').expect(400, { error: "Can't create User: email already exists" })
      const res = await login(nfd, 'umlaut-password').expect(200)
      expect((res.body as { email: string }).email).to.equal(nfc)
    })

    it('keeps a homoglyph email (Cyrillic о) a distinct account that does not match bob', async function () {
      const homoglyph = 'b\u043eb@hbtn.io'
      await login(homoglyph, BOB.password).expect(404, NO_USER)
      const created = await create(homoglyph, 'cyrillic-password')
      expect([created.status, created.body.email]).to.deep.equal([201, homoglyph])
      await login(homoglyph, BOB.password).expect(401, { error: 'wrong password' })
    })

    it('refuses emails over 254 bytes at creation (400), answers 404 at login, 413 for 1 MB', async function () {
      const long = `${'a'.repeat(247)}@hbtn.io`
      expect(Buffer.byteLength(long)).to.equal(255)
      await create(long, 'long-password').expect(400, { error: "Can't create User: invalid email" })
      await login(long, 'x').expect(404, NO_USER)
      await login('a'.repeat(10_000), 'x').expect(404, NO_USER)
      await login('a'.repeat(1024 * 1024), 'x').expect(413, { error: 'Payload too large' })
    })

    it('refuses CR, LF and NUL in an email at creation, answers 404 at login, and no log line is forged', async function () {
      for (const email of ['bob@hbtn.io\r\nX: y', 'a\r\nFAKE LOG LINE@x.io', 'bob\u0000@hbtn.io']) {
        const created = await create(email, 'ctl-password')
        expect([created.status, created.body], JSON.stringify(email)).to.deep.equal([400, { error: "Can't create User: invalid email" }])
        await login(email, 'x').expect(404, NO_USER)
      }
      expect(t.logs.filter((line) => line.startsWith('FAKE') || line.startsWith('X: y'))).to.deep.equal([])
    })

    it('accepts a password of exactly 72 ASCII bytes at creation and login', async function () {
      const password = 'p'.repeat(72)
      await create('p72@hbtn.io', password).expect(201)
      await login('p72@hbtn.io', password).expect(200)
    })

    it('refuses 73-byte and 64-emoji passwords at creation (400) and never matches them at login (401)', async function () {
      const tooLong = { error: "Can't create User: password longer than 72 bytes" }
      await create('p73@hbtn.io', 'p'.repeat(73)).expect(400, tooLong)
      await create('emoji@hbtn.io', '\u{1F600}'.repeat(64)).expect(400, tooLong)
      await create('p72b@hbtn.io', 'p'.repeat(72)).expect(201)
      await login('p72b@hbtn.io', 'p'.repeat(73)).expect(401, { error: 'wrong password' })
    })

    it('stores and verifies byte-exact passwords with U+202E, U+0000, only emoji or only spaces', async function () {
      const passwords = ['pass\u202Eword', 'pass\u0000word', '\u{1F600}'.repeat(16), '        ']
      for (const [index, password] of passwords.entries()) {
        const email = `e8-${index}@hbtn.io`
        expect((await create(email, password)).status, JSON.stringify(password)).to.equal(201)
        await login(email, password).expect(200)
        await login(email, password.slice(0, -1)).expect(401, { error: 'wrong password' })
      }
    })
  })
}
