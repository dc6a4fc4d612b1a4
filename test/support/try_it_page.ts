// Driving the try-it page at / in the browser tests: its buttons, what its scripts see, navigations
// a page of another site starts, and the server's request log read around them.
import { expect } from 'chai'
import type { BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from './server_process.js'

// What the functions given to page.evaluate use of the page's globals: they run in the browser,
// where these exist. Declared for this file alone, so no DOM type reaches the rest of the project.
interface PageElement { append(...children: PageElement[]): void }
declare const document: {
  readonly cookie: string
  readonly body: PageElement
  createElement(tag: 'form'): PageElement & { method: string, action: string, submit(): void }
  createElement(tag: 'input'): PageElement & { type: string, name: string, value: string }
  addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string, blockedURI: string }) => void): void
}
declare const location: { href: string }

// The page's two families of login routes (its radio buttons), as in the page's own script.
export const ROUTES = {
  session: { login: '/api/v1/auth_session/login', logout: '/api/v1/auth_session/logout', refresh: null },
  token: { login: '/api/v1/auth_jwt/login', logout: '/api/v1/auth_jwt/logout', refresh: '/api/v1/auth_jwt/refresh' },
} as const

/** A mode as the page sees it: which of its login routes to choose, and the cookies that hold credentials. */
export interface BrowserMode {
  readonly authType: string
  readonly routes: keyof typeof ROUTES
  /** Whether DELETE /users/me/sessions ends sessions (false: 400 where the server keeps no state). */
  readonly revocable: boolean
  /** Every cookie the mode sets at login; all must be HttpOnly. */
  readonly cookies: readonly string[]
  readonly env?: Readonly<Record<string, string>>
  /** Runs on the test run's Redis (its REDIS_URL, a key prefix of its own). */
  readonly redis?: boolean
}

/** Opens the page (`url` + `/`) in a new tab of `context`; the policy violations it reports are kept. */
export async function openPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage()
  // Before the page's own script runs: every policy violation the page reports is kept.
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.defineProperty(globalThis, 'cspViolations', { value: seen })
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  const response = await page.goto(`${url}/`)
  expect(response?.status()).to.equal(200)
  return page
}

/** Every Content-Security-Policy violation the page reported since it opened. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as { cspViolations: string[] }).cspViolations)
}

/**
 * Chooses the mode's login routes, fills the form and logs in; throws unless the answer is the user
 * (session routes) or a token body whose tokens the page hides (token routes).
 */
export async function logIn(page: Page, mode: BrowserMode, user: { email: string, password: string }): Promise<void> {
  await page.check(`input[name="family"][value="${mode.routes}"]`)
  await page.fill('#email', user.email)
  await page.fill('#password', user.password)
  const answer = await click(page, '#login-button')
  if (mode.routes === 'session') return void expect(answer).to.include(`"email": "${user.email}"`)
  expect(answer).to.include('"token_type": "Bearer"').and.include('"access_token": "(hidden').and.not.match(/eyJ/)
}

/** Clicks a button and waits for the page to show the API's answer; throws unless its status is `status`. */
export async function click(page: Page, selector: string, status = 200): Promise<string> {
  await page.click(selector)
  const answer = page.locator('#answer[data-status]')
  await answer.waitFor()
  const text = (await answer.textContent()) ?? ''
  expect(await answer.getAttribute('data-status'), text).to.equal(String(status))
  return text
}

/** Logs in from outside the browser (another device) and returns the Cookie header that carries it. */
export async function loginElsewhere(url: string, mode: BrowserMode, user: { email: string, password: string }): Promise<string> {
  const response = await fetch(`${url}${ROUTES[mode.routes].login}`, { method: 'POST', body: new URLSearchParams(user) })
  expect(response.status).to.equal(200)
  return response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ')
}

/** Submits a form built on `page` (of the other site) to `action`; resolves with the status it navigated to. */
export async function submitForm(page: Page, from: string, action: string, fields: Record<string, string>): Promise<number> {
  await page.goto(from)
  return navigateFrom(page, action, fields)
}

