// 0x01 task 9, "Basic - User credentials": BasicAuth.extractUserCredentials splits the decoded
// text at its first ":" into email and password, or answers (null, null).
import { expect } from 'chai'
import type { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import { useBasicAuth } from '../support/app_hooks.js'

describe('0x01 task 9: BasicAuth.extractUserCredentials', function () {
  let auth: BasicAuth
  useBasicAuth((_test, basicAuth) => { auth = basicAuth })

  const table: Array<[unknown, string | null, string | null]> = [
    [null, null, null],
    [89, null, null],
    ['Holberton School', null, null],
    ['Holberton:School', 'Holberton', 'School'],
    ['bob@gmail.com:toto1234', 'bob@gmail.com', 'toto1234'],
    [':', '', ''],
  ]
  for (const [decoded, email, password] of table) {
    it(`answers (${JSON.stringify(email)}, ${JSON.stringify(password)}) for ${JSON.stringify(decoded)}`, function () {
      expect(auth.extractUserCredentials(decoded)).to.deep.equal({ email, password })
    })
  }
})
