// loadPage (api/v1/views/page.ts): the page's policy comes from the file itself, and a page the
// policy could not cover stops the app from being built.
import { expect } from 'chai'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadPage } from '../../../api/v1/views/page.js'

describe('loadPage', function () {
  let dir: string
  beforeEach(function () { dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-page-')) })
  afterEach(function () { rmSync(dir, { recursive: true, force: true }) })

  function pageFile(html: string): URL {
    const path = join(dir, 'index.html')
    writeFileSync(path, html)
    return pathToFileURL(path)
  }

  const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64')

  it('hashes exactly the text of the one script and the one style, UTF-8 and whitespace included', function () {
    const script = "\nconst é = 'x'\n"
    const style = ' p { color: red } '
    const page = loadPage(pageFile(`<!doctype html><style>${style}</style><p>hi</p><script>${script}</script>`))
    expect(page.contentSecurityPolicy).to.equal(`default-src 'none'; script-src 'sha256-${sha256(script)}'; style-src 'sha256-${sha256(style)}'; `
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
  })

  it('throws, naming the file, for a page with two scripts, a script with attributes or no style', function () {
    for (const html of [
      '<style></style><script>a()</script><script>b()</script>',
      '<style></style><script src="/app.js"></script>',
      '<script>a()</script>',
    ]) {
      expect(() => loadPage(pageFile(html)), html).to.throw(Error, /index\.html: the page must hold exactly one <(script|style)> element/)
    }
  })

  it('throws ENOENT for a missing file', function () {
    expect(() => loadPage(pathToFileURL(join(dir, 'missing.html')))).to.throw(/ENOENT/)
  })
})
