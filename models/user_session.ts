// UserSession model (models/user_session.py, 0x02 task 10): a persisted session of a user. Only
// sha256(session id) is kept (a copy of the table yields no usable cookie).
import { createHash } from 'node:crypto'
import { Base, type BaseFields } from './base.js'

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
  /** The exercise's `session_id`, hashed. */
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

  /** The row of the user_sessions table, under the exercise's column names. */
  toRow(): Record<string, string> {
    return {
      id: this.id,
      user_id: this.userId,
      session_hash: this.sessionHash,
      created_at: this.createdAt.toISOString(),
      updated_at: this.updatedAt.toISOString(),
    }
  }
}
