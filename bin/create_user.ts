// Creates a user from the command line, since every users route needs authentication:
//   npm run user:create -- --email bob@hbtn.io --password 'H0lbertonSchool98!' [--first-name Bob] [--last-name Dylan]
import 'dotenv/config'
import { parseArgs } from 'node:util'
import { loadConfig } from '../api/v1/config.js'
import { systemClock } from '../models/clock.js'
import { openDatabase } from '../models/sqlite/db.js'
import { SqliteUserStore } from '../models/sqlite/user_store.js'
import { PasswordHasher } from '../models/password.js'
import { UserRepository } from '../models/user.js'
import { UserCreationError } from '../models/user_fields.js'

const USAGE = 'usage: npm run user:create -- --email EMAIL --password PASSWORD [--first-name NAME] [--last-name NAME] [--db PATH]'

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help || values.email === undefined || values.password === undefined) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  const config = loadConfig(process.env)
  const db = openDatabase(values.db ?? config.dbPath)
  try {
    const users = new UserRepository(new SqliteUserStore(db), systemClock, new PasswordHasher(config.bcryptRounds))
    const user = await users.create({
      email: values.email, password: values.password, firstName: values['first-name'], lastName: values['last-name'],
    })
    console.log(JSON.stringify(user))
    return 0
  } catch (error) {
    if (!(error instanceof UserCreationError)) throw error
    console.error(`Can't create User: ${error.message}`)
    return 1
  } finally {
    db.close()
  }
}

main().then((code) => { process.exitCode = code }, (error: unknown) => {
  console.error(`user:create: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
