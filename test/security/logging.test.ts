// One JSON log line per request and per session event, session ids only as hashes,
// never a password, a session id or an Authorization value; LOG_LEVEL controls it.
import { expect } from 'chai'
import { ConfigError, loadConfig } from '../../api/v1/config.js'
import { sessionHash } from '../../api/v1/log.js'
import { BOB, BOB_BASIC, buildApp } from '../support/app.js'
import { checkExchange, checkLogs, type Exchange, type SecureTestApp } from '../support/invariants.js'
import { EXPIRING_SESSION_MODES, SESSION_MODES } from '../support/modes.js'
import { useSecureApp, withSecureApp } from '../support/secure_app_hooks.js'

const LOGIN = '/api/v1/auth_session/login'
const LOGOUT = '/api/v1/auth_session/logout'
const ME = '/api/v1/users/me'
const C = '_my_session_id'

type Entry = Record<string, unknown>

function entries(t: SecureTestApp): Entry[] {
  return t.logs.map((line) => JSON.parse(line) as Entry)
}

/** The entries without their time and duration, which vary from run to run. */
function stable(list: Entry[]): Entry[] {
  return list.map(({ time, duration_ms: duration, ...rest }) => {
    expect(time).to.be.a('string')
    if (rest.event === 'request') expect(duration).to.be.a('number').and.at.least(0)
    return rest
  })
}

for (const mode of SESSION_MODES) {
  describe(`structured logs (${mode})`, function () {
    let t: SecureTestApp

    useSecureApp({ AUTH_TYPE: mode }, 'each', (app) => { t = app })

    it('writes one request line per request and one line per session event, with hashed session ids', async function () {
      const session = await t.login(BOB.email, BOB.password)
      const [bob] = await t.users.search({ email: BOB.email })
      const unknown = crypto.randomUUID()
      await t.http.get(`${ME}?${C}=${session}&password=${BOB.password}`).set('Cookie', `${C}=${session}`)
      await t.http.get(ME).set('Cookie', `${C}=${unknown}`)
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`)
      const request = (method: string, path: string, status: number): Entry => ({ level: 'info', event: 'request', method, path, status })
      expect(stable(entries(t))).to.deep.equal([
        { level: 'info', event: 'session.created', session: sessionHash(session), user_id: bob?.id },
        request('POST', LOGIN, 200),
        request('GET', ME, 200),
        { level: 'info', event: 'session.refused', session: sessionHash(unknown), user_id: null, reason: 'unknown' },
        request('GET', ME, 403),
        { level: 'info', event: 'session.destroyed', session: sessionHash(session), user_id: bob?.id },
        request('DELETE', LOGOUT, 200),
      ])
      expect(sessionHash(session)).to.match(/^[0-9a-f]{16}$/)
    })

    it('never writes a password, a session id or an Authorization value across login, me and logout', async function () {
      const session = await t.login(BOB.email, BOB.password)
      await t.http.get(ME).set('Cookie', `${C}=${session}`).set('Authorization', BOB_BASIC)
      await t.http.post(LOGIN).type('form').send({ email: BOB.email, password: 'wrong-password-123' })
      await t.http.delete(LOGOUT).set('Cookie', `${C}=${session}`)
      const all = t.logs.join('\n')
      for (const secret of [BOB.password, 'wrong-password-123', session, BOB_BASIC, BOB_BASIC.slice(6)]) expect(all).not.to.include(secret)
      expect(t.logs.length).to.equal(6)
    })

    it('writes a request line for errors too, with a path cut at 512 characters and CR/LF escaped', async function () {
      await t.http.get(`/api/v1/${'a'.repeat(600)}%0d%0aFAKE`)
      const [line] = entries(t)
      expect(line?.status).to.equal(401)
      expect(line?.path).to.equal(`/api/v1/${'a'.repeat(504)}...`)
      expect(t.logs).to.have.length(1)
    })
  })
}

for (const mode of EXPIRING_SESSION_MODES) {
  describe(`structured logs, expiry (${mode})`, function () {
    it('writes a session.expired line when an expired session is presented', async function () {
      await withSecureApp({ AUTH_TYPE: mode, SESSION_DURATION: '60' }, async (t) => {
        await t.createUser(BOB)
        const session = await t.login(BOB.email, BOB.password)
        t.clock.advance(61)
        await t.http.get(ME).set('Cookie', `${C}=${session}`)
        expect(entries(t).filter((entry) => entry.event === 'session.expired').map((entry) => entry.session)).to.deep.equal([sessionHash(session)])
      })
    })
  })
}

describe('LOG_LEVEL', function () {
  async function linesAt(level: string): Promise<string[]> {
    const lines: string[] = []
    const t = buildApp({ AUTH_TYPE: 'session_auth', LOG_LEVEL: level }, { logSink: (line) => lines.push(line) })
    try {
      await t.createUser(BOB)
      await t.login(BOB.email, BOB.password)
      return lines
    } finally {
      t.close()
    }
  }

  it('writes nothing at silent or error, request and session lines at info and debug', async function () {
    expect(await linesAt('silent')).to.deep.equal([])
    expect(await linesAt('error')).to.deep.equal([])
    expect(await linesAt('info')).to.have.length(2)
    expect(await linesAt('debug')).to.have.length(2)
  })

  it('defaults to info and refuses an unknown level naming LOG_LEVEL', function () {
    expect(loadConfig({}).logLevel).to.equal('info')
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).to.throw(ConfigError, /LOG_LEVEL must be one of silent, error, info, debug; got "verbose"/)
  })
})

describe('invariant checks can fail', function () {
  it('rejects a log line that contains a secret or spans two lines', function () {
    const secret = crypto.randomUUID()
    expect(() => checkLogs([`{"session":"${secret}"}`], new Set([secret]))).to.throw(/leaks a secret/)
    expect(() => checkLogs(['{"a":1}\n{"b":2}'], new Set())).to.throw(/one line per entry/)
  })
})

describe('exchange invariants can fail', function () {
  const ok: Exchange = {
    method: 'GET', path: '/api/v1/users/me', authorization: '', cookie: '', status: 403,
    contentType: 'application/json; charset=utf-8', setCookie: [], body: { error: 'Forbidden' },
  }

  it('accepts a well-formed error and rejects a 5xx, a non-JSON error, an unknown message and a stray session cookie', function () {
    expect(() => checkExchange(ok, C)).not.to.throw()
    expect(() => checkExchange({ ...ok, status: 500, body: { error: 'Internal server error' } }, C)).to.throw(/no 5xx/)
    expect(() => checkExchange({ ...ok, contentType: 'text/plain; charset=utf-8' }, C)).to.throw(/JSON error/)
    expect(() => checkExchange({ ...ok, body: { error: 'at Object.<anonymous> (/app/x.js:1:1)' } }, C)).to.throw(/known message/)
    expect(() => checkExchange({ ...ok, status: 200, body: {}, setCookie: [`${C}=abc; Path=/`] }, C)).to.throw(/only after a successful login/)
  })
})
