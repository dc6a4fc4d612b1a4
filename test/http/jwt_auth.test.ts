// AUTH_TYPE=jwt_auth through HTTP (docs/tokens.md): login, the access token on /users/me by Bearer
// header or cookie, refresh, logout, the cookies exactly, and every refusal.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB, buildApp, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser, UUID4 } from '../support/expected.js'
import { decode, derivedKey, JWT_ENV, JWT_LOGIN, JWT_LOGOUT, JWT_REFRESH, JWT_SECRET, kidOf, ME, tokenLogin } from '../support/jwt.js'
import { expectJsonError } from '../support/requests.js'

// The FakeClock's start, in seconds since the epoch.
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000
const COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

function setCookies(headers: Record<string, unknown>): string[] {
  return (headers['set-cookie'] ?? []) as string[]
}

function tokenCookies(access: string, refresh: string, refreshMaxAge = 43200): string[] {
  return [
    `_my_session_id=${access}; Max-Age=900; Path=/; HttpOnly; SameSite=Lax`,
    `refresh_token=${refresh}; Max-Age=${refreshMaxAge}; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict`,
  ]
}

describe('AUTH_TYPE=jwt_auth: login', function () {
  let test: TestApp
  let bob: User
  useAppWithBob(JWT_ENV, (app, user) => { test = app; bob = user })

  it('answers 200 {"access_token", "refresh_token", "token_type": "Bearer", "expires_in": 900} to a form login', async function () {
    const res = await test.http.post(JWT_LOGIN).type('form').send(BOB).expect(200)
    expect(Object.keys(res.body)).to.deep.equal(['access_token', 'refresh_token', 'token_type', 'expires_in'])
    expect(res.body.access_token).to.match(COMPACT)
    expect(res.body.refresh_token).to.match(COMPACT)
    expect(res.body).to.deep.include({ token_type: 'Bearer', expires_in: 900 })
  })

  it('accepts a JSON body as well', async function () {
    const res = await test.http.post(JWT_LOGIN).send(BOB).expect(200)
    expect(res.body.token_type).to.equal('Bearer')
  })

  it('issues an access JWT {"alg":"HS256","typ":"at+jwt","kid"} with iss, aud, sub, jti, iat and exp = iat + 900', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    const { header, payload } = decode(access)
    expect(header).to.deep.equal({ alg: 'HS256', typ: 'at+jwt', kid: kidOf(derivedKey(JWT_SECRET, 'access')) })
    expect(payload).to.deep.equal({ iss: 'koa-session-auth', aud: 'koa-session-auth', sub: bob.id, jti: payload.jti, iat: T0, exp: T0 + 900 })
    expect(payload.jti).to.match(UUID4)
  })

  it('issues a refresh JWT of typ refresh+jwt, signed with the refresh key, with exp = iat + 43200', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    const { header, payload } = decode(refresh)
    expect(header).to.deep.equal({ alg: 'HS256', typ: 'refresh+jwt', kid: kidOf(derivedKey(JWT_SECRET, 'refresh')) })
    expect(payload).to.deep.equal({ iss: 'koa-session-auth', aud: 'koa-session-auth', sub: bob.id, jti: payload.jti, iat: T0, exp: T0 + 43200 })
  })

  it('sets exactly the two cookies, with Max-Age, and Cache-Control: no-store', async function () {
    const res = await test.http.post(JWT_LOGIN).type('form').send(BOB).expect(200)
    expect(setCookies(res.headers)).to.deep.equal(tokenCookies(res.body.access_token, res.body.refresh_token))
    expect(res.headers['cache-control']).to.equal('no-store')
  })

  it('gives each login a new jti', async function () {
    const first = decode((await tokenLogin(test, BOB.email, BOB.password)).access).payload
    const second = decode((await tokenLogin(test, BOB.email, BOB.password)).access).payload
    expect(first.jti).not.to.equal(second.jti)
  })

  const refusals: readonly [string, Record<string, string>, number, string][] = [
    ['no email', { password: BOB.password }, 400, 'email missing'],
    ['an empty email', { email: '', password: BOB.password }, 400, 'email missing'],
    ['no password (and no email)', {}, 400, 'email missing'],
    ['no password', { email: BOB.email }, 400, 'password missing'],
    ['an unknown email', { email: 'nobody@hbtn.io', password: BOB.password }, 404, 'no user found for this email'],
    ['a wrong password', { email: BOB.email, password: 'wrong' }, 401, 'wrong password'],
  ]
  for (const [what, form, status, error] of refusals) {
    it(`answers ${status} {"error": "${error}"} for ${what}, and sets no cookie`, async function () {
      const res = await expectJsonError(test.http.post(JWT_LOGIN).type('form').send(form), status, error)
      expect(setCookies(res.headers)).to.deep.equal([])
    })
  }

  it('adds Secure to both cookies when COOKIE_SECURE=true', async function () {
    const secure = buildApp({ ...JWT_ENV, COOKIE_SECURE: 'true' })
    try {
      await secure.createUser(BOB)
      const res = await secure.http.post(JWT_LOGIN).type('form').send(BOB).expect(200)
      expect(setCookies(res.headers).map((header) => header.replace(/=[^;]*;/, '=T;'))).to.deep.equal([
        '_my_session_id=T; Max-Age=900; Path=/; HttpOnly; Secure; SameSite=Lax',
        'refresh_token=T; Max-Age=43200; Path=/api/v1/auth_jwt; HttpOnly; Secure; SameSite=Strict',
      ])
    } finally {
      secure.close()
    }
  })
})

