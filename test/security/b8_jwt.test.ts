// Forged and malformed tokens (docs/tokens.md, What is refused): each one answers 403 on
// /users/me. They are built by hand with the real derived key where a signature matters, so the
// control case proves that only the one changed part is what gets them refused.
import { randomUUID } from 'node:crypto'
import type { User } from '../../models/user.js'
import { BOB, cookie, type TestApp } from '../support/app.js'
import { useAppWithBob } from '../support/app_hooks.js'
import { b64url, derivedKey, forge, JWT_ENV, JWT_REFRESH, JWT_SECRET, kidOf, ME, OTHER_SECRET, tokenLogin } from '../support/jwt.js'
import { expectJsonError } from '../support/requests.js'

const NOW = Date.parse('2026-01-01T00:00:00Z') / 1000
const ACCESS_KEY = derivedKey(JWT_SECRET, 'access')
const REFRESH_KEY = derivedKey(JWT_SECRET, 'refresh')
const HEADER = { alg: 'HS256', typ: 'at+jwt', kid: kidOf(ACCESS_KEY) }
const ATTACKER_KEY = Buffer.alloc(32, 7)

type Forgery = (claims: Record<string, unknown>, others: { alice: User, genuine: string }) => string

function flip(text: string, at: number): string {
  const char = text[at] === 'A' ? 'B' : 'A'
  return text.slice(0, at) + char + text.slice(at + 1)
}

const FORGERIES: Readonly<Record<string, Forgery>> = {
  'alg "none" with an empty signature': (claims) => `${b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt' }))}.${b64url(JSON.stringify(claims))}.`,
  'alg "NONE" with an empty signature': (claims) => `${b64url(JSON.stringify({ alg: 'NONE' }))}.${b64url(JSON.stringify(claims))}.`,
  'alg "None" with an empty signature': (claims) => `${b64url(JSON.stringify({ alg: 'None' }))}.${b64url(JSON.stringify(claims))}.`,
  'alg "none" with a valid HMAC': (claims) => forge({ ...HEADER, alg: 'none' }, claims, ACCESS_KEY),
  'alg HS512 signed with the access key': (claims) => forge({ ...HEADER, alg: 'HS512' }, claims, ACCESS_KEY, 512),
  'alg HS384 signed with the access key': (claims) => forge({ ...HEADER, alg: 'HS384' }, claims, ACCESS_KEY, 384),
  'alg RS256 with an HMAC keyed by the secret as a "public key"': (claims) => forge({ ...HEADER, alg: 'RS256' }, claims, Buffer.from(JWT_SECRET)),
  'alg HS256 keyed by the raw secret instead of the derived key': (claims) => forge(HEADER, claims, Buffer.from(JWT_SECRET)),
  'typ "JWT"': (claims) => forge({ ...HEADER, typ: 'JWT' }, claims, ACCESS_KEY),
  'no typ': (claims) => forge({ alg: 'HS256', kid: HEADER.kid }, claims, ACCESS_KEY),
  'typ "refresh+jwt" signed with the access key': (claims) => forge({ ...HEADER, typ: 'refresh+jwt' }, claims, ACCESS_KEY),
  'typ "at+jwt" signed with the refresh key under its kid': (claims) => forge({ ...HEADER, kid: kidOf(REFRESH_KEY) }, claims, REFRESH_KEY),
  'another iss': (claims) => forge(HEADER, { ...claims, iss: 'someone-else' }, ACCESS_KEY),
  'another aud': (claims) => forge(HEADER, { ...claims, aud: 'someone-else' }, ACCESS_KEY),
  'an unknown kid': (claims) => forge({ ...HEADER, kid: '0123456789abcdef' }, claims, ACCESS_KEY),
  'no kid': (claims) => forge({ alg: 'HS256', typ: 'at+jwt' }, claims, ACCESS_KEY),
  'kid "../../dev/null"': (claims) => forge({ ...HEADER, kid: '../../dev/null' }, claims, ACCESS_KEY),
  'the kid of another secret\'s key, signed with it': (claims) => forge({ ...HEADER, kid: kidOf(derivedKey(OTHER_SECRET, 'access')) }, claims, derivedKey(OTHER_SECRET, 'access')),
  'a jwk header carrying the attacker\'s key, signed with it': (claims) => forge({ ...HEADER, jwk: { kty: 'oct', k: b64url(ATTACKER_KEY) } }, claims, ATTACKER_KEY),
  'a jku header, signed with the real key': (claims) => forge({ ...HEADER, jku: 'https://evil.example/jwks.json' }, claims, ACCESS_KEY),
  'a crit header, signed with the real key': (claims) => forge({ ...HEADER, crit: ['exp'] }, claims, ACCESS_KEY),
  'alg named twice, {"alg":"none","alg":"HS256"}, signed with the real key': (claims) => forge(b64url(`{"alg":"none","alg":"HS256","typ":"at+jwt","kid":"${HEADER.kid}"}`), claims, ACCESS_KEY),
  'alg named twice, once escaped ("\\u0061lg"), signed with the real key': (claims) => forge(b64url(`{"alg":"HS256","typ":"at+jwt","kid":"${HEADER.kid}","\\u0061lg":"HS256"}`), claims, ACCESS_KEY),
  'a payload changed to another user, signature kept': (claims, { alice, genuine }) => {
    const [header, , signature] = genuine.split('.')
    return `${header}.${b64url(JSON.stringify({ ...claims, sub: alice.id }))}.${signature}`
  },
  'a flipped signature character': (_claims, { genuine }) => flip(genuine, genuine.lastIndexOf('.') + 5),
  'the signature stripped': (_claims, { genuine }) => genuine.slice(0, genuine.lastIndexOf('.') + 1),
  'exp = now': (claims) => forge(HEADER, { ...claims, exp: NOW }, ACCESS_KEY),
  'exp = now - 1': (claims) => forge(HEADER, { ...claims, exp: NOW - 1 }, ACCESS_KEY),
  'no exp': ({ exp: _exp, ...claims }) => forge(HEADER, claims, ACCESS_KEY),
  'exp a string "9999999999"': (claims) => forge(HEADER, { ...claims, exp: '9999999999' }, ACCESS_KEY),
  'exp 1e400 (infinite)': (claims) => forge(HEADER, b64url(JSON.stringify(claims).replace(/"exp":\d+/, '"exp":1e400')), ACCESS_KEY),
  'no iat': ({ iat: _iat, ...claims }) => forge(HEADER, claims, ACCESS_KEY),
  'iat two minutes ahead': (claims) => forge(HEADER, { ...claims, iat: NOW + 120, exp: NOW + 1020 }, ACCESS_KEY),
  'no sub': ({ sub: _sub, ...claims }) => forge(HEADER, claims, ACCESS_KEY),
  'a numeric sub': (claims) => forge(HEADER, { ...claims, sub: 42 }, ACCESS_KEY),
  'no jti': ({ jti: _jti, ...claims }) => forge(HEADER, claims, ACCESS_KEY),
  'a 5 KB token, validly signed': (claims) => forge(HEADER, { ...claims, pad: 'x'.repeat(5000) }, ACCESS_KEY),
  'two segments': (_claims, { genuine }) => genuine.slice(0, genuine.lastIndexOf('.')),
  'four segments': (_claims, { genuine }) => `${genuine}.`,
  'base64 padding': (claims) => `${forge(HEADER, claims, ACCESS_KEY)}=`,
  'a space in the token': (_claims, { genuine }) => genuine.replace('.', ' .'),
  'standard base64 characters (+ and /) in the signature': (_claims, { genuine }) => {
    const at = genuine.lastIndexOf('.') + 1
    return `${genuine.slice(0, at)}+/${genuine.slice(at + 2)}`
  },
  'exp further from iat than the access lifetime': (claims) => forge(HEADER, { ...claims, exp: NOW + 901 }, ACCESS_KEY),
  'a signature with non-zero trailing bits (non-canonical base64url)': (_claims, { genuine }) => {
    const last = genuine.at(-1) ?? 'A'
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    return genuine.slice(0, -1) + (alphabet[alphabet.indexOf(last) + 1] ?? 'A')
  },
}

