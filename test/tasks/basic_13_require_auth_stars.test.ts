// 0x01 task 13, "Require auth with stars": an excluded path ending in "*" excludes every path
// that starts with the part before the star.
import { expect } from 'chai'
import { Auth } from '../../api/v1/auth/auth.js'

describe('0x01 task 13: requireAuth with "*"', function () {
  const auth = new Auth({ sessionName: '_my_session_id' })
  const table: Array<[string, string[], boolean]> = [
    ['/api/v1/status', ['/api/v1/stat*'], false],
    ['/api/v1/stats', ['/api/v1/stat*'], false],
    ['/api/v1/stats/', ['/api/v1/stat*'], false],
    ['/api/v1/users', ['/api/v1/stat*'], true],
    ['/api/v1/sta', ['/api/v1/stat*'], true],
    ['/api/v1/users/me', ['/api/v1/status/', '/api/v1/users/*'], false],
    ['/api/v1/users', ['/api/v1/users/*'], true],
    ['/api/v1/anything', ['/api/v1/*'], false],
  ]
  for (const [path, excluded, expected] of table) {
    it(`answers ${expected} for requireAuth(${JSON.stringify(path)}, ${JSON.stringify(excluded)})`, function () {
      expect(auth.requireAuth(path, excluded)).to.equal(expected)
    })
  }
})
