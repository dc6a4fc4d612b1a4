// Opens the storage the configuration asks for, at start: the database (the SQLite file at
// DB_PATH by default). A backend that cannot be reached stops the server with a message naming
// its variable.
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
  const storage = sqliteStorage(openDatabase(config.dbPath, { busyTimeoutMs: config.dbBusyTimeoutMs }))
  return { storage, close: () => storage.close() }
}

/** What the startup line says of where data lives (never a password). */
export function storageDescription(config: Config): string {
  return `DB_PATH=${config.dbPath}`
}
