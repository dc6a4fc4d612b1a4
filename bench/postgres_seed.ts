// The bench user in PostgreSQL: the very record the server created in the SQLite seed (same id,
// password hash and timestamps, so every mode answers the same JSON), read through SqliteUserStore
// and written through PostgresUserStore into a database migrated by the project's own openPostgres.
import { openPostgres } from '../models/postgres/db.js'
import { PostgresUserStore } from '../models/postgres/user_store.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'

/** Copies user `id` from the SQLite file at `sqlitePath` into the PostgreSQL database at `url`. */
export async function copyUserToPostgres(sqlitePath: string, id: string, url: string): Promise<void> {
  const db = openDatabase(sqlitePath)
  const pool = await openPostgres(url)
  try {
    const user = await new SqliteUserStore(db).get(id)
    if (user === null) throw new Error(`the bench user ${id} is not in the seed database`)
    await new PostgresUserStore(pool).save(user)
  } finally {
    db.close()
    await pool.end()
  }
}
