// The before-request hook's three answers before any user is found (docs/api.md; 0x01 tasks 5 and 6
// check them for AUTH_TYPE=auth and basic_auth): status open, 401 without a header, 403 with one.
import type { TestApp } from './app.js'

/** Declares the three tests against the app `app()` returns when they run. */
export function itAnswersStatus401And403(app: () => TestApp): void {
  it('answers 200 {"status": "OK"} on GET /api/v1/status without an Authorization header', async function () {
    await app().http.get('/api/v1/status').expect(200, { status: 'OK' })
  })

  it('answers 401 {"error": "Unauthorized"} on GET /api/v1/users without an Authorization header', async function () {
    await app().http.get('/api/v1/users').expect(401, { error: 'Unauthorized' })
  })

  it('answers 403 {"error": "Forbidden"} on GET /api/v1/users with Authorization: Test', async function () {
    await app().http.get('/api/v1/users').set('Authorization', 'Test').expect(403, { error: 'Forbidden' })
  })
}
