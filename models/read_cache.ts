// Models read by primary key, reused while the database is unchanged (issue 4): an authenticated
// request then costs no SQLite read for its user. Whether anything changed (a commit by another
// connection or process, or any write by this one) is asked of SQLite once per event-loop turn.
import type Database from 'better-sqlite3'
import type { Db } from './db.js'

/**
 * Why once per turn is enough: a turn starts with the poll that found its requests readable, so
 * every request handled in it was sent before the check ran; a write acknowledged before such a
 * request was sent is therefore seen by the check. Writes through the repository in the same turn
 * evict their own entry (forget).
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, T>()
  private readonly probe: Database.Statement
  private seenChanges = Number.NaN
  private seenVersion = Number.NaN
  // Bumped by every eviction, so a read that raced with a write is not remembered.
  private generation = 0
  private checkedThisTurn = false

  constructor(db: Db, private readonly copy: (model: T) => T, private readonly maxEntries = 10_000) {
    this.probe = db.prepare('SELECT total_changes(), (SELECT data_version FROM pragma_data_version())').raw()
  }

  /** A copy of the cached model, or what `read` returns (remembered); null when there is none. */
  async lookup(id: string, read: () => Promise<T | null>): Promise<T | null> {
    if (this.databaseChanged()) this.clear()
    const hit = this.entries.get(id)
    if (hit !== undefined) return this.copy(hit)
    const generation = this.generation
    const model = await read()
    if (model === null || generation !== this.generation) return model
    if (this.entries.size >= this.maxEntries) this.clear() // crude, but bounded and rare
    this.entries.set(id, this.copy(model))
    return model
  }

  /** Drops the entry of a model this process just wrote or deleted. */
  forget(id: string): void {
    this.generation += 1
    this.entries.delete(id)
  }

  private clear(): void {
    this.generation += 1
    this.entries.clear()
  }

  private databaseChanged(): boolean {
    if (this.checkedThisTurn) return false
    this.checkedThisTurn = true
    setImmediate(() => { this.checkedThisTurn = false })
    const [changes, version] = this.probe.get() as [number, number]
    const changed = changes !== this.seenChanges || version !== this.seenVersion
    this.seenChanges = changes
    this.seenVersion = version
    return changed
  }
}
