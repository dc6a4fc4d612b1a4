// A fresh SQLite file per test file, in the system's temporary directory, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../../models/sqlite/db.js'

export interface TempDatabase {
  readonly path: string
  readonly db: Db
  remove(): void
}

export function tempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-'))
  const path = join(dir, 'test.sqlite3')
  const db = openDatabase(path)
  return {
    path,
    db,
    remove() {
      if (db.open) db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
