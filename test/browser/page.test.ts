// The try-it page at / in a real browser (Chromium), against a real server process in each mode,
// session and token: its buttons log in, show /users/me and log out; its scripts never see the
// HttpOnly cookies; a page of another site cannot log the user out, end the sessions or delete the
// user; and in token modes the refresh cookie goes to the token routes alone, never from another site.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { BOB } from '../support/app.js'
import { JWT_SECRET } from '../support/jwt.js'
import { launchBrowser, requireChromium, startOtherSite, type OtherSite, type TestBrowser } from '../support/browser.js'
import { seedUser } from '../support/seed_user.js'
import { spawnServer, type ServerProcess } from '../support/server_process.js'
import { freshPrefix, sharedRedis } from '../support/shared_redis.js'
import {
  click, cookieNames, fetchFromPage, logIn, loginElsewhere, logMark, navigateFrom, openPage, recordRequests, requestsLogged, ROUTES, scriptCookies,
  submitForm, violations,
  type BrowserMode,
} from '../support/try_it_page.js'

const SESSION_NAME = '_my_session_id'
const REFRESH_COOKIE = 'refresh_token'
const ALICE = { email: 'alice@hbtn.io', password: 'Alice-pwd-42' } as const

// One line per mode.
const MODES: readonly BrowserMode[] = [
  { authType: 'session_db_auth', routes: 'session', revocable: true, cookies: [SESSION_NAME], env: { SESSION_DURATION: '3600' } },
  { authType: 'session_auth', routes: 'session', revocable: true, cookies: [SESSION_NAME] },
  { authType: 'jwt_auth', routes: 'token', revocable: false, cookies: [SESSION_NAME, REFRESH_COOKIE], env: { JWT_SECRET } },
  { authType: 'jwt_redis_auth', routes: 'token', revocable: true, cookies: [SESSION_NAME, REFRESH_COOKIE], env: { JWT_SECRET }, redis: true },
]

/** A server process of one mode on its own database, holding Bob and Alice. */
interface ModeServer {
  readonly server: ServerProcess
  readonly bobId: string
  readonly dir: string
}

async function startServer(mode: BrowserMode): Promise<ModeServer> {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-browser-'))
  const dbPath = join(dir, 'db.sqlite3')
  const bobId = await seedUser(dbPath, BOB.email, BOB.password)
  await seedUser(dbPath, ALICE.email, ALICE.password)
  const redis = mode.redis === true ? { REDIS_URL: (await sharedRedis()).url, REDIS_PREFIX: freshPrefix() } : {}
  const server = await spawnServer({ AUTH_TYPE: mode.authType, DB_PATH: dbPath, LOG_LEVEL: 'info', ...redis, ...mode.env })
  return { server, bobId, dir }
}

