// BasicAuth (0x01 tasks 6–12): the user from an `Authorization: Basic <base64(email:password)>`
// header. Every step answers null on any failure, so the chain in currentUser stays flat. A header
// bcrypt verified is remembered briefly (credential_cache.ts) while its user stays the same.
import { systemClock } from '../../../models/clock.js'
import type { User, UserRepository } from '../../../models/user.js'
import type { AttemptTicket } from '../../../models/attempt_store.js'
import { Auth, type AuthOptions, type AuthRequest } from './auth.js'
import { CredentialCache, type VerifiedCredential } from './credential_cache.js'

/** What counts failed credential checks (the login limit); admit throws TooManyAttemptsError past it. */
export interface CredentialLimit {
  admit(email: string, ip: string): Promise<AttemptTicket>
  forgive(ticket: AttemptTicket): Promise<void>
}

export interface Credentials {
  readonly email: string | null
  readonly password: string | null
}

const NO_CREDENTIALS: Credentials = Object.freeze({ email: null, password: null })
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
// RFC 7617 §2: the user-id and password must not contain control characters.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/
// ignoreBOM keeps a leading U+FEFF in the text: the credentials are exactly what was encoded.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export class BasicAuth extends Auth {
  constructor(
    options: AuthOptions,
    protected readonly users: UserRepository,
    private readonly verified = new CredentialCache({ clock: systemClock }),
    /** Counts every header that needs a bcrypt verification, as logins are counted; none when absent. */
    private readonly limit: CredentialLimit | null = null,
  ) {
    super(options)
  }

  /** What follows `Basic ` (capital B, one space), or null. */
  extractBase64AuthorizationHeader(header: unknown): string | null {
    if (typeof header !== 'string' || !header.startsWith('Basic ')) return null
    return header.slice('Basic '.length)
  }

  /**
   * The decoded text, or null unless the input is canonical Base64 (RFC 4648 §4: no whitespace,
   * no URL-safe letters, exact padding) of valid UTF-8 free of control characters.
   */
  decodeBase64AuthorizationHeader(encoded: unknown): string | null {
    if (typeof encoded !== 'string' || !BASE64.test(encoded)) return null
    const bytes = Buffer.from(encoded, 'base64')
    // Non-zero pad bits (`SGl=` for `SGk=`) would let many spellings name one credential.
    if (bytes.toString('base64') !== encoded) return null
    try {
      const text = utf8.decode(bytes)
      return CONTROL_CHARACTER.test(text) ? null : text
    } catch {
      return null
    }
  }

  /** Email and password split at the first `:` (the password may contain more); nulls without one. */
  extractUserCredentials(decoded: unknown): Credentials {
    if (typeof decoded !== 'string') return NO_CREDENTIALS
    const colon = decoded.indexOf(':')
    if (colon === -1) return NO_CREDENTIALS
    return { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
  }

  /** The user with this email and password, or null (not strings, no such user, wrong password). */
  async userObjectFromCredentials(email: unknown, password: unknown): Promise<User | null> {
    if (typeof email !== 'string' || typeof password !== 'string') return null
    return (await this.users.authenticate(email, password)).user
  }

  override async currentUser(request: AuthRequest | null): Promise<User | null> {
    const header = this.authorizationHeader(request)
    if (header === null) return null
    const remembered = this.verified.get(header)
    if (remembered !== null) {
      const user = await this.userMatching(remembered)
      if (user !== null) return user
      this.verified.forget(header)
    }
    // The exercise's chain; only what bcrypt has to check counts (never a remembered success).
    const { email, password } = this.extractUserCredentials(this.decodeBase64AuthorizationHeader(this.extractBase64AuthorizationHeader(header)))
    const ticket = this.limit === null || email === null ? null : await this.limit.admit(email, request?.ip ?? '')
    const credential = await this.verified.verifyOnce(header, () => this.verify(email, password))
    if (credential === null) return null
    if (ticket !== null) await this.limit?.forgive(ticket)
    return this.userMatching(credential)
  }

  // What the credentials prove, once bcrypt has checked them, or null.
  private async verify(email: string | null, password: string | null): Promise<VerifiedCredential | null> {
    const user = await this.userObjectFromCredentials(email, password)
    if (user?.email == null || user.passwordHash === null) return null
    return { userId: user.id, email: user.email, passwordHash: user.passwordHash }
  }

  // The user a verification proved, re-read by primary key: a deleted user, or a changed email or
  // password hash (in this process or another one), makes the verification worthless.
  private async userMatching(credential: VerifiedCredential): Promise<User | null> {
    const user = await this.users.get(credential.userId)
    return user !== null && matches(user, credential) ? user : null
  }
}

// A remembered credential still names the user only while its email and hash are unchanged.
function matches(user: User, credential: VerifiedCredential): boolean {
  return user.email === credential.email && user.passwordHash === credential.passwordHash
}
