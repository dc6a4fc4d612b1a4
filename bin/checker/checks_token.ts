// Checks of the token modes (jwt_auth, jwt_redis_auth; docs/tokens.md), beyond the exercise: the
// token login, the access token as Bearer or cookie, refresh, logout, and ending every session.
// Where the two modes differ (what a copied token can do after logout or refresh), each is held to
// its own promise.
import { REVOCABLE_TOKEN_MODES, TOKEN_MODES, exchange, scenario, type Check, type Mode } from './check.js'
import { loginErrors } from './checks_login.js'
import { expectMe } from './checks_session.js'
import { bearer, type CheckContext, type TokenPair } from './context.js'
import { cookieAttributes, setCookieFor } from './cookies.js'
import { anyCount, ensure, Matcher } from './expect.js'
import type { HttpResponse } from './http_client.js'
import { END_ALL_SESSIONS, FORBIDDEN, ME, TOKEN_LOGIN, TOKEN_LOGOUT, TOKEN_REFRESH, UNAUTHORIZED } from './spec.js'

const STATELESS_MODES: readonly Mode[] = TOKEN_MODES.filter((mode) => !REVOCABLE_TOKEN_MODES.includes(mode))
const REFRESH_COOKIE = 'refresh_token'
const REFRESH_PATH = '/api/v1/auth_jwt'
const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/
const anyJwt = new Matcher('<JWT>', (value) => typeof value === 'string' && JWT.test(value))
const anyToken = new Matcher('<token>', (value) => typeof value === 'string' && value.length >= 22)
const TOKEN_BODY = { access_token: anyJwt, refresh_token: anyToken, token_type: 'Bearer', expires_in: anyCount }

/** The decoded header and claims of a compact JWT (nothing verified: the server does that). */
function decode(token: string): { header: Record<string, unknown>, claims: Record<string, unknown> } {
  const [header = '', claims = ''] = token.split('.')
  const part = (text: string): Record<string, unknown> => JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>
  return { header: part(header), claims: part(claims) }
}

/** The access token with one claim changed and its signature kept: a forgery the server must refuse. */
function tampered(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.')
  const changed = { ...decode(token).claims, ...claims }
  return `${header}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`
}

async function refresh(ctx: CheckContext, refreshToken: string): Promise<HttpResponse> {
  return ctx.send({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: refreshToken } })
}

async function expectRefused(ctx: CheckContext, pair: Pick<TokenPair, 'accessToken' | 'refreshToken'>): Promise<void> {
  await ctx.expect({ method: 'GET', path: ME, headers: bearer(pair.accessToken) }, { status: 403, body: FORBIDDEN })
  await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: pair.refreshToken } }, { status: 403, body: FORBIDDEN })
}

// The two cookies a token answer sets, with the attributes every client relies on.
function expectTokenCookies(ctx: CheckContext, response: HttpResponse, expiresIn: number): void {
  const access = setCookieFor(response.setCookies, ctx.options.sessionName)
  ensure(access !== null, `the answer sets no ${ctx.options.sessionName} cookie (is --session-name right?)`, response)
  const accessAttributes = cookieAttributes(access)
  ensure(accessAttributes.get('path') === '/' && accessAttributes.has('httponly') && accessAttributes.get('samesite')?.toLowerCase() === 'lax'
    && accessAttributes.get('max-age') === String(expiresIn), `the ${ctx.options.sessionName} cookie is not Path=/; HttpOnly; SameSite=Lax; Max-Age=${expiresIn}`, response)
  const refreshCookie = setCookieFor(response.setCookies, REFRESH_COOKIE)
  ensure(refreshCookie !== null, `the answer sets no ${REFRESH_COOKIE} cookie`, response)
  const refreshAttributes = cookieAttributes(refreshCookie)
  ensure(refreshAttributes.get('path') === REFRESH_PATH && refreshAttributes.has('httponly') && refreshAttributes.get('samesite')?.toLowerCase() === 'strict'
    && /^\d+$/.test(refreshAttributes.get('max-age') ?? ''), `the ${REFRESH_COOKIE} cookie is not Path=${REFRESH_PATH}; HttpOnly; SameSite=Strict with a Max-Age`, response)
}

