// Base model of the exercise (models/base.py): uuid4 id, UTC timestamps, and the storage
// operations save/remove/count/all/get/search, here over one SQLite table per model.
import { v4 as uuidv4 } from 'uuid'
import type { Clock } from './clock.js'
import type { Db } from './db.js'
import type Database from 'better-sqlite3'

export interface BaseFields {
  id?: string
  createdAt?: Date
  updatedAt?: Date
}

// Every response with a user formats its two timestamps: the text of recent instants is kept
// (bounded), so a hot user costs two map lookups instead of two toISOString calls.
const FORMATTED_KEPT = 1024
const formatted = new Map<number, string>()

/** Renders a timestamp as the exercise does: `YYYY-MM-DDTHH:MM:SS`, UTC, no zone, no fraction. */
export function formatTimestamp(date: Date): string {
  const ms = date.getTime()
  let text = formatted.get(ms)
  if (text === undefined) {
    text = date.toISOString().slice(0, 19)
    if (formatted.size >= FORMATTED_KEPT) formatted.clear()
    formatted.set(ms, text)
  }
  return text
}

/** Parses a stored timestamp; a value without a zone is UTC, as the exercise writes them. */
export function parseTimestamp(value: string): Date {
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`
  const date = new Date(zoned)
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid timestamp "${value}"`)
  return date
}

export abstract class Base {
  readonly id: string
  createdAt: Date
  updatedAt: Date

  constructor(fields: BaseFields, now: Date) {
    this.id = fields.id ?? uuidv4()
    this.createdAt = fields.createdAt ?? now
    this.updatedAt = fields.updatedAt ?? this.createdAt
  }

  /** The public JSON: the exercise leaves out attributes starting with `_`; subclasses add theirs. */
  toJSON(): Record<string, unknown> {
    return { id: this.id, created_at: formatTimestamp(this.createdAt), updated_at: formatTimestamp(this.updatedAt) }
  }
}

type Row = Record<string, string | number | null>

/**
 * The storage side of Base for one table: rows in, models out. Statements are prepared once;
 * search() only accepts the table's own column names, so attribute names never reach SQL text.
 */
export abstract class Repository<T extends Base> {
  private readonly statements: {
    get: Database.Statement; all: Database.Statement; count: Database.Statement
    upsert: Database.Statement; remove: Database.Statement
  }
  private readonly searches = new Map<string, Database.Statement>()

  constructor(
    protected readonly db: Db,
    protected readonly clock: Clock,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {
    const names = columns.join(', ')
    const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')
    this.statements = {
      get: db.prepare(`SELECT * FROM ${table} WHERE id = ?`),
      all: db.prepare(`SELECT * FROM ${table} ORDER BY created_at, id`),
      count: db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).pluck(),
      upsert: db.prepare(
        `INSERT INTO ${table} (${names}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${updates}`,
      ),
      remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
    }
  }

  protected abstract toRow(model: T): Row
  protected abstract fromRow(row: Row): T

  /** The model with this id, or null if there is none. */
  async get(id: string): Promise<T | null> {
    const row = this.statements.get.get(id) as Row | undefined
    return row === undefined ? null : this.fromRow(row)
  }

  async all(): Promise<T[]> {
    return (this.statements.all.all() as Row[]).map((row) => this.fromRow(row))
  }

  async count(): Promise<number> {
    return this.statements.count.get() as number
  }

  /** Every model whose given attributes (column names) equal the given values; {} → all. */
  async search(attributes: Readonly<Record<string, string | null>>): Promise<T[]> {
    const keys = Object.keys(attributes).sort()
    const unknown = keys.find((key) => !this.columns.includes(key))
    if (unknown !== undefined) throw new RangeError(`${this.table} has no attribute "${unknown}"`)
    if (keys.length === 0) return this.all()
    const sql = keys.map((key) => `${key} IS @${key}`).join(' AND ')
    let statement = this.searches.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(`SELECT * FROM ${this.table} WHERE ${sql} ORDER BY created_at, id`)
      this.searches.set(sql, statement)
    }
    return (statement.all(attributes) as Row[]).map((row) => this.fromRow(row))
  }

  /** Stores the model (insert or update) after setting its updatedAt to now. */
  async save(model: T): Promise<void> {
    model.updatedAt = this.clock.now()
    this.statements.upsert.run(this.toRow(model))
  }

  /** Deletes the model's row; false if there was none. */
  async remove(id: string): Promise<boolean> {
    return this.statements.remove.run(id).changes > 0
  }
}
