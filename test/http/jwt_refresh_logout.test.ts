// AUTH_TYPE=jwt_auth through HTTP: refresh (cookie or JSON body), logout, what they refuse, the
// end of every session (not revocable here), the routes of the other modes, and the cross-site rule.
import { expect } from 'chai'
import type { User } from '../../models/user.js'
import { BOB, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { publicUser } from '../support/expected.js'
import { decode, JWT_ENV, JWT_LOGIN, JWT_LOGOUT, JWT_REFRESH, ME, tokenLogin } from '../support/jwt.js'
import { expectJsonError } from '../support/requests.js'

const EVIL = 'https://evil.example'

function setCookies(headers: Record<string, unknown>): string[] {
  return (headers['set-cookie'] ?? []) as string[]
}

describe('AUTH_TYPE=jwt_auth: POST /api/v1/auth_jwt/refresh', function () {
  let test: TestApp
  let bob: User
  useAppWithBob(JWT_ENV, (app, user) => { test = app; bob = user })

  it('answers 200 with a new access token and the same refresh token, from the refresh cookie', async function () {
    const { access, refresh } = await tokenLogin(test, BOB.email, BOB.password)
    const res = await test.http.post(JWT_REFRESH).set('Cookie', cookie('refresh_token', refresh)).expect(200)
    expect(res.body).to.deep.equal({ access_token: res.body.access_token, refresh_token: refresh, token_type: 'Bearer', expires_in: 900 })
    expect(res.body.access_token).not.to.equal(access)
    expect(decode(res.body.access_token).payload.sub).to.equal(bob.id)
    await test.http.get(ME).set('Authorization', `Bearer ${res.body.access_token}`).expect(200, publicUser({ id: bob.id, email: BOB.email }))
  })

  it('accepts the refresh token in a JSON body {"refresh_token"}', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    const res = await test.http.post(JWT_REFRESH).send({ refresh_token: refresh }).expect(200)
    expect(res.body.refresh_token).to.equal(refresh)
  })

  it('sets both cookies again, the refresh cookie with Max-Age = the seconds its token has left', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    test.clock.advance(100)
    const res = await test.http.post(JWT_REFRESH).send({ refresh_token: refresh }).expect(200)
    expect(setCookies(res.headers)).to.deep.equal([
      `_my_session_id=${res.body.access_token}; Max-Age=900; Path=/; HttpOnly; SameSite=Lax`,
      `refresh_token=${refresh}; Max-Age=43100; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict`,
    ])
    expect(res.headers['cache-control']).to.equal('no-store')
  })

  it('answers 401 {"error": "Unauthorized"} when no refresh token is sent (no cookie, no or an empty field)', async function () {
    await expectJsonError(test.http.post(JWT_REFRESH), 401, 'Unauthorized')
    await expectJsonError(test.http.post(JWT_REFRESH).send({}), 401, 'Unauthorized')
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: '' }), 401, 'Unauthorized')
  })

  it('answers 403 {"error": "Forbidden"} for an invalid refresh token, in the body or the cookie', async function () {
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: 'junk' }), 403, 'Forbidden')
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: 42 }), 403, 'Forbidden')
    await expectJsonError(test.http.post(JWT_REFRESH).set('Cookie', cookie('refresh_token', 'junk')), 403, 'Forbidden')
  })

  it('answers 403 for an access token presented as a refresh token, in the body or the cookie', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: access }), 403, 'Forbidden')
    const res = await expectJsonError(test.http.post(JWT_REFRESH).set('Cookie', cookie('refresh_token', access)), 403, 'Forbidden')
    expect(setCookies(res.headers)).to.deep.equal([])
  })

  it('answers 403 once the refresh token has expired (43200 s after login)', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    test.clock.advance(43199)
    await test.http.post(JWT_REFRESH).send({ refresh_token: refresh }).expect(200)
    test.clock.advance(1)
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: refresh }), 403, 'Forbidden')
  })

  it('answers 403 for two different refresh cookies', async function () {
    const first = await tokenLogin(test, BOB.email, BOB.password)
    test.clock.advance(1)
    const second = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.post(JWT_REFRESH).set('Cookie', `refresh_token=${first.refresh}; refresh_token=${second.refresh}`), 403, 'Forbidden')
  })
})

