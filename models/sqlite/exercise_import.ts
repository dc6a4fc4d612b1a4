// Imports the original exercise's `.db_User.json` and `.db_UserSession.json` into the database in
// one transaction: all of it or, on any problem, nothing. Ids, emails, names and timestamps are
// kept; SHA-256 passwords stay until the first login rehashes them; session ids are stored hashed.
import { join } from 'node:path'
import type { Clock } from '../clock.js'
import type { Db } from './db.js'
import {
  ExerciseFileError, USER_FILE, USER_SESSION_FILE, readExerciseSessions, readExerciseUsers,
  type ExerciseSession, type ExerciseUser,
} from '../exercise_files.js'
import { hashSessionId } from '../user_session.js'

/** What an import wrote. */
export interface ImportSummary {
  readonly users: number
  readonly sessions: number
  /** Sessions whose user is neither in the file nor in the database: they could never log in. */
  readonly skippedSessions: number
}

/** Reads, checks and imports the exercise's files in `dir`; throws ExerciseFileError on a problem. */
export function importExercise(dir: string, db: Db, clock: Clock): ImportSummary {
  const now = clock.now()
  const users = readExerciseUsers(dir, now)
  const sessions = readExerciseSessions(dir, now)
  return db.transaction(() => {
    insertUsers(db, join(dir, USER_FILE), users)
    const inserted = insertSessions(db, join(dir, USER_SESSION_FILE), sessions)
    return { users: users.length, sessions: inserted, skippedSessions: sessions.length - inserted }
  }).immediate()
}

function insertUsers(db: Db, file: string, users: readonly ExerciseUser[]): void {
  const byId = db.prepare('SELECT 1 FROM users WHERE id = ?').pluck()
  const byEmail = db.prepare('SELECT id FROM users WHERE email = ?').pluck()
  const insert = db.prepare(`INSERT INTO users (id, email, password_hash, first_name, last_name, created_at, updated_at)
    VALUES (@id, @email, @passwordHash, @firstName, @lastName, @createdAt, @updatedAt)`)
  for (const user of users) {
    if (byId.get(user.id) !== undefined) throw new ExerciseFileError(file, `entry ${JSON.stringify(user.id)}: a user with this id is already in the database`)
    if (byEmail.get(user.email) !== undefined) throw new ExerciseFileError(file, `entry ${JSON.stringify(user.id)}: email ${user.email} is already in the database`)
    insert.run({ ...user, createdAt: user.createdAt.toISOString(), updatedAt: user.updatedAt.toISOString() })
  }
}

/** Inserts the sessions of known users; answers how many. */
function insertSessions(db: Db, file: string, sessions: readonly ExerciseSession[]): number {
  const userExists = db.prepare('SELECT 1 FROM users WHERE id = ?').pluck()
  const taken = db.prepare('SELECT 1 FROM user_sessions WHERE id = ? OR session_hash = ?').pluck()
  const insert = db.prepare(`INSERT INTO user_sessions (id, user_id, session_hash, created_at, updated_at)
    VALUES (@id, @userId, @sessionHash, @createdAt, @updatedAt)`)
  let inserted = 0
  for (const session of sessions) {
    if (userExists.get(session.userId) === undefined) continue
    const sessionHash = hashSessionId(session.sessionId)
    if (taken.get(session.id, sessionHash) !== undefined) {
      throw new ExerciseFileError(file, `entry ${JSON.stringify(session.id)}: this session is already in the database`)
    }
    insert.run({
      id: session.id, userId: session.userId, sessionHash,
      createdAt: session.createdAt.toISOString(), updatedAt: session.updatedAt.toISOString(),
    })
    inserted += 1
  }
  return inserted
}
