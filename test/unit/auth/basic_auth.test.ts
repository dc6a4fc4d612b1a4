// Unit tests of BasicAuth: its five methods, with strict Base64 (RFC 4648: canonical,
// no whitespace, no URL-safe alphabet), fatal UTF-8 and no control characters (RFC 7617).
import { expect } from 'chai'
import { BasicAuth } from '../../../api/v1/auth/basic_auth.js'
import type { User } from '../../../models/user.js'
import { BOB, BOB_BASIC, type TestApp } from '../../support/app.js'
import { useAppWithBob } from '../../support/app_hooks.js'
import { BOB100, authRequest, basic } from '../../support/credentials.js'

const b64 = (bytes: number[] | string): string => Buffer.from(bytes as string).toString('base64')

describe('BasicAuth', function () {
  let test: TestApp
  let auth: BasicAuth
  let bob: User
  useAppWithBob({ AUTH_TYPE: 'basic_auth' }, async (app, user) => {
    test = app
    auth = new BasicAuth({ sessionName: '_my_session_id' }, test.users)
    bob = user
    await test.createUser(BOB100)
  })

  describe('decodeBase64AuthorizationHeader', function () {
    const rejected: Array<[string, unknown]> = [
      ['a number', 42],
      ['text that is not Base64', 'Holberton School'],
      ['missing padding', 'SG9sYmVydG9uIFNjaG9vbA'],
      ['extra padding', 'SG9sYmVydG9u===='],
      ['a padding character inside', 'SG9s=mVydG9u'],
      ['non-zero pad bits (non-canonical)', 'SGl='],
      ['a line break', 'SG9sYmVy\ndG9u'],
      ['a leading space', ' SG9sYmVydG9u'],
      ['a trailing space', 'SG9sYmVydG9u '],
      ['URL-safe letters', b64([0xfb, 0xff, 0x3a, 0x61]).replaceAll('+', '-').replaceAll('/', '_')],
      ['invalid UTF-8 (0xff)', b64([0x61, 0xff, 0x3a, 0x62])],
      ['an overlong UTF-8 encoding', b64([0xc0, 0xba, 0x61])],
      ['a UTF-8 encoded surrogate', b64([0x61, 0xed, 0xa0, 0x80, 0x3a, 0x62])],
      ['a truncated UTF-8 sequence', b64([0x61, 0x3a, 0xc3])],
      ['a NUL character', b64('bob@hbtn.io\u0000:pwd')],
      ['a line feed', b64('bob@hbtn.io:pwd\n')],
      ['a tab', b64('bob@hbtn.io:p\twd')],
      ['a DEL character', b64('bob@hbtn.io:pwd\u007f')],
    ]
    for (const [label, encoded] of rejected) {
      it(`answers null for ${label}`, function () {
        expect(auth.decodeBase64AuthorizationHeader(encoded)).to.equal(null)
      })
    }

    it('answers "" for an empty string, the Base64 of nothing', function () {
      expect(auth.decodeBase64AuthorizationHeader('')).to.equal('')
    })

    it('answers multi-byte UTF-8 text as it was encoded', function () {
      expect(auth.decodeBase64AuthorizationHeader(b64('zoë@hbtn.io:日本語 🔑'))).to.equal('zoë@hbtn.io:日本語 🔑')
    })

    it('keeps a leading byte-order mark instead of silently dropping it', function () {
      expect(auth.decodeBase64AuthorizationHeader(b64('\ufeffbob@hbtn.io:x'))).to.equal('\ufeffbob@hbtn.io:x')
    })
  })

  describe('extractUserCredentials', function () {
    it('splits at the first ":" only, keeping an empty email or password', function () {
      expect(auth.extractUserCredentials('a:b:c')).to.deep.equal({ email: 'a', password: 'b:c' })
      expect(auth.extractUserCredentials(':pwd')).to.deep.equal({ email: '', password: 'pwd' })
      expect(auth.extractUserCredentials('a:')).to.deep.equal({ email: 'a', password: '' })
    })
  })

  describe('userObjectFromCredentials', function () {
    it('answers null for an empty email or an empty password', async function () {
      expect(await auth.userObjectFromCredentials('', BOB.password)).to.equal(null)
      expect(await auth.userObjectFromCredentials(BOB.email, '')).to.equal(null)
    })

    it('answers the user for its exact email and password', async function () {
      expect((await auth.userObjectFromCredentials(BOB.email, BOB.password))?.id).to.equal(bob.id)
    })
  })

  describe('currentUser', function () {
    it('answers the user for the exercise\'s headers of bob and bob100', async function () {
      expect((await auth.currentUser(authRequest({ Authorization: BOB_BASIC })))?.email).to.equal(BOB.email)
      expect((await auth.currentUser(authRequest({ Authorization: basic(BOB100.email, BOB100.password) })))?.email).to.equal(BOB100.email)
    })

    const nulls: Array<[string, string]> = [
      ['a lowercase scheme', BOB_BASIC.replace('Basic', 'basic')],
      ['two spaces after Basic', BOB_BASIC.replace('Basic ', 'Basic  ')],
      ['a Bearer scheme', BOB_BASIC.replace('Basic', 'Bearer')],
      ['no colon', `Basic ${b64('bob@hbtn.io')}`],
      ['a password with a trailing space', basic(BOB.email, `${BOB.password} `)],
    ]
    for (const [label, header] of nulls) {
      it(`answers null for ${label}`, async function () {
        expect(await auth.currentUser(authRequest({ Authorization: header }))).to.equal(null)
      })
    }
  })

  describe('verified credentials remembered in the cache', function () {
    // Each case has its own BasicAuth (an empty credential cache) and its own user to change.
    let fresh: BasicAuth
    let carol: User
    let count = 0
    const password = 'carol pwd'
    const request = () => authRequest({ Authorization: basic(carol.email ?? '', password) })

    beforeEach(async function () {
      fresh = new BasicAuth({ sessionName: '_my_session_id' }, test.users)
      count += 1
      carol = await test.createUser({ email: `carol${count}@hbtn.io`, password })
    })

    it('never remembers a wrong password, even after it was tried', async function () {
      const wrong = authRequest({ Authorization: basic(carol.email ?? '', 'wrong pwd') })
      expect(await fresh.currentUser(wrong)).to.equal(null)
      expect(await fresh.currentUser(wrong)).to.equal(null)
    })

    it('stops answering the user once the password changes, and once the user is deleted', async function () {
      expect((await fresh.currentUser(request()))?.id).to.equal(carol.id)
      const changed = (await test.users.get(carol.id)) ?? expect.fail('carol is missing')
      changed.passwordHash = await test.users.passwords.hash('new pwd')
      await test.users.save(changed)
      expect(await fresh.currentUser(request())).to.equal(null)
      const renewed = authRequest({ Authorization: basic(carol.email ?? '', 'new pwd') })
      expect((await fresh.currentUser(renewed))?.id).to.equal(carol.id)
      expect((await fresh.currentUser(renewed))?.id).to.equal(carol.id)
      await test.users.remove(carol.id)
      expect(await fresh.currentUser(renewed)).to.equal(null)
    })
  })
})
