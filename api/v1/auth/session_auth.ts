// SessionAuth (0x02 tasks 1–8): session ids (uuid4) mapped to user ids. Where the sessions live
// is the SessionStore it is given: this process's memory unless a subclass chooses another.
import { v4 as uuidv4 } from 'uuid'
import { systemClock, type Clock } from '../../../models/clock.js'
import { MemorySessionStore } from '../../../models/memory/session_store.js'
import type { SessionStore, StoredSession } from '../../../models/session_store.js'
import type { User, UserRepository } from '../../../models/user.js'
import { AMBIGUOUS_SESSION_COOKIE, Auth, type AuthOptions, type AuthRequest } from './auth.js'
import type { SessionEvent, SessionEventListener } from './session_events.js'

// Only ids this server could have issued reach a store: lowercase canonical uuid4.
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A new uuid4 session id (from a CSPRNG) as a flat string. Node builds randomUUID()'s result by
 * concatenation, a rope of ~500 heap bytes; a copy is 64 bytes, which matters with a million held.
 */
export function newSessionId(): string {
  return Buffer.from(uuidv4(), 'latin1').toString('latin1')
}

/** True for a string in the exact form of the session ids this server issues. */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value)
}

export class SessionAuth extends Auth {
  private readonly onSessionEvent: SessionEventListener | undefined

  constructor(
    options: AuthOptions,
    protected readonly users: UserRepository,
    /** The exercise's `user_id_by_session_id`: per instance, in memory unless told otherwise. */
    protected readonly sessions: SessionStore = new MemorySessionStore(),
    protected readonly clock: Clock = systemClock,
  ) {
    super(options)
    this.onSessionEvent = options.onSessionEvent
  }

  /** Seconds a session lives, 0 when sessions never expire (always, here). */
  get sessionDuration(): number {
    return 0
  }

  /** A new session id for the user, or null when userId is not a string (or cannot own one). */
  async createSession(userId: unknown): Promise<string | null> {
    if (typeof userId !== 'string') return null
    const sessionId = newSessionId()
    const stored = await this.sessions.create(sessionId, { userId, createdAt: this.clock.now().getTime() })
    if (!stored) return null
    this.emit({ event: 'created', sessionId, userId })
    return sessionId
  }

  /** The user id behind a session id, or null (not a session id, unknown, or no longer valid). */
  async userIdForSessionId(sessionId: unknown): Promise<string | null> {
    if (!isSessionId(sessionId)) return null
    const session = await this.sessions.get(sessionId)
    return session === null ? null : await this.ownerOf(sessionId, session)
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

  /** Ends the request's session; false when there is no request, no cookie or no such session. */
  async destroySession(request: AuthRequest | null): Promise<boolean> {
    const sessionId = this.sessionCookie(request)
    const userId = await this.userIdForSessionId(sessionId)
    if (sessionId === null || userId === null) return false
    const deleted = await this.sessions.delete(sessionId)
    if (deleted) this.emit({ event: 'destroyed', sessionId, userId })
    return deleted
  }

  /** Deletes every session of the user from the store (in the memory modes, this process's). */
  override async endAllSessions(userId: string): Promise<boolean> {
    await this.sessions.deleteByUser(userId)
    return true
  }

  /** How many sessions are stored (expired ones not yet purged included). */
  sessionCount(): Promise<number> {
    return this.sessions.count()
  }

  /** The owner of a stored session while it is valid, else null; here, always valid. */
  protected async ownerOf(_sessionId: string, session: StoredSession): Promise<string | null> {
    return session.userId
  }

  /** Reports a session event to the listener given in the options, if any (for logging). */
  protected emit(event: SessionEvent): void {
    this.onSessionEvent?.(event)
  }
}

function refusal(sessionId: string, userId: string | null): string {
  if (sessionId === AMBIGUOUS_SESSION_COOKIE) return 'ambiguous'
  if (!isSessionId(sessionId)) return 'malformed'
  return userId === null ? 'unknown' : 'user not found'
}
