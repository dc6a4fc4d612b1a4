// SessionExpAuth (0x02 task 9): a session ends SESSION_DURATION seconds after its creation,
// checked here on the server whatever the cookie says; expired sessions are purged (SPEC B11).
import type { Clock } from '../../../models/clock.js'
import type { UserRepository } from '../../../models/user.js'
import type { AuthOptions } from './auth.js'
import { SessionAuth } from './session_auth.js'

export interface SessionExpAuthOptions extends AuthOptions {
  /** SESSION_DURATION in seconds; <= 0 means sessions never expire. */
  readonly sessionDuration: number
}

/** The exercise's "session dictionary": who owns the session and when it began (ms). */
interface SessionRecord {
  readonly userId: string
  readonly createdAt: number
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

/** In-memory sessions that end SESSION_DURATION seconds after their creation. */
export class SessionExpAuth extends SessionAuth {
  /** Session id → record, in creation order: the oldest, first to expire, sit at the front. */
  protected readonly sessionById = new Map<string, SessionRecord>()
  private readonly duration: number

  constructor(options: SessionExpAuthOptions, users: UserRepository, protected readonly clock: Clock) {
    super(options, users)
    this.duration = options.sessionDuration
  }

  /** Seconds a session lives (the cookie's Max-Age), 0 when sessions never expire. */
  override get sessionDuration(): number {
    return Math.max(0, this.duration)
  }

  /** Whether a session created at `createdAt` is over now, by the injected clock. */
  protected isExpired(createdAt: Date | number): boolean {
    return isSessionExpired(typeof createdAt === 'number' ? createdAt : createdAt.getTime(), this.clock.now().getTime(), this.duration)
  }

  /**
   * Forgets expired sessions and answers how many went. Records are in creation order, so this
   * stops at the first live one: amortised O(1) per session created.
   */
  async purgeExpiredSessions(): Promise<number> {
    let purged = 0
    for (const [sessionId, record] of this.sessionById) {
      if (!this.isExpired(record.createdAt)) break
      this.sessionById.delete(sessionId)
      purged += 1
    }
    return purged
  }

  override async sessionCount(): Promise<number> {
    return this.sessionById.size
  }

  // Each login first drops what has expired, so memory holds at most the sessions created within
  // one duration, however many logins stream in, without a timer or a lookup touching them.
  protected override async storeSession(sessionId: string, userId: string): Promise<boolean> {
    await this.purgeExpiredSessions()
    this.sessionById.set(sessionId, { userId, createdAt: this.clock.now().getTime() })
    return true
  }

  protected override async findSession(sessionId: string): Promise<string | null> {
    const record = this.sessionById.get(sessionId)
    if (record === undefined) return null
    if (!this.isExpired(record.createdAt)) return record.userId
    this.sessionById.delete(sessionId)
    this.emit({ event: 'expired', sessionId, userId: record.userId })
    return null
  }

  protected override peekSession(sessionId: string): string | undefined {
    return this.liveUserId(this.sessionById.get(sessionId))
  }

  /** The owner of a stored session that has not expired; undefined for none or an expired one. */
  protected liveUserId(record: SessionRecord | undefined): string | undefined {
    return record === undefined || this.isExpired(record.createdAt) ? undefined : record.userId
  }

  protected override async deleteSession(sessionId: string): Promise<boolean> {
    return this.sessionById.delete(sessionId)
  }
}
