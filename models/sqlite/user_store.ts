// Users as rows of the users table; statements prepared once, and search() takes only the table's
// own column names, so attribute names never reach SQL text. Users read by id are kept in memory
// while nothing is written to the database (read_cache.ts).
import type Database from 'better-sqlite3'
import { parseTimestamp } from '../base.js'
import { User } from '../user.js'
import { USER_ATTRIBUTES, type UserStore } from '../user_store.js'
import type { Db } from './db.js'
import { guarded } from './errors.js'
import { ReadCache } from './read_cache.js'

type Row = Record<string, string | null>
// The columns in the order of USER_ATTRIBUTES; rows are read as arrays (no object per row).
type RawRow = readonly [string, string | null, string | null, string | null, string | null, string, string]
const SELECT = `SELECT ${USER_ATTRIBUTES.join(', ')} FROM users`

export class SqliteUserStore implements UserStore {
  private readonly statements
  private readonly searches = new Map<string, Database.Statement>()
  private readonly byId: ReadCache<User>

  constructor(private readonly db: Db) {
    this.statements = {
      get: db.prepare(`${SELECT} WHERE id = ?`).raw(),
      byEmail: db.prepare(`${SELECT} WHERE email = ?`).raw(),
      all: db.prepare(`${SELECT} ORDER BY created_at, id`).raw(),
      count: db.prepare('SELECT COUNT(*) FROM users').pluck(),
      upsert: db.prepare(`INSERT INTO users (id, email, password_hash, first_name, last_name, created_at, updated_at)
        VALUES (@id, @email, @password_hash, @first_name, @last_name, @created_at, @updated_at)
        ON CONFLICT(id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
          first_name = excluded.first_name, last_name = excluded.last_name, updated_at = excluded.updated_at`),
      remove: db.prepare('DELETE FROM users WHERE id = ?'),
    }
    this.byId = new ReadCache(db)
  }

  /** Served from memory while the database is unchanged: two cheap probes instead of a SELECT. */
  async get(id: string): Promise<User | null> {
    const user = this.byId.lookup(id, () => this.one(this.statements.get, id))
    return user === null ? null : copy(user)
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.one(this.statements.byEmail, email)
  }

  async all(): Promise<User[]> {
    return this.many(this.statements.all)
  }

  async count(): Promise<number> {
    return guarded(() => this.statements.count.get()) as number
  }

  async search(attributes: Readonly<Record<string, string | null>>): Promise<User[]> {
    const keys = Object.keys(attributes).sort()
    const unknown = keys.find((key) => !(USER_ATTRIBUTES as readonly string[]).includes(key))
    if (unknown !== undefined) throw new RangeError(`users has no attribute "${unknown}"`)
    if (keys.length === 0) return this.all()
    const where = keys.map((key) => `${key} IS @${key}`).join(' AND ')
    let statement = this.searches.get(where)
    if (statement === undefined) {
      statement = guarded(() => this.db.prepare(`${SELECT} WHERE ${where} ORDER BY created_at, id`).raw())
      this.searches.set(where, statement)
    }
    return this.many(statement, attributes)
  }

  async save(user: User): Promise<void> {
    guarded(() => this.statements.upsert.run(toRow(user)))
  }

  /** Deletes the user; the user's sessions go with it (ON DELETE CASCADE). */
  async remove(id: string): Promise<boolean> {
    return guarded(() => this.statements.remove.run(id)).changes > 0
  }

  private one(statement: Database.Statement, key: string): User | null {
    const row = guarded(() => statement.get(key)) as RawRow | undefined
    return row === undefined ? null : fromRow(row)
  }

  private many(statement: Database.Statement, parameters?: object): User[] {
    return (guarded(() => (parameters === undefined ? statement.all() : statement.all(parameters))) as RawRow[]).map(fromRow)
  }
}

// Callers may change the user they get (PUT /users/:id does): the cache never hands out its own.
function copy(user: User): User {
  const { id, email, passwordHash, firstName, lastName, createdAt, updatedAt } = user
  return new User({ id, email, passwordHash, firstName, lastName, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) }, createdAt)
}

function toRow(user: User): Row {
  return {
    id: user.id,
    email: user.email,
    password_hash: user.passwordHash,
    first_name: user.firstName,
    last_name: user.lastName,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  }
}

function fromRow([id, email, passwordHash, firstName, lastName, created, updated]: RawRow): User {
  const createdAt = parseTimestamp(created)
  return new User({ id, email, passwordHash, firstName, lastName, createdAt, updatedAt: parseTimestamp(updated) }, createdAt)
}