describe('forged and malformed access tokens on GET /api/v1/users/me (AUTH_TYPE=jwt_auth)', function () {
  let test: TestApp
  let bob: User
  let alice: User
  let genuine: string
  useAppWithBob(JWT_ENV, async (app, user) => {
    test = app
    bob = user
    alice = await app.createUser({ email: 'alice@hbtn.io', password: 'alice pwd' })
    genuine = (await tokenLogin(app, BOB.email, BOB.password)).access
  })

  function claims(): Record<string, unknown> {
    return { iss: 'koa-session-auth', aud: 'koa-session-auth', sub: bob.id, jti: randomUUID(), iat: NOW, exp: NOW + 900 }
  }

  it('control: a token built the same way with nothing changed answers 200, as Bearer and as cookie', async function () {
    const token = forge(HEADER, claims(), ACCESS_KEY)
    await test.http.get(ME).set('Authorization', `Bearer ${token}`).expect(200)
    await test.http.get(ME).set('Cookie', cookie('_my_session_id', token)).expect(200)
  })

  for (const [what, build] of Object.entries(FORGERIES)) {
    it(`answers 403 {"error": "Forbidden"} for ${what}, as Bearer and as cookie`, async function () {
      const token = build(claims(), { alice, genuine })
      await expectJsonError(test.http.get(ME).set('Authorization', `Bearer ${token}`), 403, 'Forbidden')
      await expectJsonError(test.http.get(ME).set('Cookie', cookie('_my_session_id', token)), 403, 'Forbidden')
    })
  }

  it('answers 403 at refresh for a refresh token forged with the access key, or with a typ other than refresh+jwt', async function () {
    const refreshHeader = { alg: 'HS256', typ: 'refresh+jwt', kid: kidOf(REFRESH_KEY) }
    await test.http.post(JWT_REFRESH).send({ refresh_token: forge(refreshHeader, claims(), REFRESH_KEY) }).expect(200)
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: forge({ ...refreshHeader, kid: HEADER.kid }, claims(), ACCESS_KEY) }), 403, 'Forbidden')
    await expectJsonError(test.http.post(JWT_REFRESH).send({ refresh_token: forge({ ...refreshHeader, typ: 'at+jwt' }, claims(), REFRESH_KEY) }), 403, 'Forbidden')
  })
})
