// SessionAuth (0x02 tasks 1–8): session ids (uuid4) mapped to user ids, in this process's memory.
// Storage methods are async so subclasses backed by a database keep the same signatures.
import { v4 as uuidv4 } from 'uuid'
import type { User, UserRepository } from '../../../models/user.js'
import { AMBIGUOUS_SESSION_COOKIE, Auth, type AuthOptions, type AuthRequest } from './auth.js'
import type { SessionEvent, SessionEventListener } from './session_events.js'

// Only ids this server could have issued reach a store: lowercase canonical uuid4.
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A new uuid4 session id as a flat string. Node builds randomUUID()'s result by concatenation, a
 * rope of ~500 heap bytes; a copy is 64 bytes, which matters with a million sessions held.
 */
export function newSessionId(): string {
  return Buffer.from(uuidv4(), 'latin1').toString('latin1')
}

/** True for a string in the exact form of the session ids this server issues. */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value)
}

export class SessionAuth extends Auth {
  /** Session id → user id; one user may own many sessions. Instance state, never shared. */
  protected readonly userIdBySessionId = new Map<string, string>()

  private readonly onSessionEvent: SessionEventListener | undefined

  // False when a subclass keeps sessions elsewhere (overrides findSession) but does not say how
  // to peek at them: then every request asks findSession, never this class's map.
  private readonly peeks: boolean

  constructor(options: AuthOptions, protected readonly users: UserRepository) {
    super(options)
    this.onSessionEvent = options.onSessionEvent
    const findOwner = ownerOf(this, 'findSession')
    const peekOwner = ownerOf(this, 'peekSession')
    this.peeks = findOwner !== null && peekOwner !== null && (findOwner === peekOwner || findOwner.isPrototypeOf(peekOwner))
  }

  /** Seconds a session lives, 0 when sessions never expire (always, in memory). */
  get sessionDuration(): number {
    return 0
  }

  /** A new session id for the user, or null when userId is not a string (or cannot own one). */
  async createSession(userId: unknown): Promise<string | null> {
    if (typeof userId !== 'string') return null
    const sessionId = newSessionId()
    if (!(await this.storeSession(sessionId, userId))) return null
    this.emit({ event: 'created', sessionId, userId })
    return sessionId
  }

  /** The user id behind a session id, or null (not a session id, or unknown). */
  userIdForSessionId(sessionId: unknown): Promise<string | null> {
    return isSessionId(sessionId) ? this.findSession(sessionId) : Promise.resolve(null)
  }

  /** The user behind the request's session cookie, or null at any missing step. */
  override async currentUser(request: AuthRequest | null): Promise<User | null> {
    const sessionId = this.sessionCookie(request)
    const userId = await this.userIdForSessionId(sessionId)
    const user = userId === null ? null : await this.users.get(userId)
    if (user === null && sessionId !== null) {
      this.emit({ event: 'refused', sessionId, userId, reason: refusal(sessionId, userId) })
    }
    return user
  }

  override knownUser(request: AuthRequest | null): Readonly<User> | undefined {
    if (!this.peeks) return undefined
    // No format check: only ids this server issued are ever stored, so anything else finds nothing.
    const sessionId = this.sessionCookie(request)
    const userId = sessionId === null ? undefined : this.peekSession(sessionId)
    return userId === undefined ? undefined : this.users.peek(userId)
  }

  /** Ends the request's session; false when there is no request, no cookie or no such session. */
  async destroySession(request: AuthRequest | null): Promise<boolean> {
    const sessionId = this.sessionCookie(request)
    const userId = isSessionId(sessionId) ? await this.userIdForSessionId(sessionId) : null
    if (sessionId === null || userId === null) return false
    const deleted = await this.deleteSession(sessionId)
    if (deleted) this.emit({ event: 'destroyed', sessionId, userId })
    return deleted
  }

  /** Reports a session event to the listener given in the options, if any (issue 5 logging). */
  protected emit(event: SessionEvent): void {
    this.onSessionEvent?.(event)
  }

  /** How many sessions are stored (expired ones not yet purged included). */
  async sessionCount(): Promise<number> {
    return this.userIdBySessionId.size
  }

  // Storage hooks: subclasses with other storage (expiring records, a database) override these
  // three and keep the exercise's public methods above unchanged. False: not stored.
  protected async storeSession(sessionId: string, userId: string): Promise<boolean> {
    this.userIdBySessionId.set(sessionId, userId)
    return true
  }

  protected async findSession(sessionId: string): Promise<string | null> {
    return this.userIdBySessionId.get(sessionId) ?? null
  }

  /**
   * The user id of a live stored session when memory alone can tell, else undefined (then
   * findSession decides). A subclass that overrides findSession overrides this too, or it is
   * never asked.
   */
  protected peekSession(sessionId: string): string | undefined {
    return this.userIdBySessionId.get(sessionId)
  }

  /** Removes one stored session; subclasses with other storage override this. */
  protected async deleteSession(sessionId: string): Promise<boolean> {
    return this.userIdBySessionId.delete(sessionId)
  }
}

// The class on the prototype chain of `object` that defines `name` itself, or null.
function ownerOf(object: object, name: string): object | null {
  for (let proto = Object.getPrototypeOf(object) as object | null; proto !== null; proto = Object.getPrototypeOf(proto) as object | null) {
    if (Object.hasOwn(proto, name)) return proto
  }
  return null
}

function refusal(sessionId: string, userId: string | null): string {
  if (sessionId === AMBIGUOUS_SESSION_COOKIE) return 'ambiguous'
  if (!isSessionId(sessionId)) return 'malformed'
  return userId === null ? 'unknown' : 'user not found'
}
