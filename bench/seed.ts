// The bench user created through the models, for bench:scale, which also writes users and sessions
// straight into SQLite (scale_seed.ts). `npm run bench` creates it through the server instead
// (bench_user.ts).
import { closeBcryptPool } from '../models/bcrypt_pool.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'
import { BASIC_HEADER, BENCH_EMAIL, BENCH_PASSWORD, type SeededUser } from './bench_user.js'

/** Creates the database at `path` holding one user with the given bcrypt cost. */
export async function seedUser(path: string, rounds: number): Promise<SeededUser> {
  const db = openDatabase(path)
  try {
    const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(rounds))
    const user = await users.create({ email: BENCH_EMAIL, password: BENCH_PASSWORD, firstName: 'Bob', lastName: 'Dylan' })
    return { id: user.id, json: JSON.stringify(user), basicHeader: BASIC_HEADER }
  } finally {
    db.close() // checkpoints the WAL into the file, so a plain copy is complete
    await closeBcryptPool()
  }
}