describe('AUTH_TYPE=jwt_auth: DELETE /api/v1/auth_jwt/logout', function () {
  let test: TestApp
  useAppWithBob(JWT_ENV, (app) => { test = app })

  it('answers 401 without an access token (logout is not excluded from the hook)', async function () {
    await expectJsonError(test.http.delete(JWT_LOGOUT), 401, 'Unauthorized')
  })

  it('answers 403 for the refresh token in place of the access token', async function () {
    const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.delete(JWT_LOGOUT).set('Authorization', `Bearer ${refresh}`), 403, 'Forbidden')
  })

  it('answers 200 {} and clears both cookies (Max-Age=0, same Path)', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    const res = await test.http.delete(JWT_LOGOUT).set('Cookie', cookie('_my_session_id', access)).expect(200, {})
    expect(setCookies(res.headers)).to.deep.equal([
      '_my_session_id=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
      'refresh_token=; Max-Age=0; Path=/api/v1/auth_jwt; HttpOnly; SameSite=Strict',
    ])
  })

  it('revokes nothing: a copied access token still answers 200 after logout, until it expires', async function () {
    const { access, refresh } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.delete(JWT_LOGOUT).set('Authorization', `Bearer ${access}`).expect(200, {})
    await test.http.get(ME).set('Authorization', `Bearer ${access}`).expect(200)
    await test.http.post(JWT_REFRESH).send({ refresh_token: refresh }).expect(200)
    test.clock.advance(900)
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${access}`), 403, 'Forbidden')
  })

  it('answers 405 to GET with a valid access token', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await expectJsonError(test.http.get(JWT_LOGOUT).set('Authorization', `Bearer ${access}`), 405, 'Method not allowed')
  })
})

describe('AUTH_TYPE=jwt_auth: the routes of the other modes', function () {
  let test: TestApp
  useAppWithBob(JWT_ENV, (app) => { test = app })

  it('answers 400 {"error": "sessions are not revocable in this mode"} to DELETE /users/me/sessions', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    const res = await expectJsonError(test.http.delete('/api/v1/users/me/sessions').set('Authorization', `Bearer ${access}`), 400, 'sessions are not revocable in this mode')
    expect(setCookies(res.headers)).to.deep.equal([])
    await test.http.get(ME).set('Authorization', `Bearer ${access}`).expect(200)
  })

  it('answers 400 {"error": "sessions are not enabled"} to a correct session login, with no cookie', async function () {
    const res = await expectJsonError(test.http.post('/api/v1/auth_session/login').type('form').send(BOB), 400, 'sessions are not enabled')
    expect(setCookies(res.headers)).to.deep.equal([])
  })
})

describe('AUTH_TYPE=session_auth: the token routes do not exist', function () {
  let test: TestApp
  useAppWithBob({ AUTH_TYPE: 'session_auth' }, (app) => { test = app })

  for (const path of [JWT_LOGIN, JWT_REFRESH]) {
    it(`answers 404 {"error": "Not found"} to POST ${path}`, async function () {
      await expectJsonError(test.http.post(path).type('form').send(BOB), 404, 'Not found')
    })
  }

  it('answers 401 to DELETE /auth_jwt/logout without a session, 404 with one', async function () {
    await expectJsonError(test.http.delete(JWT_LOGOUT), 401, 'Unauthorized')
    const sessionId = await test.login(BOB.email, BOB.password)
    await expectJsonError(test.http.delete(JWT_LOGOUT).set('Cookie', cookie('_my_session_id', sessionId)), 404, 'Not found')
  })
})

describe('AUTH_TYPE=jwt_auth: requests from another site', function () {
  let test: TestApp
  let bob: User
  useAppWithBob(JWT_ENV, (app, user) => { test = app; bob = user })

  for (const [header, value] of [['Origin', EVIL], ['Sec-Fetch-Site', 'cross-site']] as const) {
    it(`refuses a login with ${header}: ${value} (403, no cookie)`, async function () {
      const res = await expectJsonError(test.http.post(JWT_LOGIN).set(header, value).type('form').send(BOB), 403, 'Forbidden')
      expect(setCookies(res.headers)).to.deep.equal([])
    })

    it(`refuses a refresh with ${header}: ${value}, by cookie or by JSON body`, async function () {
      const { refresh } = await tokenLogin(test, BOB.email, BOB.password)
      await expectJsonError(test.http.post(JWT_REFRESH).set(header, value).set('Cookie', cookie('refresh_token', refresh)), 403, 'Forbidden')
      await expectJsonError(test.http.post(JWT_REFRESH).set(header, value).send({ refresh_token: refresh }), 403, 'Forbidden')
    })

    it(`refuses a cookie-borne DELETE /users/:id with ${header}: ${value}, and the user stays`, async function () {
      const { access } = await tokenLogin(test, BOB.email, BOB.password)
      await expectJsonError(test.http.delete(`/api/v1/users/${bob.id}`).set(header, value).set('Cookie', cookie('_my_session_id', access)), 403, 'Forbidden')
      expect(await test.users.get(bob.id)).not.to.equal(null)
    })
  }

  it('does not refuse a Bearer request from another origin (a page cannot read the token to send it)', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    await test.http.delete(JWT_LOGOUT).set('Origin', EVIL).set('Authorization', `Bearer ${access}`).set('Cookie', cookie('_my_session_id', access)).expect(200, {})
  })

  it('refuses a cookie-borne logout from another origin', async function () {
    const { access } = await tokenLogin(test, BOB.email, BOB.password)
    const res = await expectJsonError(test.http.delete(JWT_LOGOUT).set('Origin', EVIL).set('Cookie', cookie('_my_session_id', access)), 403, 'Forbidden')
    expect(setCookies(res.headers)).to.deep.equal([])
  })
})
