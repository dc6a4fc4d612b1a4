// 0x01 task 2, "Error handler: Forbidden": GET /api/v1/forbidden raises a 403 that the
// error handler renders as {"error": "Forbidden"}, whatever AUTH_TYPE is (the path is excluded).
import { buildApp, type TestApp } from '../support/app.js'

for (const authType of [undefined, 'auth', 'basic_auth', 'session_auth']) {
  describe(`0x01 task 2: the Forbidden handler (AUTH_TYPE=${authType ?? 'unset'})`, function () {
    let test: TestApp
    before(function () { test = buildApp({ AUTH_TYPE: authType }) })
    after(function () { test.close() })

    it('answers 403 {"error": "Forbidden"} as JSON on GET /api/v1/forbidden without credentials', async function () {
      await test.http.get('/api/v1/forbidden').expect(403, { error: 'Forbidden' }).expect('Content-Type', /^application\/json/)
    })

    it('answers 403 {"error": "Forbidden"} on GET /api/v1/forbidden/ with a trailing slash', async function () {
      await test.http.get('/api/v1/forbidden/').expect(403, { error: 'Forbidden' })
    })
  })
}
