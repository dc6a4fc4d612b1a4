// The bench's user, created through the models at the real bcrypt cost, in a database file the
// bench then copies for each mode (one bcrypt instead of one per mode).
import { copyFileSync } from 'node:fs'
import { closeBcryptPool } from '../models/bcrypt_pool.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'

export const BENCH_EMAIL = 'bob@hbtn.io'
export const BENCH_PASSWORD = 'H0lbertonSchool98!'

export interface SeededUser {
  readonly id: string
  /** The user's public JSON, as GET /api/v1/users/me returns it. */
  readonly json: string
  readonly basicHeader: string
}

/** Creates the database at `path` holding one user with the given bcrypt cost. */
export async function seedUser(path: string, rounds: number): Promise<SeededUser> {
  const db = openDatabase(path)
  try {
    const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(rounds))
    const user = await users.create({ email: BENCH_EMAIL, password: BENCH_PASSWORD, firstName: 'Bob', lastName: 'Dylan' })
    const basicHeader = `Basic ${Buffer.from(`${BENCH_EMAIL}:${BENCH_PASSWORD}`).toString('base64')}`
    return { id: user.id, json: JSON.stringify(user), basicHeader }
  } finally {
    db.close() // checkpoints the WAL into the file, so a plain copy is complete
    await closeBcryptPool()
  }
}

/** A copy of the seeded database for one server. */
export function copyDatabase(from: string, to: string): string {
  copyFileSync(from, to)
  return to
}
