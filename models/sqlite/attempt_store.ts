// Failed-login counters as rows of login_failures (key, instant), so every process on the file
// shares the counts; the check and the count are one IMMEDIATE transaction.
import { retryAfterSeconds, type Admission, type AttemptLimit, type AttemptStore, type AttemptTicket } from '../attempt_store.js'
import type { Db } from './db.js'
import { guarded } from './errors.js'

// Deleting old rows at every attempt would be wasted work; once a minute keeps the table bounded.
const PURGE_INTERVAL_MS = 60_000

export class SqliteAttemptStore implements AttemptStore {
  private readonly statements
  private lastPurge = Number.NEGATIVE_INFINITY

  constructor(private readonly db: Db) {
    this.statements = {
      count: db.prepare('SELECT COUNT(*) FROM login_failures WHERE key = ? AND at > ?').pluck(),
      nth: db.prepare('SELECT at FROM login_failures WHERE key = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?').pluck(),
      insert: db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
      forgive: db.prepare('DELETE FROM login_failures WHERE rowid = ?'),
      purge: db.prepare('DELETE FROM login_failures WHERE at <= ?'),
    }
  }

  async admit(limits: readonly AttemptLimit[], now: number, windowMs: number): Promise<Admission> {
    const cutoff = now - windowMs
    return guarded(() => this.db.transaction((): Admission => {
      this.purgeEveryMinute(now, cutoff)
      const wait = Math.max(0, ...limits.map((limit) => this.waitSeconds(limit, cutoff, now, windowMs)))
      if (wait > 0) return { admitted: false, retryAfterSeconds: wait }
      const counted = limits.filter((limit) => limit.max > 0)
      return { admitted: true, ticket: counted.map(({ key }) => Number(this.statements.insert.run(key, now).lastInsertRowid)) }
    }).immediate())
  }

  async forgive(ticket: AttemptTicket): Promise<void> {
    guarded(() => this.db.transaction(() => {
      for (const rowid of ticket) this.statements.forgive.run(rowid)
    }).immediate())
  }

  // Seconds until `key` has room for one more attempt: 0 when it has room now.
  private waitSeconds({ key, max }: AttemptLimit, cutoff: number, now: number, windowMs: number): number {
    if (max <= 0) return 0
    const count = this.statements.count.get(key, cutoff) as number
    if (count < max) return 0
    return retryAfterSeconds(this.statements.nth.get(key, cutoff, count - max) as number, now, windowMs)
  }

  private purgeEveryMinute(now: number, cutoff: number): void {
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return
    this.lastPurge = now
    this.statements.purge.run(cutoff)
  }
}
