// Bulk rows for `npm run bench:scale`, written straight into SQLite in one transaction each:
// users that share one real bcrypt hash, and persisted sessions shaped after whatever
// user_sessions table this build's migrations created (none: not available in this build).
import bcrypt from 'bcryptjs'
import { createHash, randomUUID } from 'node:crypto'
import { openDatabase } from '../models/sqlite/db.js'

/** Adds `count` users to the database; returns every user id in it. */
export function addUsers(path: string, count: number, rounds: number): string[] {
  const db = openDatabase(path)
  try {
    const hash = bcrypt.hashSync('scale-password', rounds)
    const now = new Date().toISOString()
    const insert = db.prepare('INSERT INTO users (id, email, password_hash, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) insert.run(randomUUID(), `user${i}@scale.example`, hash, 'Scale', `User ${i}`, now, now)
    })()
    return db.prepare('SELECT id FROM users').pluck().all() as string[]
  } finally {
    db.close()
  }
}

interface Column { readonly name: string, readonly type: string, readonly notnull: number, readonly dflt_value: unknown, readonly pk: number }

/** Adds `count` sessions spread over `userIds`; a reason instead when the build has no such table. */
export function addSessions(path: string, count: number, userIds: readonly string[]): string | null {
  const db = openDatabase(path)
  try {
    const columns = db.prepare("SELECT * FROM pragma_table_info('user_sessions')").all() as Column[]
    if (columns.length === 0) return 'this build has no user_sessions table'
    const unknown = columns.find((c) => valueFor(c, 0, userIds) === undefined && c.notnull === 1 && c.dflt_value === null)
    if (unknown !== undefined) return `cannot fill user_sessions.${unknown.name}`
    const used = columns.filter((c) => valueFor(c, 0, userIds) !== undefined)
    const insert = db.prepare(`INSERT INTO user_sessions (${used.map((c) => c.name).join(', ')}) VALUES (${used.map(() => '?').join(', ')})`)
    db.transaction(() => {
      for (let i = 0; i < count; i += 1) insert.run(...used.map((c) => valueFor(c, i, userIds)))
    })()
    return null
  } finally {
    db.close()
  }
}

// One value per known column name; timestamps in the column's declared type, valid for an hour.
function valueFor(column: Column, i: number, userIds: readonly string[]): string | number | undefined {
  const name = column.name.toLowerCase()
  const numeric = /INT|REAL|NUM/i.test(column.type)
  const at = (offsetMs: number): string | number => (numeric ? Date.now() + offsetMs : new Date(Date.now() + offsetMs).toISOString())
  if (name === 'user_id') return userIds[i % userIds.length] ?? ''
  if (name === 'id') return numeric ? undefined : randomUUID()
  if (name.includes('session')) return createHash('sha256').update(randomUUID()).digest('hex')
  if (name.startsWith('expires')) return at(3_600_000)
  if (name.endsWith('_at')) return at(0)
  return undefined
}