const login: Check[] = [
  ...loginErrors('token:0', TOKEN_MODES, TOKEN_LOGIN),
  exchange('token:0', TOKEN_MODES, { method: 'GET', path: TOKEN_LOGIN }, { status: 405 }),
  scenario('token:0', TOKEN_MODES, `POST ${TOKEN_LOGIN} answers 200 {access_token, refresh_token, token_type: "Bearer", expires_in}, the two cookies and Cache-Control: no-store`, async (ctx) => {
    const { email, password } = ctx.options
    const response = await ctx.expect({ method: 'POST', path: TOKEN_LOGIN, form: { email, password } },
      { status: 200, body: TOKEN_BODY, headers: { 'Cache-Control': 'no-store' } })
    expectTokenCookies(ctx, response, (response.json as { expires_in: number }).expires_in)
  }),
  scenario('token:0', TOKEN_MODES, 'the access token is an HS256 at+jwt with a kid, naming the user in sub, with iss, aud, a uuid jti, and exp = iat + expires_in', async (ctx) => {
    const { accessToken, response } = await ctx.tokenLogin()
    const { header, claims } = decode(accessToken)
    ensure(header.alg === 'HS256' && header.typ === 'at+jwt' && typeof header.kid === 'string', `the header is ${JSON.stringify(header)}`, response)
    const me = await ctx.expect({ method: 'GET', path: ME, headers: bearer(accessToken) }, { status: 200 })
    ensure(claims.sub === (me.json as { id: string }).id, 'sub is not the id of the user', response)
    for (const claim of ['iss', 'aud', 'jti']) ensure(typeof claims[claim] === 'string', `the claim ${claim} is missing`, response)
    const expiresIn = (response.json as { expires_in: number }).expires_in
    ensure(claims.exp === Number(claims.iat) + expiresIn, `exp (${String(claims.exp)}) is not iat (${String(claims.iat)}) + expires_in (${expiresIn})`, response)
  }),
]

const access: Check[] = [
  scenario('token:1', TOKEN_MODES, 'the access token identifies the user as a Bearer header and as the SESSION_NAME cookie', async (ctx) => {
    const { accessToken } = await ctx.tokenLogin()
    await expectMe(ctx, bearer(accessToken))
    await expectMe(ctx, ctx.cookie(accessToken))
    await expectMe(ctx, { ...ctx.cookie(accessToken), Authorization: 'Basic junk' })
  }),
  exchange('token:1', TOKEN_MODES, { method: 'GET', path: ME }, { status: 401, body: UNAUTHORIZED }),
  exchange('token:1', TOKEN_MODES, { method: 'GET', path: ME, headers: { Authorization: 'Bearer not.a.token' } }, { status: 403, body: FORBIDDEN }),
  scenario('token:1', TOKEN_MODES, 'a forged access token (alg none, a changed sub, an exp in the past, the refresh token) answers 403 {"error":"Forbidden"}', async (ctx) => {
    const { accessToken, refreshToken } = await ctx.tokenLogin()
    const [, payload] = accessToken.split('.')
    const unsigned = `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${payload}.`
    const forgeries = [unsigned, tampered(accessToken, { sub: '00000000-0000-4000-8000-000000000000' }), tampered(accessToken, { exp: 1 }), refreshToken]
    for (const token of forgeries) await ctx.expect({ method: 'GET', path: ME, headers: bearer(token) }, { status: 403, body: FORBIDDEN })
  }),
]

