// Login attempts counted for the rate limit (SECURITY AUT-03): one row per attempt and key in
// SQLite, so every process on the database shares the counts; a sliding window bounds them.
import type { Clock } from './clock.js'
import type { Db } from './db.js'

/** A key (e.g. an email hash or a client address) and how many attempts it may make per window. */
export interface AttemptLimit {
  readonly key: string
  /** 0 means no limit: nothing is counted for this key. */
  readonly max: number
}

/** An admitted attempt carries the rows that count it; a refused one, when to come back. */
export type Admission =
  | { readonly admitted: true, readonly ticket: readonly number[] }
  | { readonly admitted: false, readonly retryAfterSeconds: number }

// Purging every row at each login would be wasted work; once a minute keeps the table bounded.
const PURGE_INTERVAL_MS = 60_000

/** Counts attempts per key over a sliding window, shared by all processes on the database. */
export class LoginAttempts {
  private readonly windowMs: number
  private lastPurge = Number.NEGATIVE_INFINITY
  private readonly statements

  constructor(private readonly db: Db, private readonly clock: Clock, windowSeconds: number) {
    this.windowMs = windowSeconds * 1000
    this.statements = {
      count: db.prepare('SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?').pluck(),
      nth: db.prepare('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?').pluck(),
      insert: db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
      forgive: db.prepare('DELETE FROM login_failures WHERE rowid = ?'),
      purge: db.prepare('DELETE FROM login_failures WHERE at <= ?'),
    }
  }

  /**
   * Counts one attempt against every limit, or none when any key is already at its limit; the
   * check and the count are one write transaction, so parallel attempts cannot overshoot.
   */
  admit(limits: readonly AttemptLimit[]): Admission {
    const now = this.clock.now().getTime()
    const cutoff = now - this.windowMs
    this.purgeEveryMinute(now)
    return this.db.transaction((): Admission => {
      const waitMs = Math.max(0, ...limits.map((limit) => this.waitMs(limit, cutoff, now)))
      if (waitMs > 0) return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
      const counted = limits.filter((limit) => limit.max > 0)
      const ticket = counted.map(({ key }) => Number(this.statements.insert.run(key, now).lastInsertRowid))
      return { admitted: true, ticket }
    }).immediate()
  }

  /** Takes an admitted attempt back (the login succeeded, so it was no failure). */
  forgive(ticket: readonly number[]): void {
    this.db.transaction(() => {
      for (const rowid of ticket) this.statements.forgive.run(rowid)
    }).immediate()
  }

  // How long until `key` has room for one more attempt: 0 when it has room now.
  private waitMs({ key, max }: AttemptLimit, cutoff: number, now: number): number {
    if (max <= 0) return 0
    const count = this.statements.count.get(key, cutoff) as number
    if (count < max) return 0
    const freesRoom = this.statements.nth.get(key, cutoff, count - max) as number
    return freesRoom + this.windowMs - now
  }

  private purgeEveryMinute(now: number): void {
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return
    this.lastPurge = now
    this.statements.purge.run(now - this.windowMs)
  }
}
