// SessionDBAuth (0x02 task 10): SessionExpAuth whose sessions are UserSession rows in SQLite, so
// they survive a restart and every process on the database file sees the same logins and logouts.
import type { Clock } from '../../../models/clock.js'
import type { UserRepository } from '../../../models/user.js'
import type { UserSessionRepository } from '../../../models/user_session.js'
import { SessionExpAuth, type SessionExpAuthOptions } from './session_exp_auth.js'

/** A login purges expired rows when this long has passed since the last purge (ms)... */
export const SESSION_PURGE_INTERVAL_MS = 60_000
/** ...or when this many sessions were created since: the table holds at most that many extra. */
const PURGE_EVERY_CREATED = 256

/** Expiring sessions kept as UserSession rows (session ids hashed) in the shared SQLite file. */
export class SessionDBAuth extends SessionExpAuth {
  private lastPurgeAt = Number.NEGATIVE_INFINITY
  private createdSincePurge = 0

  constructor(
    options: SessionExpAuthOptions,
    users: UserRepository,
    clock: Clock,
    protected readonly sessions: UserSessionRepository,
  ) {
    super(options, users, clock)
  }

  /** Deletes every expired session row, whoever created it; answers how many. */
  override async purgeExpiredSessions(): Promise<number> {
    this.lastPurgeAt = this.clock.now().getTime()
    this.createdSincePurge = 0
    return this.sessions.purgeExpired(this.clock.now(), this.sessionDuration)
  }

  override async sessionCount(): Promise<number> {
    return this.sessions.count()
  }

  // Purging is amortised over logins (one indexed DELETE now and then), so the table stays
  // bounded by the sessions of one duration plus a small margin, with no timer involved.
  protected override async storeSession(sessionId: string, userId: string): Promise<boolean> {
    const due = this.clock.now().getTime() - this.lastPurgeAt >= SESSION_PURGE_INTERVAL_MS
    if (due || this.createdSincePurge >= PURGE_EVERY_CREATED) await this.purgeExpiredSessions()
    this.createdSincePurge += 1
    return (await this.sessions.create(userId, sessionId)) !== null
  }

  protected override async findSession(sessionId: string): Promise<string | null> {
    const session = await this.sessions.findRecord(sessionId)
    if (session === null) return null
    if (!this.isExpired(session.createdAt)) return session.userId
    await this.sessions.remove(session.id)
    this.emit({ event: 'expired', sessionId, userId: session.userId })
    return null
  }

  protected override peekSession(sessionId: string): string | undefined {
    return this.liveUserId(this.sessions.peekRecord(sessionId))
  }

  protected override async deleteSession(sessionId: string): Promise<boolean> {
    return this.sessions.removeBySessionId(sessionId)
  }
}
