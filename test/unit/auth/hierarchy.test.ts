// The exercise's hierarchy and method names: Auth <- BasicAuth, Auth <- SessionAuth, each class
// in its own file, with the exercise's methods under their TypeScript names.
import { expect } from 'chai'
import { Auth } from '../../../api/v1/auth/auth.js'
import { BasicAuth } from '../../../api/v1/auth/basic_auth.js'
import { SessionAuth } from '../../../api/v1/auth/session_auth.js'

describe('the auth class hierarchy', function () {
  it('makes BasicAuth and SessionAuth direct subclasses of Auth', function () {
    expect(Object.getPrototypeOf(BasicAuth)).to.equal(Auth)
    expect(Object.getPrototypeOf(SessionAuth)).to.equal(Auth)
  })

  const methods: Array<[string, { prototype: object }, string[]]> = [
    ['Auth', Auth, ['requireAuth', 'authorizationHeader', 'currentUser', 'sessionCookie']],
    ['BasicAuth', BasicAuth, [
      'extractBase64AuthorizationHeader', 'decodeBase64AuthorizationHeader', 'extractUserCredentials',
      'userObjectFromCredentials', 'currentUser',
    ]],
    ['SessionAuth', SessionAuth, ['createSession', 'userIdForSessionId', 'currentUser', 'destroySession']],
  ]
  for (const [name, cls, own] of methods) {
    it(`defines ${own.join(', ')} on ${name} itself`, function () {
      for (const method of own) expect(Object.getOwnPropertyNames(cls.prototype), method).to.include(method)
    })
  }
})
