// 0x01 task 1, "Error handler: Unauthorized": GET /api/v1/unauthorized raises a 401 that the
// error handler renders as {"error": "Unauthorized"}, whatever AUTH_TYPE is (the path is excluded).
import { buildApp, type TestApp } from '../support/app.js'

for (const authType of [undefined, 'auth', 'basic_auth', 'session_auth']) {
  describe(`0x01 task 1: the Unauthorized handler (AUTH_TYPE=${authType ?? 'unset'})`, function () {
    let test: TestApp
    before(function () { test = buildApp({ AUTH_TYPE: authType }) })
    after(function () { test.close() })

    it('answers 401 {"error": "Unauthorized"} as JSON on GET /api/v1/unauthorized without credentials', async function () {
      await test.http.get('/api/v1/unauthorized').expect(401, { error: 'Unauthorized' }).expect('Content-Type', /^application\/json/)
    })

    it('answers 401 {"error": "Unauthorized"} on GET /api/v1/unauthorized/ with a trailing slash', async function () {
      await test.http.get('/api/v1/unauthorized/').expect(401, { error: 'Unauthorized' })
    })
  })
}
