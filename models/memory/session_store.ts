// Sessions in this process's memory (session_auth, session_exp_auth): a Map from session id to
// session, in creation order, so the expired ones, the oldest, sit at the front.
import type { SessionStore, StoredSession } from '../session_store.js'

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>()

  async create(sessionId: string, session: StoredSession): Promise<boolean> {
    this.sessions.set(sessionId, Object.freeze({ userId: session.userId, createdAt: session.createdAt }))
    return true
  }

  async get(sessionId: string): Promise<StoredSession | null> {
    return this.sessions.get(sessionId) ?? null
  }

  async delete(sessionId: string): Promise<boolean> {
    return this.sessions.delete(sessionId)
  }

  /** Stops at the first live session: amortised O(1) per session created. */
  async deleteExpired(cutoff: number, now: number): Promise<number> {
    let deleted = 0
    for (const [sessionId, { createdAt }] of this.sessions) {
      if (createdAt >= cutoff && createdAt <= now) break
      this.sessions.delete(sessionId)
      deleted += 1
    }
    return deleted
  }

  async count(): Promise<number> {
    return this.sessions.size
  }
}
