// Rotating JWT_SECRET: tokens signed with a secret listed in JWT_OLD_SECRETS still verify (no one
// is logged out), new tokens are signed with JWT_SECRET, and a secret that is listed nowhere is refused.
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import type { User } from '../../models/user.js'
import { type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { decode, derivedKey, forge, JWT_ENV, JWT_REFRESH, JWT_SECRET, kidOf, ME, OTHER_SECRET } from '../support/jwt.js'
import { expectJsonError } from '../support/requests.js'

const NOW = Date.parse('2026-01-01T00:00:00Z') / 1000

// A token as a server running with JWT_SECRET=secret issued it.
function issuedWith(secret: string, purpose: 'access' | 'refresh', userId: string): string {
  const key = derivedKey(secret, purpose)
  const typ = purpose === 'access' ? 'at+jwt' : 'refresh+jwt'
  const ttl = purpose === 'access' ? 900 : 43200
  const claims = { iss: 'koa-session-auth', aud: 'koa-session-auth', sub: userId, jti: randomUUID(), iat: NOW, exp: NOW + ttl }
  return forge({ alg: 'HS256', typ, kid: kidOf(key) }, claims, key)
}

describe('JWT_SECRET rotation with JWT_OLD_SECRETS', function () {
  let test: TestApp
  let bob: User
  useAppWithBob({ ...JWT_ENV, JWT_OLD_SECRETS: `${OTHER_SECRET},yet-another-old-secret-of-32-bytes` }, (app, user) => { test = app; bob = user })

  it('accepts an access token signed with an old secret', async function () {
    await test.http.get(ME).set('Authorization', `Bearer ${issuedWith(OTHER_SECRET, 'access', bob.id)}`).expect(200)
  })

  it('refreshes with a refresh token signed with an old secret, into an access token signed with JWT_SECRET', async function () {
    const res = await test.http.post(JWT_REFRESH).send({ refresh_token: issuedWith(OTHER_SECRET, 'refresh', bob.id) }).expect(200)
    expect(decode(res.body.access_token).header.kid).to.equal(kidOf(derivedKey(JWT_SECRET, 'access')))
    await test.http.get(ME).set('Authorization', `Bearer ${res.body.access_token}`).expect(200)
  })

  it('accepts tokens of the current secret as well', async function () {
    await test.http.get(ME).set('Authorization', `Bearer ${issuedWith(JWT_SECRET, 'access', bob.id)}`).expect(200)
  })
})

describe('a secret listed in neither JWT_SECRET nor JWT_OLD_SECRETS', function () {
  let test: TestApp
  let bob: User
  useAppWithBob(JWT_ENV, (app, user) => { test = app; bob = user })

  it('answers 403 for its access token and at refresh for its refresh token', async function () {
    await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${issuedWith(OTHER_SECRET, 'access', bob.id)}`), 403, 'Forbidden')
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: issuedWith(OTHER_SECRET, 'refresh', bob.id) }), 403, 'Forbidden')
  })
})
