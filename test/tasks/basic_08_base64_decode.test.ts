// 0x01 task 8, "Basic - Base64 decode": BasicAuth.decodeBase64AuthorizationHeader returns the
// decoded UTF-8 text, or null for a non-string, invalid Base64 or invalid UTF-8.
import { expect } from 'chai'
import type { BasicAuth } from '../../api/v1/auth/basic_auth.js'
import { useBasicAuth } from '../support/app_hooks.js'

describe('0x01 task 8: BasicAuth.decodeBase64AuthorizationHeader', function () {
  let auth: BasicAuth
  useBasicAuth((_test, basicAuth) => { auth = basicAuth })

  const table: Array<[unknown, string | null]> = [
    [null, null],
    [85, null],
    ['Holberton School', null],
    ['SG9sYmVydG9u', 'Holberton'],
    ['SG9sYmVydG9uIFNjaG9vbA==', 'Holberton School'],
    ['Ym9iQGhidG4uaW86SDBsYmVydG9uU2Nob29sOTgh', 'bob@hbtn.io:H0lbertonSchool98!'],
    [Buffer.from('élève:mot de passe', 'utf8').toString('base64'), 'élève:mot de passe'],
    [Buffer.from([0xff, 0xfe, 0x3a, 0x61]).toString('base64'), null],
  ]
  for (const [encoded, expected] of table) {
    it(`answers ${JSON.stringify(expected)} for ${JSON.stringify(encoded)}`, function () {
      expect(auth.decodeBase64AuthorizationHeader(encoded)).to.equal(expected)
    })
  }
})
