// Users as rows of the users table, in raw SQL with parameters; search() takes only the table's
// own column names, so attribute names never reach SQL text. Every read asks the database: other
// instances may have written since.
import { parseTimestamp } from '../base.js'
import { User } from '../user.js'
import { USER_ATTRIBUTES, type UserStore } from '../user_store.js'
import { isStorableText, type Pool } from './db.js'
import { guarded } from './errors.js'

// The columns in the order of USER_ATTRIBUTES; rows are read as arrays (no object per row).
type RawRow = [string, string | null, string | null, string | null, string | null, string, string]
const SELECT = `SELECT ${USER_ATTRIBUTES.join(', ')} FROM users`
const UPSERT = `INSERT INTO users (id, email, password_hash, first_name, last_name, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (id) DO UPDATE SET email = excluded.email, password_hash = excluded.password_hash,
    first_name = excluded.first_name, last_name = excluded.last_name, updated_at = excluded.updated_at`

export class PostgresUserStore implements UserStore {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<User | null> {
    return isStorableText(id) ? this.one(`${SELECT} WHERE id = $1`, id) : null
  }

  async findByEmail(email: string): Promise<User | null> {
    return isStorableText(email) ? this.one(`${SELECT} WHERE email = $1`, email) : null
  }

  async all(): Promise<User[]> {
    return this.many(`${SELECT} ORDER BY created_at, id`, [])
  }

  async count(): Promise<number> {
    const { rows } = await guarded(() => this.pool.query<{ count: number }>('SELECT COUNT(*)::int AS count FROM users'))
    return rows[0]?.count ?? 0
  }

  async search(attributes: Readonly<Record<string, string | null>>): Promise<User[]> {
    const keys = Object.keys(attributes).sort()
    const unknown = keys.find((key) => !(USER_ATTRIBUTES as readonly string[]).includes(key))
    if (unknown !== undefined) throw new RangeError(`users has no attribute "${unknown}"`)
    if (keys.length === 0) return this.all()
    if (!Object.values(attributes).every((value) => value === null || isStorableText(value))) return []
    // IS NOT DISTINCT FROM is SQLite's IS: a null value finds the rows where the column is null.
    const where = keys.map((key, index) => `${key} IS NOT DISTINCT FROM $${index + 1}::text`).join(' AND ')
    return this.many(`${SELECT} WHERE ${where} ORDER BY created_at, id`, keys.map((key) => attributes[key] ?? null))
  }

  async save(user: User): Promise<void> {
    const values = [user.id, user.email, user.passwordHash, user.firstName, user.lastName, user.createdAt.toISOString(), user.updatedAt.toISOString()]
    await guarded(() => this.pool.query(UPSERT, values))
  }

  /** Deletes the user; the user's sessions go with it (ON DELETE CASCADE), in the same statement. */
  async remove(id: string): Promise<boolean> {
    if (!isStorableText(id)) return false
    return ((await guarded(() => this.pool.query('DELETE FROM users WHERE id = $1', [id]))).rowCount ?? 0) > 0
  }

  private async one(text: string, key: string): Promise<User | null> {
    const [user] = await this.many(text, [key])
    return user ?? null
  }

  private async many(text: string, values: unknown[]): Promise<User[]> {
    const { rows } = await guarded(() => this.pool.query<RawRow>({ text, values, rowMode: 'array' }))
    return rows.map(fromRow)
  }
}

function fromRow([id, email, passwordHash, firstName, lastName, created, updated]: RawRow): User {
  const createdAt = parseTimestamp(created)
  return new User({ id, email, passwordHash, firstName, lastName, createdAt, updatedAt: parseTimestamp(updated) }, createdAt)
}
