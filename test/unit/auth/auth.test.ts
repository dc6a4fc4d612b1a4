// Unit tests of Auth: requireAuth's table, slash tolerance and "*" entries,
// authorizationHeader, sessionCookie and the base currentUser.
import { expect } from 'chai'
import { Auth } from '../../../api/v1/auth/auth.js'
import { authRequest } from '../../support/credentials.js'

describe('Auth', function () {
  const auth = new Auth({ sessionName: '_my_session_id' })

  describe('requireAuth', function () {
    const table: Array<[string | null, string[] | null, boolean]> = [
      [null, null, true],
      [null, [], true],
      [null, ['/api/v1/status/'], true],
      ['/api/v1/status/', null, true],
      ['/api/v1/status/', [], true],
      ['/api/v1/status/', ['/api/v1/status/'], false],
      ['/api/v1/status', ['/api/v1/status/'], false],
      ['/api/v1/status', ['/api/v1/status'], false],
      ['/api/v1/status/', ['/api/v1/status'], false],
      ['/api/v1/users', ['/api/v1/status/'], true],
      ['/api/v1/users', ['/api/v1/status/', '/api/v1/stats'], true],
      ['/api/v1/status/extra', ['/api/v1/status/'], true],
      ['/api/v1/Status', ['/api/v1/status/'], true],
      ['/api/v1/status//', ['/api/v1/status/'], true],
      ['/api/v1/status', ['/api/v1/stat*'], false],
      ['/api/v1/stats', ['/api/v1/stat*'], false],
      ['/api/v1/users', ['/api/v1/stat*'], true],
      ['/api/v1/users', ['/api/v1/stat*', '/api/v1/users/'], false],
    ]
    for (const [path, excluded, expected] of table) {
      it(`answers ${expected} for (${JSON.stringify(path)}, ${JSON.stringify(excluded)})`, function () {
        expect(auth.requireAuth(path, excluded)).to.equal(expected)
      })
    }
  })

  describe('authorizationHeader', function () {
    it('answers null without a request, without the header, and for an empty header', function () {
      expect(auth.authorizationHeader(null)).to.equal(null)
      expect(auth.authorizationHeader(authRequest())).to.equal(null)
      expect(auth.authorizationHeader(authRequest({ Authorization: '' }))).to.equal(null)
    })

    it('answers the raw value, untouched', function () {
      expect(auth.authorizationHeader(authRequest({ Authorization: 'Basic  x y ' }))).to.equal('Basic  x y ')
    })
  })

  describe('sessionCookie', function () {
    it('answers null without a request, without the cookie, and for an empty cookie', function () {
      expect(auth.sessionCookie(null)).to.equal(null)
      expect(auth.sessionCookie(authRequest({}, { other: 'abc' }))).to.equal(null)
      expect(auth.sessionCookie(authRequest({}, { _my_session_id: '' }))).to.equal(null)
    })

    it('answers the raw value of the SESSION_NAME cookie, spaces included', function () {
      expect(auth.sessionCookie(authRequest({}, { _my_session_id: 'C is fun' }))).to.equal('C is fun')
    })

    it('reads the cookie named by its sessionName option', function () {
      const renamed = new Auth({ sessionName: 'sid' })
      expect(renamed.sessionCookie(authRequest({}, { _my_session_id: 'a', sid: 'b' }))).to.equal('b')
    })
  })

  describe('currentUser', function () {
    it('answers null, with or without credentials', async function () {
      expect(await auth.currentUser(null)).to.equal(null)
      expect(await auth.currentUser(authRequest({ Authorization: 'Basic Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh' }, { _my_session_id: 'x' }))).to.equal(null)
    })
  })
})
