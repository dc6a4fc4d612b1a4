// Models read by key, reused while the database is unchanged (issue 4): an authenticated request
// then costs no SQLite read for its user or its session. Whether anything changed (a commit by
// another connection or process, or any write by this one) is asked of SQLite once per
// event-loop turn, by one probe shared by every cache on the connection.
import type Database from 'better-sqlite3'
import type { Db } from './db.js'

interface Probe {
  readonly totalChanges: Database.Statement
  readonly dataVersion: Database.Statement
  /** total_changes() and data_version at this turn's read; NaN before the first one. */
  changes: number
  version: number
  readThisTurn: boolean
}

const probes = new WeakMap<Db, Probe>()

function probeOf(db: Db): Probe {
  let probe = probes.get(db)
  if (probe === undefined) {
    // Two plain statements: the PRAGMA alone costs about a third less than the table-valued
    // pragma_data_version() inside a SELECT, and total_changes() is nearly free.
    const totalChanges = db.prepare('SELECT total_changes()').pluck()
    const dataVersion = db.prepare('PRAGMA data_version').pluck()
    probe = { totalChanges, dataVersion, changes: Number.NaN, version: Number.NaN, readThisTurn: false }
    probes.set(db, probe)
  }
  return probe
}

function readOncePerTurn(probe: Probe): Probe {
  if (probe.readThisTurn) return probe
  probe.readThisTurn = true
  setImmediate(() => { probe.readThisTurn = false })
  probe.changes = probe.totalChanges.get() as number
  probe.version = probe.dataVersion.get() as number
  return probe
}

/**
 * Why once per turn is enough: a turn starts with the poll that found its requests readable, so
 * every request handled in it was sent before the check ran; a write acknowledged before such a
 * request was sent is therefore seen by the check. Writes through a repository in the same turn
 * evict their own entries (forget, forgetAll).
 */
export class ReadCache<T> {
  private readonly entries = new Map<string, Readonly<T>>()
  private readonly probe: Probe
  private seenChanges = Number.NaN
  private seenVersion = Number.NaN
  // Bumped by every eviction, so a read that raced with a write is not remembered.
  private generation = 0

  constructor(db: Db, private readonly copy: (model: T) => T, private readonly maxEntries = 10_000) {
    this.probe = probeOf(db)
  }

  /**
   * A copy of the cached model, or what `read` returns (remembered); null when there is none. Not
   * an async function: a hit, the common case, resolves without an async frame (issue 4).
   */
  lookup(id: string, read: () => Promise<T | null>): Promise<T | null> {
    const hit = this.peek(id)
    return hit !== undefined ? Promise.resolve(this.copy(hit)) : this.readThrough(id, read)
  }

  /**
   * The cached model itself, frozen and shared by every caller (never a copy to change), or
   * undefined when memory alone cannot tell: then lookup reads it.
   */
  peek(id: string): Readonly<T> | undefined {
    if (this.databaseChanged()) this.forgetAll()
    return this.entries.get(id)
  }

  private async readThrough(id: string, read: () => Promise<T | null>): Promise<T | null> {
    const generation = this.generation
    const model = await read()
    if (model === null || generation !== this.generation) return model
    if (this.entries.size >= this.maxEntries) this.forgetAll() // crude, but bounded and rare
    this.entries.set(id, Object.freeze(this.copy(model)))
    return model
  }

  /** Drops the entry of a model this process just wrote or deleted. */
  forget(id: string): void {
    this.generation += 1
    this.entries.delete(id)
  }

  /** Drops every entry (a write this process made whose keys it cannot name). */
  forgetAll(): void {
    this.generation += 1
    this.entries.clear()
  }

  private databaseChanged(): boolean {
    const { changes, version } = readOncePerTurn(this.probe)
    const changed = changes !== this.seenChanges || version !== this.seenVersion
    this.seenChanges = changes
    this.seenVersion = version
    return changed
  }
}
