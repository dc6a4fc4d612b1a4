// The checker's hints: a 429 of the login names the rate limit and how to run again; a mode that
// does not fit --auth-type is named with the AUTH_TYPE values that would explain the answers.
import { expect } from 'chai'
import { modeMismatch, rateLimitHint } from '../../../../bin/checker/hints.js'
import type { HttpResponse } from '../../../../bin/checker/http_client.js'

function answer(path: string, status: number, headers: Record<string, string> = {}): HttpResponse {
  return {
    request: { method: 'POST', url: `http://127.0.0.1:5000${path}`, headers: {}, body: null },
    status, headers: new Headers(headers), setCookies: [], text: '', json: undefined,
  }
}

describe('checker hints', function () {
  const LOGIN = '/api/v1/auth_session/login'

  it('names the login rate limit, its variables and the wait a 429 of the login asks for', function () {
    expect(rateLimitHint(answer(LOGIN, 429, { 'Retry-After': '42' }))).to.equal(
      'the server answered 429: its login rate limit tripped (too many failed logins for one email, LOGIN_MAX_ATTEMPTS_PER_EMAIL, '
      + 'or from one address, LOGIN_MAX_ATTEMPTS_PER_IP, within LOGIN_WINDOW_SECONDS); wait 42 s (Retry-After), '
      + 'or to run the checker repeatedly start the server with LOGIN_MAX_ATTEMPTS_PER_EMAIL=0 LOGIN_MAX_ATTEMPTS_PER_IP=0')
  })

  it('says to wait LOGIN_WINDOW_SECONDS when the 429 has no Retry-After', function () {
    expect(rateLimitHint(answer(LOGIN, 429))).to.include('; wait LOGIN_WINDOW_SECONDS, or to run the checker repeatedly')
  })

  it('gives no hint for another status, or for a 429 of another route', function () {
    expect([rateLimitHint(answer(LOGIN, 401)), rateLimitHint(answer('/api/v1/users', 429))]).to.deep.equal([null, null])
  })

  it('names the AUTH_TYPE values whose answers the server gave, and the one --auth-type claims', function () {
    expect(modeMismatch('session_db_auth', 'open')).to.equal(
      'the server does not behave like --auth-type session_db_auth: GET /api/v1/users without credentials answered 200, '
      + 'as it does with AUTH_TYPE unset; is it running with AUTH_TYPE=session_db_auth? (if not, give --auth-type the AUTH_TYPE it runs with)')
  })
})
