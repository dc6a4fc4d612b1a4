// Methods against /api/v1/users/me and the excluded paths, in every mode with an auth object;
// the path tricks are in b7_paths. Requests are sent as raw bytes to a real server, so no client
// normalises them.
// Choice: TRACE, PROPFIND and other methods the router lacks answer 405 JSON after the
// auth hook; a method Node's parser does not know (FOO) is refused by Node with 400.
import { expect } from 'chai'
import { useListeningSecureApp } from '../support/listening_secure_app.js'
import { AUTH_MODES } from '../support/modes.js'
import { withSecureApp } from '../support/secure_app_hooks.js'

const ME = '/api/v1/users/me'
const LOGOUT = '/api/v1/auth_session/logout'
const UNAUTHORIZED = { error: 'Unauthorized' }

for (const mode of AUTH_MODES) {
  describe(`methods (${mode})`, function () {
    // A header line that authenticates Bob in this mode; null in `auth`, where nothing does.
    let credential: string | null
    const { send, expectAnswer } = useListeningSecureApp(mode, (_app, line) => { credential = line })

    it('answers HEAD /users/me 401 without a body without credentials, 200 without a body with them', async function () {
      const anonymous = await send('HEAD', ME)
      expect([anonymous.status, anonymous.body]).to.deep.equal([401, ''])
      if (credential === null) return
      const bob = await send('HEAD', ME, credential)
      expect([bob.status, bob.body]).to.deep.equal([200, ''])
    })

    it('answers a preflight 204 with CORS headers and no user data; a disallowed origin gets no Allow-Origin', async function () {
      const preflight = await send('OPTIONS', ME, 'Origin: https://app.example\r\nAccess-Control-Request-Method: DELETE')
      expect([preflight.status, preflight.body]).to.deep.equal([204, ''])
      expect(preflight.headers['access-control-allow-origin']).to.equal('*')
      await withSecureApp({ AUTH_TYPE: mode, CORS_ORIGINS: 'https://app.example' }, async (listed) => {
        await listed.http.options(ME).set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'DELETE')
          .expect(204).expect('Access-Control-Allow-Origin', 'https://app.example')
        const refused = await listed.http.options(ME).set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'DELETE')
          .expect(401, UNAUTHORIZED)
        expect(refused.headers['access-control-allow-origin']).to.equal(undefined)
      })
    })

    it('answers TRACE without echoing credentials: 401 without them, 405 on /users/me and on / with them', async function () {
      await expectAnswer('TRACE', ME, null, 401, UNAUTHORIZED)
      if (credential === null) return
      const trace = await send('TRACE', ME, credential)
      expect([trace.status, JSON.parse(trace.body)]).to.deep.equal([405, { error: 'Method not allowed' }])
      expect(trace.raw).not.to.include(credential.split(' ').pop() ?? '')
      await expectAnswer('TRACE', '/', credential, 405, { error: 'Method not allowed' })
    })

    it('answers 400 from Node for an unknown method (FOO) and 405 JSON for PROPFIND, never a 500', async function () {
      expect((await send('FOO', ME, credential)).status).to.equal(400)
      await expectAnswer('PROPFIND', ME, null, 401, UNAUTHORIZED)
      if (credential !== null) await expectAnswer('PROPFIND', ME, credential, 405, { error: 'Method not allowed' })
    })

    it('answers GET and POST on logout 405 with Allow: DELETE and leaves the session alone', async function () {
      if (credential === null) return expectAnswer('GET', LOGOUT, null, 401, UNAUTHORIZED)
      for (const method of ['GET', 'POST']) {
        const res = await send(method, LOGOUT, credential)
        expect([res.status, JSON.parse(res.body), res.headers.allow]).to.deep.equal([405, { error: 'Method not allowed' }, 'DELETE'])
      }
      expect((await send('GET', ME, credential)).status).to.equal(200)
    })
  })
}
