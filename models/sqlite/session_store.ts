// Sessions as rows of the user_sessions table (0x02 task 10), keyed by sha256(session id), never
// the id itself: a copy of the file yields no usable cookie. Every process on the file shares them;
// sessions read are kept in memory while nothing is written to the database (read_cache.ts).
import { parseTimestamp } from '../base.js'
import { expiryBounds, type SessionStore, type StoredSession } from '../session_store.js'
import { UserSession, hashSessionId } from '../user_session.js'
import type { Db } from './db.js'
import { guarded, sqliteCode } from './errors.js'
import { ReadCache } from './read_cache.js'

export class SqliteSessionStore implements SessionStore {
  private readonly statements
  // Keyed by the raw session id, in this process's memory only (as the memory store holds them).
  private readonly bySessionId: ReadCache<StoredSession>

  constructor(db: Db) {
    this.bySessionId = new ReadCache(db)
    this.statements = {
      insert: db.prepare(`INSERT INTO user_sessions (id, user_id, session_hash, created_at, updated_at)
        VALUES (@id, @user_id, @session_hash, @created_at, @updated_at)`),
      get: db.prepare('SELECT user_id, created_at FROM user_sessions WHERE session_hash = ?').raw(),
      delete: db.prepare('DELETE FROM user_sessions WHERE session_hash = ?'),
      deleteByUser: db.prepare('DELETE FROM user_sessions WHERE user_id = ?'),
      // Rows from the future are expired too: a future creation time must not stretch a lifetime.
      deleteExpired: db.prepare('DELETE FROM user_sessions WHERE created_at < ? OR created_at > ?'),
      count: db.prepare('SELECT COUNT(*) FROM user_sessions').pluck(),
    }
  }

  /** False when the user does not exist (the foreign key refuses the row). */
  async create(sessionId: string, session: StoredSession): Promise<boolean> {
    const createdAt = new Date(session.createdAt)
    const row = new UserSession({ userId: session.userId, sessionHash: hashSessionId(sessionId) }, createdAt)
    try {
      guarded(() => this.statements.insert.run(row.toRow()))
    } catch (error) {
      if (sqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY') return false
      throw error
    }
    return true
  }

  async get(sessionId: string): Promise<StoredSession | null> {
    return this.bySessionId.lookup(sessionId, () => {
      const row = guarded(() => this.statements.get.get(hashSessionId(sessionId))) as [string, string] | undefined
      return row === undefined ? null : Object.freeze({ userId: row[0], createdAt: parseTimestamp(row[1]).getTime() })
    })
  }

  async delete(sessionId: string): Promise<boolean> {
    return guarded(() => this.statements.delete.run(hashSessionId(sessionId))).changes > 0
  }

  /** One statement, so one write transaction: a concurrent insert lands wholly before or after it. */
  async deleteByUser(userId: string): Promise<number> {
    return guarded(() => this.statements.deleteByUser.run(userId)).changes
  }

  async deleteExpired(cutoff: number, now: number): Promise<number> {
    return guarded(() => this.statements.deleteExpired.run(...expiryBounds(cutoff, now))).changes
  }

  async count(): Promise<number> {
    return guarded(() => this.statements.count.get()) as number
  }
}
