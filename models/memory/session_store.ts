// Sessions in this process's memory (session_auth, session_exp_auth): a Map from session id to
// session, in creation order, so the expired ones, the oldest, sit at the front; and each user's
// session ids, so all of a user's sessions can be ended without a scan.
import type { SessionStore, StoredSession } from '../session_store.js'

/** A user's session ids, with the one copy of the user id that all of them share. */
class UserSessions extends Set<string> {
  constructor(readonly userId: string) {
    super()
  }
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>()
  private readonly byUser = new Map<string, UserSessions>()

  /** Each login reads its user id anew: the session keeps the user's copy, not one more per login. */
  async create(sessionId: string, session: StoredSession): Promise<boolean> {
    let owned = this.byUser.get(session.userId)
    if (owned === undefined) {
      owned = new UserSessions(session.userId)
      this.byUser.set(session.userId, owned)
    }
    owned.add(sessionId)
    this.sessions.set(sessionId, Object.freeze({ userId: owned.userId, createdAt: session.createdAt }))
    return true
  }

  async get(sessionId: string): Promise<StoredSession | null> {
    return this.sessions.get(sessionId) ?? null
  }

  async delete(sessionId: string): Promise<boolean> {
    return this.remove(sessionId)
  }

  async deleteByUser(userId: string): Promise<number> {
    const owned = this.byUser.get(userId)
    if (owned === undefined) return 0
    this.byUser.delete(userId)
    for (const sessionId of owned) this.sessions.delete(sessionId)
    return owned.size
  }

  /** Stops at the first live session: amortised O(1) per session created. */
  async deleteExpired(cutoff: number, now: number): Promise<number> {
    let deleted = 0
    for (const [sessionId, { createdAt }] of this.sessions) {
      if (createdAt >= cutoff && createdAt <= now) break
      this.remove(sessionId)
      deleted += 1
    }
    return deleted
  }

  async count(): Promise<number> {
    return this.sessions.size
  }

  private remove(sessionId: string): boolean {
    const session = this.sessions.get(sessionId)
    if (session === undefined) return false
    this.sessions.delete(sessionId)
    const owned = this.byUser.get(session.userId)
    owned?.delete(sessionId)
    if (owned?.size === 0) this.byUser.delete(session.userId)
    return true
  }
}
