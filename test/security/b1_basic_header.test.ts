// Bad `Authorization: Basic` headers on GET /api/v1/users/me (AUTH_TYPE=basic_auth), part 1: the
// scheme, the base64 and the colon split (bytes, sizes and mixes are in b1_basic_header_bytes).
// Every case is one test; the universal invariants are checked after each test.
// The scheme is read as the exercise reads it: exactly "Basic " (capital B, one space).
import { expect } from 'chai'
import { BOB, BOB_BASIC } from '../support/app.js'
import { basicHeader as basic, meByAuthorization } from '../support/basic_header.js'
import type { SecureTestApp } from '../support/invariants.js'
import { useSecureApp } from '../support/secure_app_hooks.js'

describe('Authorization: Basic (basic_auth, GET /users/me)', function () {
  let t: SecureTestApp

  useSecureApp({ AUTH_TYPE: 'basic_auth' }, 'each', (app) => { t = app })
  const { expectForbidden, expectUser } = meByAuthorization(() => t)

  it('answers 403 {"error": "Forbidden"} for "Basic" with nothing after it', async function () {
    await expectForbidden('Basic')
  })

  it('answers 403 Forbidden for "Basic " followed by spaces or a tab only', async function () {
    await expectForbidden('Basic    ')
    await expectForbidden('Basic \t')
  })

  it('answers 403 Forbidden for a lower-case "basic" scheme, on every request alike', async function () {
    const lower = BOB_BASIC.replace('Basic', 'basic')
    await expectForbidden(lower)
    await expectForbidden(lower)
    await expectUser(BOB_BASIC, BOB.email)
  })

  it('answers 403 Forbidden without a space or with two spaces after "Basic"', async function () {
    await expectForbidden(BOB_BASIC.replace('Basic ', 'Basic'))
    await expectForbidden(BOB_BASIC.replace('Basic ', 'Basic  '))
  })

  it('answers 403 Forbidden for the Basic credentials under the Bearer scheme', async function () {
    await expectForbidden(BOB_BASIC.replace('Basic ', 'Bearer '))
  })

  it('answers 403 Forbidden for text that is not base64 (!!!!, %%%%, ====)', async function () {
    for (const junk of ['!!!!', '%%%%', '====']) await expectForbidden(`Basic ${junk}`)
  })

  it('answers 403 Forbidden for valid credentials in non-canonical base64 (space, tab, base64url, padding)', async function () {
    const password = 'pw>>>???'
    await t.createUser({ email: 'url@hbtn.io', password })
    const canonical = Buffer.from(`url@hbtn.io:${password}`).toString('base64')
    expect(canonical).to.match(/[+/]/)
    await expectUser(`Basic ${canonical}`, 'url@hbtn.io')
    await expectForbidden(`Basic ${canonical.slice(0, 8)} ${canonical.slice(8)}`)
    await expectForbidden(`Basic ${canonical.slice(0, 8)}\t${canonical.slice(8)}`)
    await expectForbidden(`Basic ${canonical.replaceAll('+', '-').replaceAll('/', '_')}`)
    await t.createUser({ email: 'bob100@hbtn.io', password: 'H0lberton:School:98!' })
    const padded = Buffer.from('bob100@hbtn.io:H0lberton:School:98!').toString('base64')
    expect(padded).to.match(/=$/)
    await expectUser(`Basic ${padded}`, 'bob100@hbtn.io')
    await expectForbidden(`Basic ${padded.replace(/=+$/, '')}`)
    await expectForbidden(`Basic ${padded}=`)
  })

  it('answers 403 Forbidden for credentials without a colon', async function () {
    await expectForbidden(basic('bob@hbtn.io'))
  })

  it('answers 403 Forbidden for an empty user or an empty password (":", ":pw", "bob@hbtn.io:")', async function () {
    for (const credentials of [':', `:${BOB.password}`, 'bob@hbtn.io:']) await expectForbidden(basic(credentials))
  })

  it('answers 200 for a password containing colons only when it is the stored one (first-colon split)', async function () {
    await t.createUser({ email: 'colon@hbtn.io', password: 'pa:ss:word' })
    await expectUser(basic('colon@hbtn.io:pa:ss:word'), 'colon@hbtn.io')
    await expectForbidden(basic('colon@hbtn.io:pa:ss'))
    await expectForbidden(basic('colon@hbtn.io:word'))
  })
})
