// What docs/api.md says a response holds, written out field by field, independent of the code's
// own serialisation, and a look straight into the users table to prove that nothing changed.
import type { TestApp } from './app.js'

/** The FakeClock's default start, as the public JSON renders it. */
export const T0 = '2026-01-01T00:00:00'

export interface PublicUserFields {
  id: string
  email: string
  first_name?: string | null
  last_name?: string | null
  created_at?: string
  updated_at?: string
}

/** The public JSON of a user (docs/api.md, Conventions): exactly these six keys. */
export function publicUser(fields: PublicUserFields): Record<string, unknown> {
  return {
    id: fields.id,
    email: fields.email,
    first_name: fields.first_name ?? null,
    last_name: fields.last_name ?? null,
    created_at: fields.created_at ?? T0,
    updated_at: fields.updated_at ?? fields.created_at ?? T0,
  }
}

/** A lowercase canonical uuid4, as ids and session ids are. */
export const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Every row of the users table, read with SQL so a test sees what is really stored. */
export function usersTable(test: TestApp): unknown[] {
  return test.database.db.prepare('SELECT * FROM users ORDER BY id').all()
}

/** The number of rows in the users table. */
export function userCount(test: TestApp): number {
  return test.database.db.prepare('SELECT COUNT(*) FROM users').pluck().get() as number
}