describe('the try-it page in Chromium', function () {
  this.timeout(30_000)
  let browser: TestBrowser | undefined
  let otherSite: OtherSite | undefined
  const servers = new Map<string, ModeServer>()

  // One browser for the file, and every mode's server started alongside it.
  before(async function () {
    requireChromium()
    const starting = Promise.allSettled(MODES.map(async (mode) => servers.set(mode.authType, await startServer(mode))))
    try {
      [browser, otherSite] = await Promise.all([launchBrowser(), startOtherSite()])
    } finally {
      for (const started of await starting) if (started.status === 'rejected') throw started.reason
    }
  })
  after(async function () {
    await otherSite?.close()
    // Killed, not stopped: the browser's idle keep-alive connections would hold a graceful stop for seconds.
    for (const { server, dir } of servers.values()) {
      await server.kill()
      rmSync(dir, { recursive: true, force: true })
    }
    await browser?.close()
  })

  for (const mode of MODES) {
    describe(`AUTH_TYPE=${mode.authType}`, function () {
      let server: ServerProcess
      let bobId: string
      let context: BrowserContext
      let page: Page

      beforeEach(async function () {
        ({ server, bobId } = servers.get(mode.authType) as ModeServer)
        context = (browser as TestBrowser).context
        await context.clearCookies()
        page = await openPage(context, server.url)
      })
      afterEach(async function () {
        for (const open of context.pages()) await open.close()
      })

      it('logs in, shows /users/me and logs out by clicking the page\'s buttons, with no CSP violation', async function () {
        expect(await page.locator('#cookies').textContent()).to.equal('(empty)')
        await logIn(page, mode, BOB)
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
        if (ROUTES[mode.routes].refresh === null) expect(await page.isDisabled('#refresh')).to.equal(true)
        // Token bodies are shown without their tokens, which stay in the HttpOnly cookies alone.
        else expect(await click(page, '#refresh')).to.include('"token_type": "Bearer"').and.not.match(/eyJ/)
        expect(await click(page, '#logout', 200)).to.match(/ → 200\n\{\}$/)
        expect(await click(page, '#me', 401)).to.include('"error": "Unauthorized"')
        // Every cookie of the context, whatever its Path: the refresh cookie is not sent to '/'.
        expect(await context.cookies()).to.deep.equal([])
        expect(await violations(page)).to.deep.equal([])
      })

      it(mode.revocable
        ? 'ends every session of the user with "End all my sessions": this browser\'s and another client\'s'
        : 'answers "End all my sessions" 400: nothing on the server to end, the user stays logged in', async function () {
        const elsewhere = await loginElsewhere(server.url, mode, BOB)
        await logIn(page, mode, BOB)
        const other = () => fetch(`${server.url}/api/v1/users/me`, { headers: { Cookie: elsewhere } })
        if (!mode.revocable) {
          expect(await click(page, '#end-all', 400)).to.include('"error": "sessions are not revocable in this mode"')
          expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
          return expect((await other()).status).to.equal(200)
        }
        expect(await click(page, '#end-all')).to.match(/ → 200\n\{\}$/)
        expect(await click(page, '#me', 401)).to.include('"error": "Unauthorized"')
        expect((await other()).status).to.equal(403)
      })

      it('keeps the credentials cookies out of document.cookie: the browser holds them HttpOnly, the page sees nothing', async function () {
        await logIn(page, mode, BOB)
        expect(await scriptCookies(page)).to.equal('')
        expect(await page.locator('#cookies').textContent()).to.equal('(empty)')
        const held = await context.cookies()
        expect(held.map(({ name, httpOnly }) => ({ name, httpOnly }))).to.have.deep.members(mode.cookies.map((name) => ({ name, httpOnly: true })))
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
        expect(await scriptCookies(page)).to.equal('')
      })

      it('lets a page of another site neither log the user out, nor end the sessions, nor delete the user, nor log in as someone else', async function () {
        await logIn(page, mode, BOB)
        const start = await logMark(server, 'the-other-site-begins')
        const attacker = await context.newPage()
        const other = (otherSite as OtherSite).url
        await attacker.goto(other)

        // Scripts of the other site, sending the user's cookies if the browser lets them.
        const { login, logout } = ROUTES[mode.routes]
        const fetched = await fetchFromPage(attacker, server.url, [
          ['DELETE', logout, {}],
          ['DELETE', '/api/v1/users/me/sessions', {}],
          ['DELETE', `/api/v1/users/${bobId}`, {}],
          ['POST', login, { mode: 'no-cors', body: new URLSearchParams(ALICE).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
        ])
        // Credentialed cross-origin DELETEs die at the preflight; the no-cors login gets an opaque answer.
        expect(fetched).to.deep.equal([
          `DELETE ${logout}: TypeError`,
          'DELETE /api/v1/users/me/sessions: TypeError',
          `DELETE /api/v1/users/${bobId}: TypeError`,
          `POST ${login}: opaque 0`,
        ])

        // Forms of the other site, submitted as a top-level navigation to the API.
        const { refresh } = ROUTES[mode.routes]
        const forms: Array<[string, Record<string, string>]> = [
          [logout, {}],
          ['/api/v1/users/me/sessions', {}],
          [login, ALICE],
          ['/api/v1/users', { email: 'mallory@hbtn.io', password: 'Mallory-pwd-1' }],
          ...(refresh === null ? [] : [[refresh, {}] as [string, Record<string, string>]]),
        ]
        for (const [path, fields] of forms) {
          expect(await submitForm(attacker, other, `${server.url}${path}`, fields), `form POST ${path}`).to.be.within(400, 499)
        }
        // A link followed from the other site: SameSite=Lax sends the cookie, and GET changes nothing.
        await attacker.goto(other)
        expect(await navigateFrom(attacker, `${server.url}${logout}`)).to.equal(405)

        const end = await logMark(server, 'the-other-site-ends')
        const answered = requestsLogged(server.output().slice(start, end))
        expect(answered.filter(({ method }) => method !== 'OPTIONS').every(({ status }) => status >= 400), JSON.stringify(answered)).to.equal(true)
        expect(answered.filter(({ method }) => method === 'DELETE'), 'no DELETE got past the preflight').to.deep.equal([])

        // Back on the API's page: still Bob, who still exists; no Mallory.
        await page.bringToFront()
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
        const bob = await page.evaluate(async (id) => (await fetch(`/api/v1/users/${id}`)).status, bobId)
        expect(bob).to.equal(200)
        const emails = await page.evaluate(async () => ((await (await fetch('/api/v1/users')).json()) as { email: string }[]).map(({ email }) => email))
        expect(emails).to.have.members([BOB.email, ALICE.email])
      })

      if (mode.routes !== 'token') return
      const { refresh, logout } = ROUTES.token

      it('sends the refresh_token cookie (Path=/api/v1/auth_jwt, HttpOnly, SameSite=Strict) to the token routes alone, and shows no token cookie to scripts', async function () {
        const sent = recordRequests(page)
        await logIn(page, mode, BOB)
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
        expect(await click(page, '#refresh')).to.include('"token_type": "Bearer"')
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
        expect(await scriptCookies(page)).to.equal('')
        // A document under the refresh cookie's Path: its scripts would see the cookie there, were it not HttpOnly.
        const under = await context.newPage()
        expect((await under.goto(`${server.url}${refresh}`))?.status()).to.equal(405)
        expect(await scriptCookies(under)).to.equal('')

        const requests = await sent()
        const cookiesOf = (method: string, path: string) => requests.filter((request) => request.method === method && request.path === path).map(({ cookie }) => cookieNames(cookie))
        expect(cookiesOf('GET', '/api/v1/users/me')).to.deep.equal([[SESSION_NAME], [SESSION_NAME]])
        expect(cookiesOf('POST', refresh).map((names) => [...names].sort())).to.deep.equal([[SESSION_NAME, REFRESH_COOKIE].sort()])
        const outside = requests.filter(({ path }) => !path.startsWith('/api/v1/auth_jwt/'))
        expect(outside.filter(({ cookie }) => cookieNames(cookie).includes(REFRESH_COOKIE)), 'refresh cookie sent outside the token routes').to.deep.equal([])
        const held = await context.cookies()
        expect(held.map(({ name, path, httpOnly, sameSite }) => ({ name, path, httpOnly, sameSite }))).to.have.deep.members([
          { name: SESSION_NAME, path: '/', httpOnly: true, sameSite: 'Lax' },
          { name: REFRESH_COOKIE, path: '/api/v1/auth_jwt', httpOnly: true, sameSite: 'Strict' },
        ])
      })

      it('lets a page of another site neither refresh nor log out with the user\'s cookies: the refresh cookie never goes with its requests', async function () {
        await logIn(page, mode, BOB)
        const start = await logMark(server, 'the-other-site-refreshes')
        const attacker = await context.newPage()
        const sent = recordRequests(attacker)
        const other = (otherSite as OtherSite).url
        await attacker.goto(other)
        const fetched = await fetchFromPage(attacker, server.url, [
          ['POST', refresh, { mode: 'no-cors' }],
          ['POST', refresh, { headers: { 'Content-Type': 'application/json' }, body: '{}' }],
          ['DELETE', logout, {}],
        ])
        expect(fetched).to.deep.equal([`POST ${refresh}: opaque 0`, `POST ${refresh}: TypeError`, `DELETE ${logout}: TypeError`])
        for (const path of [refresh, logout]) expect(await submitForm(attacker, other, `${server.url}${path}`, {}), `form POST ${path}`).to.be.within(400, 499)
        // A link to the refresh route: SameSite=Strict keeps the refresh cookie off even a top-level navigation.
        await attacker.goto(other)
        expect(await navigateFrom(attacker, `${server.url}${refresh}`)).to.equal(405)

        const end = await logMark(server, 'the-other-site-stops')
        const answered = requestsLogged(server.output().slice(start, end)).filter(({ method }) => method !== 'OPTIONS')
        expect(answered.filter(({ status }) => status < 400), JSON.stringify(answered)).to.deep.equal([])
        const toApi = (await sent()).filter(({ url }) => url.startsWith(server.url))
        expect(toApi.map(({ method, path }) => `${method} ${path}`)).to.include.members([`POST ${refresh}`, `GET ${refresh}`])
        expect(toApi.filter(({ cookie }) => cookieNames(cookie).includes(REFRESH_COOKIE)), 'refresh cookie sent on a request of the other site').to.deep.equal([])

        // Back on the API's page: the tokens still work and still refresh (rotation untouched).
        await page.bringToFront()
        expect(await click(page, '#refresh')).to.include('"token_type": "Bearer"')
        expect(await click(page, '#me')).to.include(`"email": "${BOB.email}"`)
      })
    })
  }
})

