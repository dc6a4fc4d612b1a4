// Before the checks: does the server behave like the --auth-type given, and can the --email user
// authenticate in it? Either problem fails many checks at once, so a note first names the likely
// cause: another AUTH_TYPE, the login rate limit, or the user and its password.
import { CREDENTIAL_BY_MODE } from './check.js'
import { basicHeader, type CheckContext } from './context.js'
import { CheckFailure } from './expect.js'
import { modeMismatch, notOpen, rateLimitHint, type Kind } from './hints.js'
import type { HttpResponse } from './http_client.js'
import { LOGIN, TOKEN_LOGIN } from './spec.js'

const USERS = '/api/v1/users'

interface Problem {
  readonly message: string
  readonly response: HttpResponse | null
}

/** The note to print before the checks, or null when the server and the user look right. */
export async function preflightNote(ctx: CheckContext): Promise<string | null> {
  const claimed = CREDENTIAL_BY_MODE[ctx.mode]
  const asUser = claimed === 'basic' || claimed === 'cookie' || claimed === 'bearer'
  const problem = asUser ? await userProblem(ctx) : null
  if (asUser && problem === null) return null
  const limited = problem?.response ? rateLimitHint(problem.response) : null
  if (limited !== null) return limited
  const seen = await observe(ctx, asUser ? claimed : null)
  if (seen.rateLimited !== null) return rateLimitHint(seen.rateLimited)
  if (seen.kind !== null && seen.kind !== claimed) return modeMismatch(ctx.mode, seen.kind)
  if (claimed === 'open' && seen.kind === null) return notOpen(seen.anonymousStatus)
  return problem === null ? null : `${ctx.options.email} cannot authenticate (${problem.message}): the checks that act as this user will fail; `
    + 'is the user created, and are --email and --password right?'
}

// GET /api/v1/users as the user, with the credentials of the mode (a login in session modes).
async function userProblem(ctx: CheckContext): Promise<Problem | null> {
  try {
    const response = await ctx.send({ method: 'GET', path: USERS, as: 'user' })
    return response.status === 200 ? null : { message: `GET ${USERS} as this user answered ${response.status}`, response }
  } catch (error) {
    if (error instanceof CheckFailure) return { message: error.message, response: error.response }
    return { message: error instanceof Error ? error.message : String(error), response: null }
  }
}

interface Observed {
  /** The kind of mode the answers show; null when none of the probes succeeded. */
  readonly kind: Kind | null
  readonly anonymousStatus: number
  /** The login probe's answer when it was refused by the rate limit. */
  readonly rateLimited: HttpResponse | null
}

// Which credentials the server accepts: none, the user's Basic header, a session login or a token
// login. `tried` is the kind already tried (and refused) as the user, not asked again.
async function observe(ctx: CheckContext, tried: Kind | null): Promise<Observed> {
  const { email, password } = ctx.options
  const anonymous = await ctx.send({ method: 'GET', path: USERS })
  const seen = (kind: Kind | null, rateLimited: HttpResponse | null = null): Observed => ({ kind, anonymousStatus: anonymous.status, rateLimited })
  if (anonymous.status === 200) return seen('open')
  if (tried !== 'basic' && (await ctx.send({ method: 'GET', path: USERS, headers: basicHeader(email, password) })).status === 200) return seen('basic')
  if (tried !== 'cookie') {
    const login = await ctx.send({ method: 'POST', path: LOGIN, form: { email, password } })
    if (login.status === 429) return seen(null, login)
    if (login.status === 200 && login.setCookies.length > 0) return seen('cookie')
  }
  if (tried === 'bearer') return seen(null)
  const tokenLogin = await ctx.send({ method: 'POST', path: TOKEN_LOGIN, form: { email, password } })
  if (tokenLogin.status === 429) return seen(null, tokenLogin)
  return seen(tokenLogin.status === 200 ? 'bearer' : null)
}
