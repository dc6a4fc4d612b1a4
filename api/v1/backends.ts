// Opens the storage the configuration asks for, at start: PostgreSQL when DATABASE_URL is set,
// else the SQLite file at DB_PATH. A backend that cannot be reached stops the server with a
// message naming its variable.
import { describeUrl, openPostgres } from '../../models/postgres/db.js'
import { postgresStorage } from '../../models/postgres/storage.js'
import { openDatabase } from '../../models/sqlite/db.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import type { Storage } from '../../models/storage.js'
import type { Config } from './config.js'

/** The stores the app is built on; close() closes every connection. */
export interface Backends {
  readonly storage: Storage
  close(): Promise<void>
}

export async function openBackends(config: Config): Promise<Backends> {
  const storage = config.databaseUrl === null
    ? sqliteStorage(openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs }))
    : postgresStorage(await openPostgres(config.databaseUrl))
  return { storage, close: () => storage.close() }
}

/** What the startup line says of where data lives (never a password). */
export function storageDescription(config: Config): string {
  return config.databaseUrl === null ? `DB_PATH=${config.dbPath}` : `DATABASE_URL=${describeUrl(config.databaseUrl)}`
}
