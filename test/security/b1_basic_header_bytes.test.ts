// Bad `Authorization: Basic` headers on GET /api/v1/users/me (AUTH_TYPE=basic_auth), part 2:
// bytes and encodings, sizes, duplicates, a deleted user, Basic with a cookie.
// Every case is one test; the universal invariants are checked after each test.
import { expect } from 'chai'
import { BOB, BOB_BASIC } from '../support/app.js'
import { basicHeader as basic, meByAuthorization } from '../support/basic_header.js'
import { secureApp, type SecureTestApp } from '../support/invariants.js'
import { listen, rawRequest } from '../support/live_server.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

const ME = '/api/v1/users/me'

describe('Authorization: Basic, bytes, sizes and mixes (basic_auth, GET /users/me)', function () {
  let t: SecureTestApp

  useSecureApp({ AUTH_TYPE: 'basic_auth' }, 'each', (app) => { t = app })
  const { expectForbidden, expectUser } = meByAuthorization(() => t)

  it('answers 403 Forbidden for invalid UTF-8 and overlong encodings, never a U+FFFD match', async function () {
    await t.createUser({ email: 'fffd@hbtn.io', password: 'pw\uFFFD(' })
    await expectForbidden(basic(Buffer.concat([Buffer.from('fffd@hbtn.io:pw'), Buffer.from([0xc3, 0x28])])))
    await expectForbidden(basic(Buffer.concat([Buffer.from('bob@hbtn.io:'), Buffer.from([0xc0, 0xaf])])))
  })

  it('answers 403 Forbidden for credentials with NUL or other control characters', async function () {
    await t.createUser({ email: 'ctl@hbtn.io', password: 'secret\u007f' })
    await expectForbidden(basic(`bob\u0000@hbtn.io:${BOB.password}`))
    await expectForbidden(basic('ctl@hbtn.io:secret\u007f'))
    await expectForbidden(basic(`bob@hbtn.io:${BOB.password}\u0001`))
  })

  it('answers 403 Forbidden for raw obs-text bytes (0x80-0xFF) in the header value', async function () {
    await expectForbidden('Basic \u00e9\u00e9\u00e9\u00e9')
    await expectForbidden(`${BOB_BASIC}\u00ff`)
  })

  it('answers 403 Forbidden for a Latin-1 encoded password; only UTF-8 matches', async function () {
    await t.createUser({ email: 'latin@hbtn.io', password: 'passé!' })
    await expectForbidden(`Basic ${Buffer.from('latin@hbtn.io:passé!', 'latin1').toString('base64')}`)
    await expectUser(basic('latin@hbtn.io:passé!'), 'latin@hbtn.io')
  })

  it('answers 431 from Node for a 20 KB Authorization header, and keeps serving', async function () {
    const server = await listen(t.app)
    try {
      const res = await rawRequest(server.port, `GET ${ME} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic ${'A'.repeat(20_000)}\r\nConnection: close\r\n\r\n`)
      expect(res.status).to.equal(431)
      const after = await rawRequest(server.port, 'GET /api/v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')
      expect(after.status).to.equal(200)
      expect(JSON.parse(after.body)).to.deep.equal({ status: 'OK' })
    } finally {
      await server.close()
    }
  })

  it('answers 400 {"error": "Duplicate Authorization header"} for two Authorization headers, in either order', async function () {
    for (const pair of [[BOB_BASIC, basic('eve@x.io:pw')], [basic('eve@x.io:pw'), BOB_BASIC]]) {
      // An array makes Node send one header line per value.
      await t.http.get(ME).set('Authorization', pair as unknown as string).expect(400, { error: 'Duplicate Authorization header' })
    }
  })

  it('answers for the Basic user only when a session cookie is also sent (AUTH_TYPE wins)', async function () {
    const res = await t.http.get(ME).set('Authorization', BOB_BASIC).set('Cookie', `_my_session_id=${crypto.randomUUID()}`).expect(200)
    expect(res.body.email).to.equal(BOB.email)
  })

  it('answers 403 Forbidden for the valid Basic credentials of a deleted user', async function () {
    const [bob] = await t.users.search({ email: BOB.email })
    await t.users.remove(bob?.id ?? '')
    await expectForbidden(BOB_BASIC)
  })

  it('answers 403 Forbidden for the stored 72-byte password followed by one more byte', async function () {
    await t.createUser({ email: 'long@hbtn.io', password: 'a'.repeat(72) })
    await expectUser(basic(`long@hbtn.io:${'a'.repeat(72)}`), 'long@hbtn.io')
    await expectForbidden(basic(`long@hbtn.io:${'a'.repeat(72)}X`))
  })

  it('answers 431 for a 1 MB password in the Basic credentials (no bcrypt run), 403 for 10 KB', async function () {
    const server = await listen(t.app)
    try {
      const huge = basic(`bob@hbtn.io:${'p'.repeat(1024 * 1024)}`)
      const res = await rawRequest(server.port, `GET ${ME} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${huge}\r\nConnection: close\r\n\r\n`)
      expect(res.status).to.equal(431)
    } finally {
      await server.close()
    }
    await expectForbidden(basic(`bob@hbtn.io:${'p'.repeat(10_000)}`))
  })
})

describe('Authorization: Basic in session_auth: Basic for one user and a session cookie for another', function () {
  let t: SecureTestApp

  beforeEach(function () {
    t = secureApp({ AUTH_TYPE: 'session_auth' })
  })

  afterEach(async function () {
    await t.checkInvariants()
    t.close()
  })

  it('answers for the cookie\'s user only: the configured AUTH_TYPE wins, nothing is merged', async function () {
    await t.createUser(BOB)
    await t.createUser({ email: 'alice@hbtn.io', password: 'alice-password' })
    const alice = await t.login('alice@hbtn.io', 'alice-password')
    const res = await t.http.get(ME).set('Authorization', BOB_BASIC).set('Cookie', `_my_session_id=${alice}`).expect(200)
    expect(res.body.email).to.equal('alice@hbtn.io')
  })
})
