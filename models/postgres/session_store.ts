// Sessions as rows of the user_sessions table, keyed by sha256(session id), never the id itself:
// a copy of the database yields no usable cookie. Every instance on the database shares them, so
// every read asks the database: a logout on one instance is refused on the others at once.
import { parseTimestamp } from '../base.js'
import { expiryBounds, type SessionStore, type StoredSession } from '../session_store.js'
import { UserSession, hashSessionId } from '../user_session.js'
import { isStorableText, type Pool } from './db.js'
import { FOREIGN_KEY_VIOLATION, guarded, postgresCode } from './errors.js'

const INSERT = `INSERT INTO user_sessions (id, user_id, session_hash, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5)`

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly pool: Pool) {}

  /** False when the user does not exist (the foreign key refuses the row). */
  async create(sessionId: string, session: StoredSession): Promise<boolean> {
    const row = new UserSession({ userId: session.userId, sessionHash: hashSessionId(sessionId) }, new Date(session.createdAt)).toRow()
    try {
      await guarded(() => this.pool.query(INSERT, [row.id, row.user_id, row.session_hash, row.created_at, row.updated_at]))
    } catch (error) {
      if (postgresCode(error) === FOREIGN_KEY_VIOLATION) return false
      throw error
    }
    return true
  }

  async get(sessionId: string): Promise<StoredSession | null> {
    const { rows } = await guarded(() => this.pool.query<[string, string]>({
      text: 'SELECT user_id, created_at FROM user_sessions WHERE session_hash = $1',
      values: [hashSessionId(sessionId)],
      rowMode: 'array',
    }))
    const row = rows[0]
    return row === undefined ? null : Object.freeze({ userId: row[0], createdAt: parseTimestamp(row[1]).getTime() })
  }

  async delete(sessionId: string): Promise<boolean> {
    return (await this.run('DELETE FROM user_sessions WHERE session_hash = $1', [hashSessionId(sessionId)])) > 0
  }

  /** One statement: a session inserted concurrently is committed before it (and deleted) or after. */
  async deleteByUser(userId: string): Promise<number> {
    if (!isStorableText(userId)) return 0
    return this.run('DELETE FROM user_sessions WHERE user_id = $1', [userId])
  }

  /** Rows from the future are expired too: a future creation time must not stretch a lifetime. */
  async deleteExpired(cutoff: number, now: number): Promise<number> {
    return this.run('DELETE FROM user_sessions WHERE created_at < $1 OR created_at > $2', expiryBounds(cutoff, now))
  }

  async count(): Promise<number> {
    const { rows } = await guarded(() => this.pool.query<{ count: number }>('SELECT COUNT(*)::int AS count FROM user_sessions'))
    return rows[0]?.count ?? 0
  }

  // Runs a statement and answers how many rows it changed.
  private async run(text: string, values: unknown[]): Promise<number> {
    return (await guarded(() => this.pool.query(text, values))).rowCount ?? 0
  }
}
