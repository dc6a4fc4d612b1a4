// Startup self-check (docs/security.md): createApp refuses an excluded-path wildcard that
// would expose a protected route, naming the pattern and the route; server.ts then exits 1.
import { expect } from 'chai'
import { createApp, EXCLUDED_PATHS, type App } from '../../api/v1/app.js'
import { ConfigError, loadConfig } from '../../api/v1/config.js'
import { TEST_BCRYPT_ROUNDS } from '../support/app.js'
import { sqliteStorage } from '../../models/sqlite/storage.js'
import { tempDatabase } from '../support/temp_database.js'

describe('startup self-check of excluded-path wildcards', function () {
  function build(excludedPaths: readonly string[]): () => App {
    return () => {
      const database = tempDatabase()
      try {
        const config = loadConfig({ NODE_ENV: 'test', AUTH_TYPE: 'session_auth', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS, DB_PATH: database.path, LOG_LEVEL: 'silent' })
        return createApp(config, { storage: sqliteStorage(database.db), excludedPaths })
      } finally {
        database.remove()
      }
    }
  }

  it('refuses to build the app when "/api/v1/stat*" would expose GET /api/v1/stats, naming both', function () {
    expect(build([...EXCLUDED_PATHS, '/api/v1/stat*'])).to.throw(ConfigError, /"\/api\/v1\/stat\*".*HEAD,GET \/api\/v1\/stats;/)
  })

  it('refuses wildcards that reach a parameterised or a sibling route (/api/v1/users/me*, /api/v1/auth_session/*)', function () {
    expect(build(['/api/v1/users/me*'])).to.throw(ConfigError, /\/api\/v1\/users\/:id/)
    expect(build([...EXCLUDED_PATHS, '/api/v1/auth_session/*'])).to.throw(ConfigError, /DELETE \/api\/v1\/auth_session\/logout/)
    expect(build(['/api/v1/*'])).to.throw(ConfigError, /excluded path "\/api\/v1\/\*"/)
    // The page at / is excluded exactly: a wildcard there would open every route.
    expect(build([...EXCLUDED_PATHS, '/*'])).to.throw(ConfigError, /excluded path "\/\*"/)
  })

  it('accepts a wildcard that only covers routes that are excluded anyway (/api/v1/status*)', function () {
    expect(build([...EXCLUDED_PATHS, '/api/v1/status*'])).not.to.throw()
    expect(build(EXCLUDED_PATHS)).not.to.throw()
  })
})