// A navigation the page itself starts (not the test's address bar), so the browser treats it as
// coming from the page's site: a link followed, or a form posted when `fields` are given.
export async function navigateFrom(page: Page, url: string, fields?: Record<string, string>): Promise<number> {
  const navigation = page.waitForNavigation({ url: (target) => target.href.startsWith(url) })
  await page.evaluate(({ url, fields }) => {
    if (fields === undefined) return void (location.href = url)
    const form = document.createElement('form')
    form.method = 'POST'
    form.action = url
    for (const [name, value] of Object.entries(fields)) {
      const input = document.createElement('input')
      Object.assign(input, { type: 'hidden', name, value })
      form.append(input)
    }
    document.body.append(form)
    form.submit()
  }, { url, fields })
  return (await navigation)?.status() ?? 0
}

/**
 * Sends a request of its own to the server and waits for its log line: the offset in the output
 * where it ends, so every request logged after it came later.
 */
export async function logMark(server: ServerProcess, name: string): Promise<number> {
  const path = `/api/v1/${name}`
  await fetch(`${server.url}${path}`)
  for (;;) {
    const at = server.output().indexOf(`"path":"${path}"`)
    if (at !== -1) return server.output().indexOf('\n', at) + 1
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** What the page's own scripts read in `document.cookie`. */
export function scriptCookies(page: Page): Promise<string> {
  return page.evaluate(() => document.cookie)
}

/** The request lines of the server's log: method, path and status of each answer. */
export function requestsLogged(output: string): { method: string, path: string, status: number }[] {
  return output.split('\n').filter((line) => line.includes('"event":"request"'))
    .map((line) => JSON.parse(line) as { method: string, path: string, status: number })
    .map(({ method, path, status }) => ({ method, path, status }))
}

/** A request a page sent, with the Cookie header the browser put on it ('' when none). */
export interface SentRequest {
  readonly method: string
  readonly url: string
  readonly path: string
  readonly cookie: string
}

/** Starts recording every request `page` sends; the function returned waits for and lists them. */
export function recordRequests(page: Page): () => Promise<SentRequest[]> {
  const seen: Promise<SentRequest>[] = []
  page.on('request', (request) => {
    // allHeaders(), not headers(): only the raw headers hold the Cookie the browser added.
    seen.push(request.allHeaders().then((headers) => {
      const url = new URL(request.url())
      return { method: request.method(), url: url.href, path: url.pathname, cookie: headers.cookie ?? '' }
    }))
  })
  return () => Promise.all(seen)
}

/** A request a page's script sends: method, path under the API, fetch options (serializable). */
export type ScriptFetch = readonly [method: string, path: string, init: RequestInit]

/**
 * Sends each request from `page`'s own scripts to `api` with `credentials: 'include'` (the user's
 * cookies, if the browser lets them go); answers `<method> <path>: <type> <status>`, or the name of
 * the error fetch threw (a refused preflight is a TypeError).
 */
export function fetchFromPage(page: Page, api: string, attempts: readonly ScriptFetch[]): Promise<string[]> {
  return page.evaluate(async ({ api, attempts }) => {
    const results: string[] = []
    for (const [method, path, init] of attempts) {
      try {
        const response = await fetch(`${api}${path}`, { method, credentials: 'include', ...init })
        results.push(`${method} ${path}: ${response.type} ${response.status}`)
      } catch (error) {
        results.push(`${method} ${path}: ${(error as Error).name}`)
      }
    }
    return results
  }, { api, attempts: attempts.map(([method, path, init]): [string, string, RequestInit] => [method, path, init]) })
}

/** The names of the cookies in a Cookie header, in order. */
export function cookieNames(header: string): string[] {
  return header === '' ? [] : header.split(';').map((pair) => pair.split('=')[0]?.trim() ?? '')
}
