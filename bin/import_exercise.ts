// Imports the original exercise's storage files into the database, in one transaction:
//   npm run db:import -- path/to/dir [--db PATH]
// where the directory holds .db_User.json and, optionally, .db_UserSession.json.
import 'dotenv/config'
import { parseArgs } from 'node:util'
import { loadConfig } from '../api/v1/config.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { ExerciseFileError } from '../models/exercise_files.js'
import { importExercise } from '../models/sqlite/exercise_import.js'

const USAGE = 'usage: npm run db:import -- DIR [--db PATH]   (DIR holds .db_User.json and optionally .db_UserSession.json)'

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  })
  const [dir] = positionals
  if (values.help || dir === undefined || positionals.length > 1) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  const dbPath = values.db ?? loadConfig(process.env).dbPath
  const db = openDatabase(dbPath)
  try {
    const summary = importExercise(dir, db, systemClock)
    const n = summary.skippedSessions
    const skipped = n > 0 ? ` (skipped ${n} session${n === 1 ? '' : 's'} of unknown users)` : ''
    console.log(`imported ${summary.users} users and ${summary.sessions} sessions${skipped} into ${dbPath}`)
    return 0
  } catch (error) {
    if (!(error instanceof ExerciseFileError)) throw error
    console.error(`db:import: ${error.message}; nothing was imported`)
    return 1
  } finally {
    db.close()
  }
}

try {
  process.exitCode = main()
} catch (error) {
  console.error(`db:import: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
}
