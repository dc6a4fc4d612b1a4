// Creates a user in a database (a SQLite file or PostgreSQL) before a server process starts on
// it: every users route needs authentication, so the first account cannot come through the API.
import { systemClock } from '../../models/clock.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { PasswordHasher } from '../../models/password.js'
import { openPostgres } from '../../models/postgres/db.js'
import { postgresStorage } from '../../models/postgres/storage.js'
import { SqliteUserStore } from '../../models/sqlite/user_store.js'
import { UserRepository, type User } from '../../models/user.js'

/** Stores the user in the SQLite file at `dbPath` (created if needed) and returns it. */
export async function seedStoredUser(dbPath: string, email: string, password: string, bcryptRounds = 4): Promise<User> {
  const db = openDatabase(dbPath)
  try {
    return await new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(bcryptRounds)).create({ email, password })
  } finally {
    db.close()
  }
}

/** Stores the user in the SQLite file at `dbPath` (created if needed) and returns its id. */
export async function seedUser(dbPath: string, email: string, password: string, bcryptRounds = 4): Promise<string> {
  return (await seedStoredUser(dbPath, email, password, bcryptRounds)).id
}

/** Stores the user in the PostgreSQL database at `url` (its schema created if needed) and returns it. */
export async function seedPostgresUser(url: string, email: string, password: string, bcryptRounds = 4): Promise<User> {
  const storage = postgresStorage(await openPostgres(url))
  try {
    return await new UserRepository(storage.users, systemClock, new PasswordHasher(bcryptRounds)).create({ email, password })
  } finally {
    await storage.close()
  }
}
