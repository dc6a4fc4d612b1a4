// GET / serves the try-it page (docs/browser.md) in every mode, without credentials, under its
// Content-Security-Policy; only `/` itself is open, every other path outside /api/v1 is not.
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PAGE_FILE } from '../../api/v1/views/page.js'
import { BOB_BASIC, buildApp, cookie, type TestApp } from '../support/app.js'
import { ALL_MODES } from '../support/modes.js'
import { expectJsonError } from '../support/requests.js'

const HTML = readFileSync(PAGE_FILE, 'utf8')

// The hash of the text between the page's one <tag> and </tag>, found here without page.ts's code.
function hashOf(tag: string): string {
  const text = HTML.split(`<${tag}>`)[1]?.split(`</${tag}>`)[0] ?? ''
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`
}

const CSP = `default-src 'none'; script-src ${hashOf('script')}; style-src ${hashOf('style')}; connect-src 'self'; `
  + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

for (const mode of ALL_MODES) {
  describe(`the try-it page at / (AUTH_TYPE=${mode ?? 'unset'})`, function () {
    let t: TestApp
    before(function () { t = buildApp({ AUTH_TYPE: mode }) })
    after(function () { t.close() })

    it('answers GET / without credentials: 200, the page as text/html; charset=utf-8, under its exact CSP', async function () {
      const res = await t.http.get('/').expect(200).expect('Content-Type', 'text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).to.equal(CSP)
      expect(res.headers['cache-control']).to.equal('no-store')
      expect(res.headers['x-content-type-options']).to.equal('nosniff')
      expect(res.text).to.equal(HTML)
    })

    it('answers GET / with the page whatever credentials come with it: a junk cookie or Basic header is not looked at', async function () {
      for (const [name, value] of [['Cookie', cookie(t.config.sessionName, 'junk')], ['Authorization', 'Basic junk'], ['Authorization', BOB_BASIC]] as const) {
        const res = await t.http.get('/').set(name, value).expect(200)
        expect(res.text, `${name}: ${value}`).to.equal(HTML)
      }
    })

    it('answers HEAD / 200 with the same headers and no body', async function () {
      const res = await t.http.head('/').expect(200).expect('Content-Type', 'text/html; charset=utf-8')
      expect(res.headers['content-security-policy']).to.equal(CSP)
      expect(res.headers['content-length']).to.equal(String(Buffer.byteLength(HTML)))
      expect(res.text).to.equal(undefined)
    })

    it('answers POST, PUT, DELETE and PATCH on / 405 {"error": "Method not allowed"} with Allow: HEAD, GET', async function () {
      for (const method of ['post', 'put', 'delete', 'patch'] as const) {
        const res = await expectJsonError(t.http[method]('/'), 405, 'Method not allowed')
        expect(res.headers.allow, method).to.equal('HEAD, GET')
        expect(res.headers['content-security-policy'], method).to.equal(undefined)
      }
    })

    if (mode === undefined) return
    it('opens / alone: other paths outside /api/v1 still answer 401 without credentials', async function () {
      for (const path of ['/index.html', '//', '/x', '/api', '/api/v1', '/%2f', '/%20', '/.']) {
        const res = await t.http.get(path)
        expect([res.status, res.body], path).to.deep.equal([401, { error: 'Unauthorized' }])
      }
    })
  })
}
