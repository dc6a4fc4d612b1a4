// Reads the original exercise's storage files (Base.save_to_file: `.db_<Class>.json`, an object
// {id: obj.to_json(True)} with `_password` and "%Y-%m-%dT%H:%M:%S" UTC timestamps), checking every
// field, so an import refuses a malformed file before it writes anything.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { validate as isUuid, version as uuidVersion } from 'uuid'
import { formatTimestamp, parseTimestamp } from './base.js'

/** A problem with one of the files; the message reads "<file>: <problem>". */
export class ExerciseFileError extends Error {
  readonly code = 'ERR_EXERCISE_FILE'
  override name = 'ExerciseFileError'

  constructor(readonly file: string, problem: string) {
    super(`${file}: ${problem}`)
  }
}

/** A checked `.db_User.json` entry. */
export interface ExerciseUser {
  readonly id: string
  readonly email: string
  /** The exercise's unsalted SHA-256 hex `_password`, lower-cased; null when it had none. */
  readonly passwordHash: string | null
  readonly firstName: string | null
  readonly lastName: string | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A checked `.db_UserSession.json` entry. */
export interface ExerciseSession {
  readonly id: string
  readonly userId: string
  /** The raw session id, as the exercise stored it: hash it before it touches the database. */
  readonly sessionId: string
  readonly createdAt: Date
  readonly updatedAt: Date
}

export const USER_FILE = '.db_User.json'
export const USER_SESSION_FILE = '.db_UserSession.json'

type Entry = Record<string, unknown>

// The only ids the server accepts in a cookie (see isSessionId): others could never be used.
function isIssuableSessionId(value: string): boolean {
  return isUuid(value) && uuidVersion(value) === 4 && value === value.toLowerCase()
}
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/

/** The parsed entries of one file, keyed by id; null when the file is absent and `optional`. */
function readEntries(file: string, optional: boolean): Map<string, Entry> | null {
  if (!existsSync(file)) {
    if (optional) return null
    throw new ExerciseFileError(file, 'file not found')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ExerciseFileError(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ExerciseFileError(file, 'expected a JSON object mapping each id to its object')
  }
  const entries = new Map<string, Entry>()
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ExerciseFileError(file, `entry ${JSON.stringify(key)} is not an object`)
    if (value.id !== key) throw new ExerciseFileError(file, `entry ${JSON.stringify(key)} has an id that differs from its key`)
    if (key === '' || CONTROL_CHARACTER.test(key)) throw new ExerciseFileError(file, `entry ${JSON.stringify(key)} has an empty id or one with control characters`)
    entries.set(key, value as Entry)
  }
  return entries
}

/** Reads one entry's fields, each failure naming the file, the entry and the field. */
class Fields {
  constructor(private readonly file: string, private readonly key: string, private readonly entry: Entry) {}

  fail(problem: string): never {
    throw new ExerciseFileError(this.file, `entry ${JSON.stringify(this.key)}: ${problem}`)
  }

  text(name: string): string {
    const value = this.entry[name]
    if (typeof value !== 'string' || value === '' || CONTROL_CHARACTER.test(value)) this.fail(`${name} must be a non-empty string`)
    return value
  }

  optionalText(name: string): string | null {
    const value = this.entry[name] ?? null
    if (value !== null && typeof value !== 'string') this.fail(`${name} must be a string or null`)
    return value
  }

  // The exercise's Base gives an object without a timestamp the time it is loaded.
  timestamp(name: string, now: Date): Date {
    const value = this.entry[name] ?? null
    if (value === null) return now
    const valid = typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(value) &&
      formatTimestamp(parseTimestamp(value)) === value
    if (!valid) this.fail(`${name} must be a timestamp like 2017-09-25T01:55:17`)
    return parseTimestamp(value)
  }
}

/** The users of `<dir>/.db_User.json` (required), checked; emails must be unique. */
export function readExerciseUsers(dir: string, now: Date): ExerciseUser[] {
  const file = join(dir, USER_FILE)
  const owners = new Map<string, string>()
  return [...(readEntries(file, false) ?? [])].map(([key, entry]) => {
    const fields = new Fields(file, key, entry)
    const email = fields.text('email')
    const other = owners.get(email)
    if (other !== undefined) fields.fail(`email ${email} is also the email of entry ${JSON.stringify(other)}`)
    owners.set(email, key)
    const password = fields.optionalText('_password')
    if (password !== null && !/^[0-9a-fA-F]{64}$/.test(password)) fields.fail('_password must be a SHA-256 hex digest or null')
    return {
      id: key, email, passwordHash: password?.toLowerCase() ?? null,
      firstName: fields.optionalText('first_name'), lastName: fields.optionalText('last_name'),
      createdAt: fields.timestamp('created_at', now), updatedAt: fields.timestamp('updated_at', now),
    }
  })
}

/** The sessions of `<dir>/.db_UserSession.json`, checked; [] when the file is absent. */
export function readExerciseSessions(dir: string, now: Date): ExerciseSession[] {
  const file = join(dir, USER_SESSION_FILE)
  const seen = new Map<string, string>()
  return [...(readEntries(file, true) ?? [])].map(([key, entry]) => {
    const fields = new Fields(file, key, entry)
    const sessionId = fields.text('session_id')
    if (!isIssuableSessionId(sessionId)) fields.fail('session_id must be a lowercase uuid4')
    const other = seen.get(sessionId)
    if (other !== undefined) fields.fail(`session_id is also the session_id of entry ${JSON.stringify(other)}`)
    seen.set(sessionId, key)
    return {
      id: key, userId: fields.text('user_id'), sessionId,
      createdAt: fields.timestamp('created_at', now), updatedAt: fields.timestamp('updated_at', now),
    }
  })
}
