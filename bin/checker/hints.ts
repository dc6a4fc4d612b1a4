// The likely cause behind answers that fail many checks at once, said plainly: the server's login
// rate limit (429), or a server running with another AUTH_TYPE than --auth-type says.
import { CREDENTIAL_BY_MODE, MODES, type Mode } from './check.js'
import type { HttpResponse } from './http_client.js'
import { LOGIN } from './spec.js'

/** How a client proves who it is to a server: the credential kinds of CREDENTIAL_BY_MODE. */
export type Kind = 'open' | 'basic' | 'cookie' | 'bearer'

/** The answer that shows a server runs in a mode of this kind. */
export const EVIDENCE: Readonly<Record<Kind, string>> = {
  open: 'GET /api/v1/users without credentials answered 200',
  basic: 'GET /api/v1/users with the user\'s Basic header answered 200',
  cookie: 'logging in with the user\'s email and password set a session cookie',
  bearer: 'logging in at /api/v1/auth_jwt/login handed out an access token',
}

/** For a 429 answer to a login: the rate limit that tripped and how to run the checker again. */
export function rateLimitHint(response: HttpResponse): string | null {
  if (response.status !== 429 || new URL(response.request.url).pathname !== LOGIN) return null
  const retryAfter = response.headers.get('retry-after')
  const wait = retryAfter === null ? 'LOGIN_WINDOW_SECONDS' : `${retryAfter} s (Retry-After)`
  return `the server answered 429: its login rate limit tripped (too many failed logins for one email, `
    + 'LOGIN_MAX_ATTEMPTS_PER_EMAIL, or from one address, LOGIN_MAX_ATTEMPTS_PER_IP, within LOGIN_WINDOW_SECONDS); '
    + `wait ${wait}, or to run the checker repeatedly start the server with LOGIN_MAX_ATTEMPTS_PER_EMAIL=0 LOGIN_MAX_ATTEMPTS_PER_IP=0`
}

/** The server answered like a mode of `seen` kind, which `claimed` is not. */
export function modeMismatch(claimed: Mode, seen: Kind): string {
  return `the server does not behave like --auth-type ${claimed}: ${EVIDENCE[seen]}, as it does with ${modesOf(seen)}; `
    + `is it running with ${setting(claimed)}? (if not, give --auth-type the AUTH_TYPE it runs with)`
}

/** --auth-type none, but the server asks for credentials. */
export function notOpen(anonymousStatus: number): string {
  return `the server does not behave like --auth-type none: GET /api/v1/users without credentials answered ${anonymousStatus}, `
    + 'so it runs with an AUTH_TYPE; is it running with AUTH_TYPE unset? (if not, give --auth-type the AUTH_TYPE it runs with)'
}

function modesOf(kind: Kind): string {
  const modes = MODES.filter((mode) => CREDENTIAL_BY_MODE[mode] === kind).map(setting)
  return modes.length === 1 ? modes.join('') : `${modes.slice(0, -1).join(', ')} or ${modes.at(-1) ?? ''}`
}

function setting(mode: Mode): string {
  return mode === 'none' ? 'AUTH_TYPE unset' : `AUTH_TYPE=${mode}`
}
