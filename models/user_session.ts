// UserSession model (models/user_session.py, 0x02 task 10): a persisted session of a user.
// The table keeps sha256(session id), never the id itself (SPEC B10), and forgets expired rows.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import { Base, type BaseFields, Repository, parseTimestamp } from './base.js'
import type { Clock } from './clock.js'
import type { Db } from './db.js'
import { ReadCache } from './read_cache.js'

/** The SHA-256 hex digest under which a session id is stored. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex')
}

export interface UserSessionFields extends BaseFields {
  userId: string
  sessionHash: string
}

/** One login of a user, as stored: who, when, and the hash of the session id. */
export class UserSession extends Base {
  readonly userId: string
  /** The exercise's `session_id`, hashed: a copy of the table yields no usable cookie. */
  readonly sessionHash: string

  constructor(fields: UserSessionFields, now: Date) {
    super(fields, now)
    this.userId = fields.userId
    this.sessionHash = fields.sessionHash
  }

  /** {id, user_id, created_at, updated_at}: the hash stays out of any response. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), user_id: this.userId }
  }
}

type Row = Record<string, string | number | null>

/** What an authenticated request needs of a stored session: its row id, owner and creation (ms). */
export interface SessionRecord {
  readonly id: string
  readonly userId: string
  readonly createdAt: number
}

const COLUMNS = ['id', 'user_id', 'session_hash', 'created_at', 'updated_at'] as const

/**
 * The oldest creation time (ISO, as stored) a session may have at `now` to still be alive, or ''
 * when none can be that old; a row created before it is expired.
 */
function expiryCutoff(now: Date, durationSeconds: number): string {
  const cutoff = now.getTime() - durationSeconds * 1000
  return cutoff >= 0 ? new Date(cutoff).toISOString() : ''
}

/** The user_sessions table: sessions looked up, deleted and purged by the hash of their id. */
export class UserSessionRepository extends Repository<UserSession> {
  private readonly byHash: Database.Statement
  private readonly removeByHash: Database.Statement
  private readonly removeExpired: Database.Statement
  private readonly recordByHash: Database.Statement
  // Keyed by the raw session id, in this process's memory only (as the in-memory modes hold
  // them): a hit costs neither the SHA-256 nor the SELECT. Records are frozen, so shared.
  private readonly records: ReadCache<SessionRecord>

  constructor(db: Db, clock: Clock) {
    super(db, clock, 'user_sessions', COLUMNS)
    this.records = new ReadCache(db, (record) => record)
    this.recordByHash = db.prepare('SELECT id, user_id, created_at FROM user_sessions WHERE session_hash = ?').raw()
    this.byHash = db.prepare('SELECT * FROM user_sessions WHERE session_hash = ?')
    this.removeByHash = db.prepare('DELETE FROM user_sessions WHERE session_hash = ?')
    // Rows from the future are expired too (see isSessionExpired): they must not linger.
    this.removeExpired = db.prepare('DELETE FROM user_sessions WHERE created_at < @cutoff OR created_at > @now')
  }

  /**
   * Stores a new session of the user under the hash of `sessionId`; null when no such user exists
   * (the foreign key refuses it).
   */
  async create(userId: string, sessionId: string): Promise<UserSession | null> {
    const session = new UserSession({ userId, sessionHash: hashSessionId(sessionId) }, this.clock.now())
    try {
      await this.save(session)
    } catch (error) {
      if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return null
      throw error
    }
    return session
  }

  /** The stored session for a raw session id, or null. */
  async findBySessionId(sessionId: string): Promise<UserSession | null> {
    const row = this.byHash.get(hashSessionId(sessionId)) as Row | undefined
    return row === undefined ? null : this.fromRow(row)
  }

  /** The stored session of a raw session id, or null; served from memory while the database is unchanged. */
  async findRecord(sessionId: string): Promise<SessionRecord | null> {
    return this.records.lookup(sessionId, async () => {
      const row = this.recordByHash.get(hashSessionId(sessionId)) as [string, string, string] | undefined
      if (row === undefined) return null
      return Object.freeze({ id: String(row[0]), userId: String(row[1]), createdAt: parseTimestamp(String(row[2])).getTime() })
    })
  }

  /** The stored session of a raw session id when memory alone can tell, else undefined (ask findRecord). */
  peekRecord(sessionId: string): SessionRecord | undefined {
    return this.records.peek(sessionId)
  }

  /** Deletes the session of a raw session id; false when there was none. */
  async removeBySessionId(sessionId: string): Promise<boolean> {
    this.records.forget(sessionId)
    return this.removeByHash.run(hashSessionId(sessionId)).changes > 0
  }

  override async save(session: UserSession): Promise<void> {
    this.records.forgetAll()
    await super.save(session)
  }

  override async remove(id: string): Promise<boolean> {
    this.records.forgetAll()
    return super.remove(id)
  }

  /** Deletes every session expired at `now` for this duration (<= 0: none); answers how many. */
  async purgeExpired(now: Date, durationSeconds: number): Promise<number> {
    if (durationSeconds <= 0) return 0
    this.records.forgetAll()
    return this.removeExpired.run({ cutoff: expiryCutoff(now, durationSeconds), now: now.toISOString() }).changes
  }

  protected override toRow(session: UserSession): Row {
    return {
      id: session.id,
      user_id: session.userId,
      session_hash: session.sessionHash,
      created_at: session.createdAt.toISOString(),
      updated_at: session.updatedAt.toISOString(),
    }
  }

  protected override fromRow(row: Row): UserSession {
    return new UserSession({
      id: String(row.id),
      userId: String(row.user_id),
      sessionHash: String(row.session_hash),
      createdAt: parseTimestamp(String(row.created_at)),
      updatedAt: parseTimestamp(String(row.updated_at)),
    }, this.clock.now())
  }
}
