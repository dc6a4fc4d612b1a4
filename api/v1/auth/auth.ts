// Auth, the base class of the exercise's hierarchy (0x01 task 3, 0x02 task 4): which paths need
// authentication, and where credentials are read from. It decides nothing about HTTP answers.
import type { User } from '../../../models/user.js'
import type { SessionEventListener } from './session_events.js'

/**
 * What sessionCookie answers when the request carries several distinct values for the session
 * cookie (RFC 6265bis: servers must not rely on their order): never a session id, so it
 * authenticates nobody, whatever the order (docs/security.md, Sessions).
 */
export const AMBIGUOUS_SESSION_COOKIE = '(ambiguous session cookie)'

/** The part of a request the auth classes read; Koa's ctx satisfies it. */
export interface AuthRequest {
  /** A request header's value, '' when absent (Koa's ctx.get). */
  get(field: string): string
  readonly cookies: { get(name: string): string | undefined }
  /** The client's address (Koa's ctx.ip), counted by the credential limit; absent in hand-made requests. */
  readonly ip?: string
}

export interface AuthOptions {
  /** Name of the session cookie (SESSION_NAME). */
  readonly sessionName: string
  /** Told about session creation, destruction, expiry and refusal (for logging). */
  readonly onSessionEvent?: SessionEventListener
}

export class Auth {
  readonly sessionName: string

  constructor(options: AuthOptions) {
    this.sessionName = options.sessionName
  }

  /**
   * False when the path is excluded. Entries match with or without their trailing slash; an entry
   * ending in `*` excludes every path starting with what precedes the star.
   */
  requireAuth(path: string | null, excludedPaths: readonly string[] | null): boolean {
    if (path === null || excludedPaths === null) return true
    for (const entry of excludedPaths) if (excludes(entry, path)) return false
    return true
  }

  /** The raw Authorization header, or null when there is no request or no (or an empty) header. */
  authorizationHeader(request: AuthRequest | null): string | null {
    if (request === null) return null
    return request.get('authorization') || null
  }

  /**
   * The raw value of the SESSION_NAME cookie, or null when there is no request or no cookie;
   * AMBIGUOUS_SESSION_COOKIE when the request carries several distinct values for it.
   */
  sessionCookie(request: AuthRequest | null): string | null {
    if (request === null) return null
    const header = request.get('cookie')
    // A request object without a Cookie header (a hand-made one) may still carry cookies.
    if (header === '') return request.cookies.get(this.sessionName) || null
    return singleCookieValue(header, this.sessionName)
  }

  /** The authenticated user; always null in the base class. */
  async currentUser(_request: AuthRequest | null): Promise<User | null> {
    return null
  }

  /**
   * Ends every session (or token family) of the user, on every process sharing the store; false
   * when this mode keeps no server state to end (docs/api.md, Ending every session).
   */
  async endAllSessions(_userId: string): Promise<boolean> {
    return false
  }
}

const SLASH = 0x2f
const STAR = 0x2a
const SPACE = 0x20
const EQUALS = 0x3d

// Compares by length and character codes first, building no string unless the lengths fit: the
// hook asks this of every entry on every request.
function excludes(entry: string, path: string): boolean {
  const last = entry.charCodeAt(entry.length - 1)
  if (last === STAR) return path.startsWith(entry.slice(0, -1))
  const bareLength = last === SLASH ? entry.length - 1 : entry.length
  if (path.length === bareLength) return entry.startsWith(path)
  return path.length === bareLength + 1 && path.charCodeAt(bareLength) === SLASH && path.startsWith(entry.slice(0, bareLength))
}

/**
 * The one value the Cookie header sends for `name`, null when none (or empty), and
 * AMBIGUOUS_SESSION_COOKIE when it sends several different ones.
 */
export function singleCookieValue(header: string, name: string): string | null {
  const [first, ...others] = cookieValues(header, name)
  if (others.some((value) => value !== first)) return AMBIGUOUS_SESSION_COOKIE
  return first || null
}

/**
 * Every value sent for the cookie `name`, in order: the name matched exactly (case-sensitive),
 * the value up to the next `;`, without one pair of surrounding double quotes (RFC 6265 §4.1.1,
 * as Koa's cookie reader and Flask do), never URL-decoded. Node joins several Cookie headers
 * with `; `, so this sees them all.
 */
export function cookieValues(header: string, name: string): string[] {
  const values: string[] = []
  // One scan of the header, pair by pair: no array of pairs, no regular expression per pair.
  for (let start = 0; start < header.length;) {
    const semicolon = header.indexOf(';', start)
    const end = semicolon === -1 ? header.length : semicolon
    let at = start
    while (header.charCodeAt(at) === SPACE) at += 1
    if (header.startsWith(name, at) && header.charCodeAt(at + name.length) === EQUALS) {
      const value = header.slice(at + name.length + 1, end)
      values.push(value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value)
    }
    start = end + 1
  }
  return values
}
