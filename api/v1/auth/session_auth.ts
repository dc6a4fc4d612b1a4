// SessionAuth (0x02 tasks 1–8): session ids (uuid4) mapped to user ids, in this process's memory.
// Storage methods are async so subclasses backed by a database keep the same signatures.
import { v4 as uuidv4 } from 'uuid'
import type { User, UserRepository } from '../../../models/user.js'
import { Auth, type AuthOptions, type AuthRequest } from './auth.js'

// Only ids this server could have issued reach a store: lowercase canonical uuid4.
const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A new uuid4 session id as a flat string. Node builds randomUUID()'s result by concatenation, a
 * rope of ~500 heap bytes; a copy is 64 bytes, which matters with a million sessions held.
 */
export function newSessionId(): string {
  return Buffer.from(uuidv4(), 'latin1').toString('latin1')
}

/** True for a string in the exact form of the session ids this server issues. */
export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID.test(value)
}

export class SessionAuth extends Auth {
  /** Session id → user id; one user may own many sessions. Instance state, never shared. */
  protected readonly userIdBySessionId = new Map<string, string>()

  constructor(options: AuthOptions, protected readonly users: UserRepository) {
    super(options)
  }

  /** Seconds a session lives, 0 when sessions never expire (always, in memory). */
  get sessionDuration(): number {
    return 0
  }

  /** A new session id for the user, or null when userId is not a string. */
  async createSession(userId: unknown): Promise<string | null> {
    if (typeof userId !== 'string') return null
    const sessionId = newSessionId()
    this.userIdBySessionId.set(sessionId, userId)
    return sessionId
  }

  /** The user id behind a session id, or null (not a session id, or unknown). */
  async userIdForSessionId(sessionId: unknown): Promise<string | null> {
    if (!isSessionId(sessionId)) return null
    return this.userIdBySessionId.get(sessionId) ?? null
  }

  /** The user behind the request's session cookie, or null at any missing step. */
  override async currentUser(request: AuthRequest | null): Promise<User | null> {
    const userId = await this.userIdForSessionId(this.sessionCookie(request))
    return userId === null ? null : this.users.get(userId)
  }

  /** Ends the request's session; false when there is no request, no cookie or no such session. */
  async destroySession(request: AuthRequest | null): Promise<boolean> {
    const sessionId = this.sessionCookie(request)
    if (!isSessionId(sessionId) || (await this.userIdForSessionId(sessionId)) === null) return false
    return this.deleteSession(sessionId)
  }

  /** Removes one stored session; subclasses with other storage override this. */
  protected async deleteSession(sessionId: string): Promise<boolean> {
    return this.userIdBySessionId.delete(sessionId)
  }
}