describe('AUTH_TYPE=jwt_auth: the login limit', function () {
  let test: TestApp
  useAppWithBob({ ...JWT_ENV, LOGIN_MAX_ATTEMPTS_PER_EMAIL: '2', LOGIN_MAX_ATTEMPTS_PER_IP: '0' }, (app) => { test = app })

  it('answers 429 {"error": "Too many requests"} past the failures allowed, even with the right password', async function () {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expectJsonError(test.http.post(JWT_LOGIN).type('form').send({ email: BOB.email, password: 'wrong' }), 401, 'wrong password')
    }
    const res = await expectJsonError(test.http.post(JWT_LOGIN).type('form').send(BOB), 429, 'Too many requests')
    expect(setCookies(res.headers)).to.deep.equal([])
  })
})

describe('AUTH_TYPE=jwt_auth: the access token on /users/me', function () {
  let test: TestApp
  let bob: User
  useAppWithBob(JWT_ENV, (app, user) => { test = app; bob = user })

  it('answers 200 with the user for Authorization: Bearer <access token>', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.get(ME).set('Authorization', `Bearer ${access}`).expect(200, publicUser({ id: bob.id, email: BOB.email }))
  })

  it('answers 200 with the user for the access token in the session cookie', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.get(ME).set('Cookie', cookie('_my_session_id', access)).expect(200, publicUser({ id: bob.id, email: BOB.email }))
  })

  it('reads the Bearer scheme case-insensitively', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.get(ME).set('Authorization', `bearer ${access}`).expect(200)
  })

  it('answers 401 {"error": "Unauthorized"} with neither header nor cookie', async function () {
    await expectJsonError(test.http.get(ME), 401, 'Unauthorized')
  })

  it('uses the Bearer header when present: a bad one answers 403 even next to a valid cookie', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.get(ME).set('Authorization', 'Bearer junk').set('Cookie', cookie('_my_session_id', access)), 403, 'Forbidden')
  })

  it('ignores another Authorization scheme: Basic junk next to a valid cookie still authenticates', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.get(ME).set('Authorization', 'Basic junk').set('Cookie', cookie('_my_session_id', access)).expect(200)
  })

  it('answers 403 for another scheme alone (credentials that name nobody)', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.get(ME).set('Authorization', `Token ${access}`), 403, 'Forbidden')
  })

  it('answers 403 for the refresh token as Bearer or in the session cookie', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${refresh}`), 403, 'Forbidden')
    await expectJsonError(test.http.get(ME).set('Cookie', cookie('_my_session_id', refresh)), 403, 'Forbidden')
  })

  it('answers 200 until exp and 403 from exp on (no leeway by default)', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    test.clock.advance(899)
    await test.http.get(ME).set('Authorization', `Bearer ${access}`).expect(200)
    test.clock.advance(1)
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${access}`), 403, 'Forbidden')
  })

  it('answers 403 for a token whose user was deleted', async function () {
    const alice = await test.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
    const tokens = await tokenLogin(test, 'alice@hbtn.io', 'alice pwd')
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.delete(`/api/v1/users/${alice.id}`).set('Authorization', `Bearer ${access}`).expect(200, {})
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${tokens.access}`), 403, 'Forbidden')
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: tokens.refresh }), 403, 'Forbidden')
  })
})

describe('AUTH_TYPE=jwt_auth with JWT_LEEWAY=30', function () {
  let test: TestApp
  useAppWithBob({ ...JWT_ENV, JWT_LEEWAY: '30' }, (app) => { test = app })

  it('accepts an access token up to 30 s past exp, not at exp + 30', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    test.clock.advance(929)
    await test.http.get(ME).set('Authorization', `Bearer ${access}`).expect(200)
    test.clock.advance(1)
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${access}`), 403, 'Forbidden')
  })
})
