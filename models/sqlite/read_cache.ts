// What a SQLite store read by key, kept while nothing was written to the database by anyone: not
// by another connection or process (PRAGMA data_version) nor through this one (total_changes(),
// which counts every row this connection changed). Each lookup asks both first, so a write is
// seen by the very next read.
import type Database from 'better-sqlite3'
import type { Db } from './db.js'
import { guarded } from './errors.js'

// Entries kept at most; past it the cache starts over (a hit saves a SELECT, a miss costs one).
const MAX_ENTRIES = 10_000

export class ReadCache<T> {
  private readonly entries = new Map<string, T>()
  private readonly dataVersion: Database.Statement
  private readonly totalChanges: Database.Statement
  private seenVersion = Number.NaN
  private seenChanges = Number.NaN

  constructor(db: Db) {
    this.dataVersion = db.prepare('PRAGMA data_version').pluck()
    this.totalChanges = db.prepare('SELECT total_changes()').pluck()
  }

  /** The value read for `key`, remembered while the database is unchanged; `read` when not. */
  lookup(key: string, read: () => T | null): T | null {
    const version = guarded(() => this.dataVersion.get()) as number
    const changes = this.totalChanges.get() as number
    if (version !== this.seenVersion || changes !== this.seenChanges) {
      this.entries.clear()
      this.seenVersion = version
      this.seenChanges = changes
    }
    const hit = this.entries.get(key)
    if (hit !== undefined) return hit
    const value = read()
    if (value === null) return null
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear()
    this.entries.set(key, value)
    return value
  }
}
