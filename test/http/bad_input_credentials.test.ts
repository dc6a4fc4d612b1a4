// Malformed Basic headers and odd session cookies: each is 403 {"error": "Forbidden"}
// (or 401 when it counts as absent), never a 5xx, and the protected action does not happen.
import { expect } from 'chai'
import { BOB, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { BOB100, basic } from '../support/credentials.js'
import { userCount, usersTable } from '../support/expected.js'

const b64 = (text: string | number[]): string => Buffer.from(text as string).toString('base64')
const bobPair = `${BOB.email}:${BOB.password}`
// bob100's Base64 ends in one "=", so its padding and pad bits can be spoiled.
const BOB100_B64 = 'Ym9iMTAwQGhidG4uaW86SDBsYmVydG9uOlNjaG9vbDo5OCE='

describe('malformed Basic headers with AUTH_TYPE=basic_auth', function () {
  let test: TestApp
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, async (app) => {
    test = app
    await test.createUser(BOB100)
  })

  const headers: Array<[string, string]> = [
    ['the scheme alone', 'Basic'],
    ['the scheme and a space', 'Basic '],
    ['a lowercase scheme', `basic ${b64(bobPair)}`],
    ['two spaces after the scheme', `Basic  ${b64(bobPair)}`],
    ['another scheme', `Bearer ${b64(bobPair)}`],
    ['text after the Base64', `Basic ${b64(bobPair)} extra`],
    ['invalid Base64', 'Basic !!!notbase64!!!'],
    ['Base64 without its padding', `Basic ${BOB100_B64.slice(0, -1)}`],
    ['Base64 with extra padding', `Basic ${BOB100_B64}=`],
    ['URL-safe Base64', `Basic ${b64([0xfb, 0xff, 0x3a]).replaceAll('+', '-').replaceAll('/', '_')}`],
    ['whitespace inside the Base64', `Basic ${b64(bobPair).slice(0, 8)} ${b64(bobPair).slice(8)}`],
    ['Base64 with non-zero pad bits', `Basic ${BOB100_B64.slice(0, -2)}F=`],
    ['invalid UTF-8 in the credentials', `Basic ${b64([0x62, 0xff, 0x40, 0x3a, 0x70])}`],
    ['a NUL in the email', `Basic ${b64(`${BOB.email}\u0000:${BOB.password}`)}`],
    ['a NUL at the end of the password', `Basic ${b64(`${bobPair}\u0000`)}`],
    ['no colon', `Basic ${b64(BOB.email)}`],
    ['an empty email and password', `Basic ${b64(':')}`],
    ['8 KB of Base64', `Basic ${'QUFB'.repeat(2048)}`],
  ]
  for (const [label, header] of headers) {
    it(`answers 403 {"error": "Forbidden"} for ${label}, and creates no user`, async function () {
      const before = usersTable(test)
      await test.http.post('/api/v1/users').set('Authorization', header).send({ email: 'new@hbtn.io', password: 'x' })
        .expect(403, { error: 'Forbidden' })
      expect(usersTable(test)).to.deep.equal(before)
    })
  }

  it('accepts the same credentials when the header is well formed: 201 (the cases above fail for their form only)', async function () {
    expect(basic(BOB100.email, BOB100.password)).to.equal(`Basic ${BOB100_B64}`)
    for (const header of [basic(BOB.email, BOB.password), `Basic ${BOB100_B64}`]) {
      await test.http.get('/api/v1/stats').set('Authorization', header).expect(200, { users: 2 })
    }
  })
})

describe('odd session cookies with AUTH_TYPE=session_auth', function () {
  let test: TestApp
  let bobId: string
  let sessionId: string
  useAppWithBob({ AUTH_TYPE: 'session_auth' }, async (app, user) => {
    test = app
    bobId = user.id
    sessionId = await test.login(BOB.email, BOB.password)
  })

  const values: Array<[string, () => string]> = [
    ['a value that is not a uuid', () => 'not-a-session'],
    ['the valid session id in upper case', () => sessionId.toUpperCase()],
    ['a quoted value that is not a uuid', () => '"not-a-session"'],
    ['the valid session id with a stray quote', () => `"${sessionId}`],
    ['the valid session id percent-encoded', () => sessionId.replaceAll('-', '%2D')],
    ['the valid session id followed by a space and text', () => `${sessionId} x`],
    ['the valid session id without dashes', () => sessionId.replaceAll('-', '')],
    ['a 5 KB value', () => 'a'.repeat(5 * 1024)],
    ['an SQL-ish value', () => "' OR '1'='1' --"],
    ['a uuid version 1', () => 'a7a7a7a7-0000-1000-8000-000000000000'],
  ]
  for (const [label, value] of values) {
    it(`answers 403 {"error": "Forbidden"} for ${label}, and deletes nobody, setting no cookie`, async function () {
      const res = await test.http.delete(`/api/v1/users/${bobId}`).set('Cookie', cookie('_my_session_id', value()))
        .expect(403, { error: 'Forbidden' })
      expect(res.headers['set-cookie']).to.equal(undefined)
      expect(userCount(test)).to.equal(1)
    })
  }

  it('answers 403 {"error": "Forbidden"} when a junk cookie of the same name comes first, and deletes nobody', async function () {
    await test.http.delete(`/api/v1/users/${bobId}`).set('Cookie', `_my_session_id=junk; _my_session_id=${sessionId}`)
      .expect(403, { error: 'Forbidden' })
    expect(userCount(test)).to.equal(1)
  })

  it('answers 401 {"error": "Unauthorized"} for a Cookie header without the session cookie', async function () {
    await test.http.delete(`/api/v1/users/${bobId}`).set('Cookie', 'theme=dark; ===; ;').expect(401, { error: 'Unauthorized' })
    expect(userCount(test)).to.equal(1)
  })

  it('still accepts the session id itself (the cases above fail for their form only)', async function () {
    await test.http.get('/api/v1/users/me').set('Cookie', cookie('_my_session_id', sessionId)).expect(200)
  })

  it('reads a session id sent in double quotes as the id itself (RFC 6265 §4.1.1 DQUOTE form, as Flask does)', async function () {
    await test.http.get('/api/v1/stats').set('Cookie', cookie('_my_session_id', `"${sessionId}"`)).expect(200, { users: 1 })
  })
})
