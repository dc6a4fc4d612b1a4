// The try-it page (docs/browser.md): GET / answers one static HTML file, read once when the app is
// built, under a Content-Security-Policy that lets only its own inline script and style run.
import Router from '@koa/router'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AppState } from '../app_state.js'

/** The page's file; `npm run build` copies api/v1/static next to the compiled views. */
export const PAGE_FILE = new URL('../static/index.html', import.meta.url)

/** The page's path, excluded from the auth hook exactly (app.ts, EXCLUDED_PATHS). */
export const PAGE_PATH = '/'

export interface Page {
  readonly html: string
  /** The Content-Security-Policy header that goes with it. */
  readonly contentSecurityPolicy: string
}

/** Reads the page and derives its policy; throws when the file is missing or not one script and one style. */
export function loadPage(file: URL = PAGE_FILE): Page {
  const html = readFileSync(file, 'utf8')
  const where = fileURLToPath(file)
  return { html, contentSecurityPolicy: contentSecurityPolicy(inline(html, 'script', where), inline(html, 'style', where)) }
}

/**
 * Nothing is allowed but what the page needs: its one script and one style, by their SHA-256
 * (CSP Level 3 hash sources), requests to this origin, and its login form posting here. No frame
 * may embed it (clickjacking) and no <base> may redirect its relative URLs.
 */
export function contentSecurityPolicy(script: string, style: string): string {
  return [
    "default-src 'none'",
    `script-src '${hashSource(script)}'`,
    `style-src '${hashSource(style)}'`,
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
}

export function createPageRouter(page: Page): Router<AppState> {
  const router = new Router<AppState>({ sensitive: true })

  router.get(PAGE_PATH, function tryItPage(ctx) {
    ctx.set('Content-Security-Policy', page.contentSecurityPolicy)
    ctx.type = 'html'
    ctx.body = page.html
  })

  return router
}

function hashSource(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
}

// The text of the only <tag> element, which carries no attribute: the hash covers exactly it, and
// a second script or style (or one with a src) would be refused by the policy anyway.
function inline(html: string, tag: 'script' | 'style', where: string): string {
  const opened = html.split(`<${tag}`).length - 1
  const match = new RegExp(`<${tag}>([^]*?)</${tag}>`).exec(html)
  if (opened !== 1 || match === null) throw new Error(`${where}: the page must hold exactly one <${tag}> element, without attributes`)
  return match[1] ?? ''
}