const refreshing: Check[] = [
  exchange('token:2', TOKEN_MODES, { method: 'POST', path: TOKEN_REFRESH }, { status: 401, body: UNAUTHORIZED }),
  exchange('token:2', TOKEN_MODES, { method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: 'junk.junk' } }, { status: 403, body: FORBIDDEN }),
  scenario('token:2', TOKEN_MODES, 'an access token sent as the refresh token answers 403 {"error":"Forbidden"}', async (ctx) => {
    await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: (await ctx.tokenLogin()).accessToken } }, { status: 403, body: FORBIDDEN })
  }),
  scenario('token:2', TOKEN_MODES, 'a refresh (JSON body or refresh_token cookie) answers 200 with a new access token that identifies the user', async (ctx) => {
    const { refreshToken } = await ctx.tokenLogin()
    const first = await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: refreshToken } }, { status: 200, body: TOKEN_BODY })
    expectTokenCookies(ctx, first, (first.json as { expires_in: number }).expires_in)
    const { access_token: accessToken, refresh_token: next } = first.json as { access_token: string, refresh_token: string }
    await expectMe(ctx, bearer(accessToken))
    await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, headers: { Cookie: `${REFRESH_COOKIE}=${next}` } }, { status: 200, body: TOKEN_BODY })
  }),
  scenario('token:2', STATELESS_MODES, 'a refresh hands back the same refresh token, which keeps working', async (ctx) => {
    const { refreshToken } = await ctx.tokenLogin()
    const first = await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: refreshToken } }, { status: 200, body: { ...TOKEN_BODY, refresh_token: refreshToken } })
    ensure(first.status === 200, 'the first refresh failed')
    await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: refreshToken } }, { status: 200, body: { ...TOKEN_BODY, refresh_token: refreshToken } })
  }),
  scenario('token:2', REVOCABLE_TOKEN_MODES, 'a refresh rotates the refresh token; showing the spent one again ends the whole family: 403 for it, the new one and their access tokens', async (ctx) => {
    const login = await ctx.tokenLogin()
    const rotated = await refresh(ctx, login.refreshToken)
    ensure(rotated.status === 200, `the refresh answered ${rotated.status}`, rotated)
    const next = rotated.json as { access_token: string, refresh_token: string }
    ensure(next.refresh_token !== login.refreshToken, 'the refresh handed back the same refresh token', rotated)
    await ctx.expect({ method: 'POST', path: TOKEN_REFRESH, json: { refresh_token: login.refreshToken } }, { status: 403, body: FORBIDDEN })
    await expectRefused(ctx, { accessToken: next.access_token, refreshToken: next.refresh_token })
    await ctx.expect({ method: 'GET', path: ME, headers: bearer(login.accessToken) }, { status: 403, body: FORBIDDEN })
  }),
]

const logout: Check[] = [
  exchange('token:3', TOKEN_MODES, { method: 'DELETE', path: TOKEN_LOGOUT }, { status: 401, body: UNAUTHORIZED }),
  scenario('token:3', TOKEN_MODES, `DELETE ${TOKEN_LOGOUT} answers 200 {} and clears both cookies (Max-Age=0)`, async (ctx) => {
    const { accessToken } = await ctx.tokenLogin()
    const response = await ctx.expect({ method: 'DELETE', path: TOKEN_LOGOUT, headers: bearer(accessToken) }, { status: 200, body: {} })
    for (const name of [ctx.options.sessionName, REFRESH_COOKIE]) {
      const header = setCookieFor(response.setCookies, name)
      ensure(header !== null && cookieAttributes(header).get('max-age') === '0', `the answer does not clear the ${name} cookie with Max-Age=0`, response)
    }
  }),
  scenario('token:3', STATELESS_MODES, 'after logout a copied access token still answers 200 until it expires: logout here revokes nothing', async (ctx) => {
    const { accessToken } = await ctx.tokenLogin()
    await ctx.expect({ method: 'DELETE', path: TOKEN_LOGOUT, headers: bearer(accessToken) }, { status: 200, body: {} })
    await expectMe(ctx, bearer(accessToken))
  }),
  scenario('token:3', REVOCABLE_TOKEN_MODES, 'after logout the access token and the refresh token of that login answer 403 {"error":"Forbidden"}', async (ctx) => {
    const pair = await ctx.tokenLogin()
    await ctx.expect({ method: 'DELETE', path: TOKEN_LOGOUT, headers: bearer(pair.accessToken) }, { status: 200, body: {} })
    await expectRefused(ctx, pair)
  }),
]

const endAll: Check[] = [
  scenario('token:4', STATELESS_MODES, `DELETE ${END_ALL_SESSIONS} answers 400 {"error":"sessions are not revocable in this mode"}`, async (ctx) => {
    const { accessToken } = await ctx.tokenLogin()
    await ctx.expect({ method: 'DELETE', path: END_ALL_SESSIONS, headers: bearer(accessToken) }, { status: 400, body: { error: 'sessions are not revocable in this mode' } })
  }),
  scenario('token:4', REVOCABLE_TOKEN_MODES, `DELETE ${END_ALL_SESSIONS} answers 200 {} and ends every login of the user: all its access and refresh tokens answer 403`, async (ctx) => {
    const [first, second] = [await ctx.tokenLogin(), await ctx.tokenLogin()]
    await ctx.expect({ method: 'DELETE', path: END_ALL_SESSIONS, headers: bearer(first.accessToken) }, { status: 200, body: {} })
    await expectRefused(ctx, first)
    await expectRefused(ctx, second)
  }),
]

/** Every check of the token modes, in task order. */
export const tokenChecks: readonly Check[] = [...login, ...access, ...refreshing, ...logout, ...endAll]
