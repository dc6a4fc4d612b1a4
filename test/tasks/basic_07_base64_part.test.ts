// 0x01 task 7, "Basic - Base64 part": BasicAuth.extractBase64AuthorizationHeader returns what
// follows "Basic " (capital B, one space), else null.
import { expect } from 'chai'
import type { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import { useBasicAuth } from '../support/app_hooks.js'

describe('0x01 task 7: BasicAuth.extractBase64AuthorizationHeader', function () {
  let auth: BasicAuth
  useBasicAuth((_test, basicAuth) => { auth = basicAuth })

  const table: Array<[unknown, string | null]> = [
    [null, null],
    [89, null],
    ['Holberton', null],
    ['Basic Holberton', 'Holberton'],
    ['Basic SG9sYmVydG9u', 'SG9sYmVydG9u'],
    ['Basic SG9sYmVydG9uIFNjaG9vbA==', 'SG9sYmVydG9uIFNjaG9vbA=='],
    ['Basic1234', null],
    ['basic SG9sYmVydG9u', null],
    ['Bearer SG9sYmVydG9u', null],
  ]
  for (const [header, expected] of table) {
    it(`answers ${JSON.stringify(expected)} for ${JSON.stringify(header)}`, function () {
      expect(auth.extractBase64AuthorizationHeader(header)).to.equal(expected)
    })
  }
})
