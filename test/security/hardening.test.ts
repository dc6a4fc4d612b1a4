// Response headers, duplicate Authorization headers in every mode, and refusal of cross-site,
// cookie-authenticated state changes and logins (docs/security.md, Cross-site requests).
import { expect } from 'chai'
import { BOB, BOB_BASIC } from '../support/app.js'
import type { SecureTestApp } from '../support/invariants.js'
import { listen, rawRequest } from '../support/live_server.js'
import { ALL_MODES, SESSION_MODES } from '../support/modes.js'
import { meWithSession } from '../support/requests.js'
import { useSecureApp, withSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const LOGOUT = '/api/v1/auth_session/logout'
const ME = '/api/v1/users/me'
const USERS = '/api/v1/users'
const C = '_my_session_id'
const FORBIDDEN = { error: 'Forbidden' }
const EVIL = 'https://evil.example'

for (const mode of ALL_MODES) {
  describe(`response headers and duplicate Authorization (AUTH_TYPE=${mode ?? 'unset'})`, function () {
    let t: SecureTestApp

    useSecureApp({ AUTH_TYPE: mode }, 'all', (app) => { t = app })

    it('sends nosniff and Cache-Control: no-store on every answer, and no banner header', async function () {
      const server = await listen(t.app)
      try {
        for (const request of [`GET ${ME}`, 'GET /api/v1/status', `POST ${LOGIN}`, 'GET /nowhere']) {
          const res = await rawRequest(server.port, `${request} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`)
          expect(res.headers['x-content-type-options'], request).to.equal('nosniff')
          expect(res.headers['cache-control'], request).to.equal('no-store')
          expect(res.headers, request).not.to.have.any.keys('x-powered-by', 'server', 'x-aspnet-version', 'via')
        }
      } finally {
        await server.close()
      }
    })

    it('answers 400 {"error": "Duplicate Authorization header"} even on an excluded path', async function () {
      for (const path of [ME, '/api/v1/status']) {
        await t.http.get(path).set('Authorization', [BOB_BASIC, BOB_BASIC] as unknown as string)
          .expect(400, { error: 'Duplicate Authorization header' })
      }
    })
  })
}

for (const mode of SESSION_MODES) {
  describe(`cross-site refusal of cookie-authenticated state changes (${mode})`, function () {
    let t: SecureTestApp
    let session: string

    useSecureApp({ AUTH_TYPE: mode, CORS_ORIGINS: 'https://app.example' }, 'each', async (app) => {
      t = app
      session = await t.login(BOB.email, BOB.password)
    })

    it('refuses a logout from a foreign Origin with 403 Forbidden and keeps the session', async function () {
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).set('Origin', EVIL).expect(403, FORBIDDEN)
      await meWithSession(t, session).expect(200)
    })

    it('refuses a logout marked Sec-Fetch-Site: cross-site, or from Origin: null, with 403', async function () {
      for (const [name, value] of [['Sec-Fetch-Site', 'cross-site'], ['Origin', 'null']] as const) {
        const res = await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).set(name, value)
        expect([res.status, res.body], `${name}: ${value}`).to.deep.equal([403, FORBIDDEN])
      }
      await meWithSession(t, session).expect(200)
    })

    it('refuses user creation, update and deletion from a foreign Origin and changes nothing', async function () {
      const bob = (await t.http.get(ME).set('Cookie', `${C}=${session}`)).body as { id: string }
      const attempts = [
        t.http.post(USERS).send({ email: 'csrf@x.io', password: 'csrf-password' }),
        t.http.put(`${USERS}/${bob.id}`).send({ first_name: 'Pwned' }),
        t.http.delete(`${USERS}/${bob.id}`),
      ]
      for (const attempt of attempts) {
        await attempt.set('Cookie', `${C}=${session}`).set('Origin', EVIL).expect(403, FORBIDDEN)
      }
      expect(await t.users.count()).to.equal(1)
      expect((await t.users.get(bob.id))?.firstName).to.equal(null)
    })

    it('allows the same origin, a CORS_ORIGINS origin, same-origin fetch metadata and clients without Origin (curl)', async function () {
      await t.http.put(`${USERS}/${(await t.http.get(ME).set('Cookie', `${C}=${session}`)).body.id}`)
        .set('Host', 'api.example').set('Origin', 'http://api.example').set('Sec-Fetch-Site', 'same-origin')
        .set('Cookie', `${C}=${session}`).send({ first_name: 'Bob' }).expect(200)
      await t.http.post(USERS).set('Origin', 'https://app.example').set('Cookie', `${C}=${session}`)
        .send({ email: 'listed@x.io', password: 'listed-password' }).expect(201)
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`).expect(200, {})
    })

    it('lets safe methods through from any origin: GET /users/me with a foreign Origin is 200', async function () {
      await t.http.get(ME).set('Cookie', `${C}=${session}`).set('Origin', EVIL).set('Sec-Fetch-Site', 'cross-site').expect(200)
    })

    it('refuses a login from a foreign Origin or cross-site (login CSRF) with 403 and no cookie', async function () {
      for (const [name, value] of [['Origin', EVIL], ['Sec-Fetch-Site', 'cross-site']] as const) {
        const res = await t.http.post(LOGIN).set(name, value).type('form').send(BOB).expect(403, FORBIDDEN)
        expect(res.headers['set-cookie']).to.equal(undefined)
      }
      await t.http.post(`${LOGIN}/`).set('Origin', 'https://app.example').type('form').send(BOB).expect(200)
    })
  })
}

describe('cross-site check in basic_auth: only cookie-carrying requests are checked', function () {
  it('creates a user with Basic credentials and a foreign Origin but no session cookie (201)', async function () {
    await withSecureApp({ AUTH_TYPE: 'basic_auth' }, async (t) => {
      await t.createUser(BOB)
      await t.http.post(USERS).set('Authorization', BOB_BASIC).set('Origin', EVIL).send({ email: 'api@x.io', password: 'api-password' })
        .expect(201)
      await t.http.post(USERS).set('Authorization', BOB_BASIC).set('Cookie', `${C}=x`).set('Origin', EVIL)
        .send({ email: 'api2@x.io', password: 'api-password' }).expect(403, FORBIDDEN)
    })
  })
})
