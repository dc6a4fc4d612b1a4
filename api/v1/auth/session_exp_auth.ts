// SessionExpAuth (0x02 task 9): SessionAuth plus the expiry rule. A session ends SESSION_DURATION
// seconds after its creation, checked here on the server whatever the cookie says; expired sessions
// are deleted when looked up, and purged from the store before each new one (so storage stays bounded).
import type { Clock } from '../../../models/clock.js'
import { MemorySessionStore } from '../../../models/memory/session_store.js'
import type { SessionStore, StoredSession } from '../../../models/session_store.js'
import type { UserRepository } from '../../../models/user.js'
import type { AuthOptions } from './auth.js'
import { SessionAuth } from './session_auth.js'

// How far ahead of this clock a stored creation time may be before a purge counts it expired.
const FUTURE_TOLERANCE_MS = 60_000

export interface SessionExpAuthOptions extends AuthOptions {
  /** SESSION_DURATION in seconds; <= 0 means sessions never expire. */
  readonly sessionDuration: number
}

/**
 * True when a session created at `createdAt` is over at `now` (both ms since the epoch): never
 * for a duration <= 0; else after `createdAt + duration` (the exercise keeps the boundary instant
 * valid). A creation time in the future is expired: it would otherwise stretch the lifetime.
 */
export function isSessionExpired(createdAt: number, now: number, durationSeconds: number): boolean {
  if (durationSeconds <= 0) return false
  if (createdAt > now) return true
  return createdAt + durationSeconds * 1000 < now
}

export class SessionExpAuth extends SessionAuth {
  private readonly duration: number

  constructor(options: SessionExpAuthOptions, users: UserRepository, clock: Clock, sessions: SessionStore = new MemorySessionStore()) {
    super(options, users, sessions, clock)
    this.duration = options.sessionDuration
  }

  /** Seconds a session lives (the cookie's Max-Age), 0 when sessions never expire. */
  override get sessionDuration(): number {
    return Math.max(0, this.duration)
  }

  /** Purges what has expired first: the store then holds at most one duration of sessions. */
  override async createSession(userId: unknown): Promise<string | null> {
    if (typeof userId === 'string') await this.purgeExpiredSessions()
    return super.createSession(userId)
  }

  /**
   * Deletes every expired session, whoever created it; answers how many. A session from the future
   * goes only when it is more than a minute ahead: another process on the store may have created
   * one an instant after this clock was read, and it is no more expired than this process is late.
   */
  async purgeExpiredSessions(): Promise<number> {
    if (this.duration <= 0) return 0
    const now = this.clock.now().getTime()
    return this.sessions.deleteExpired(now - this.duration * 1000, now + FUTURE_TOLERANCE_MS)
  }

  protected override async ownerOf(sessionId: string, session: StoredSession): Promise<string | null> {
    if (!isSessionExpired(session.createdAt, this.clock.now().getTime(), this.duration)) return session.userId
    await this.sessions.delete(sessionId)
    this.emit({ event: 'expired', sessionId, userId: session.userId })
    return null
  }
}
