// Unit tests of loadConfig: defaults, AUTH_TYPE validation, and SESSION_DURATION
// parsed like Python's int().
import { expect } from 'chai'
import { AUTH_TYPES, ConfigError, loadConfig, parsePythonInt } from '../../api/v1/config.js'

describe('loadConfig', function () {
  it('answers the documented defaults for an empty environment', function () {
    expect(loadConfig({})).to.deep.equal({
      host: '0.0.0.0',
      port: 5000,
      authType: null,
      sessionName: '_my_session_id',
      sessionDuration: 0,
      dbPath: '.db.sqlite3',
      databaseUrl: null,
      redisUrl: 'redis://127.0.0.1:6379',
      redisPrefix: 'ksa:',
      dbBusyTimeoutMs: 5000,
      bcryptRounds: 10,
      cookieSecure: false,
      trustProxy: false,
      corsOrigins: '*',
      loginMaxAttemptsPerEmail: 10,
      loginMaxAttemptsPerIp: 100,
      loginWindowSeconds: 900,
      logLevel: 'info',
    })
  })

  it('answers a frozen object', function () {
    expect(Object.isFrozen(loadConfig({}))).to.equal(true)
  })

  for (const authType of AUTH_TYPES) {
    it(`accepts AUTH_TYPE=${authType}`, function () {
      expect(loadConfig({ AUTH_TYPE: authType }).authType).to.equal(authType)
    })
  }

  it('treats an empty AUTH_TYPE as unset (no auth)', function () {
    expect(loadConfig({ AUTH_TYPE: '' }).authType).to.equal(null)
  })

  for (const value of ['basic', 'Basic_Auth', 'session_auth ', 'none']) {
    it(`throws a ConfigError naming AUTH_TYPE and listing the valid values for AUTH_TYPE=${JSON.stringify(value)}`, function () {
      expect(() => loadConfig({ AUTH_TYPE: value })).to.throw(ConfigError, /AUTH_TYPE/)
      try {
        loadConfig({ AUTH_TYPE: value })
      } catch (error) {
        expect((error as ConfigError).code).to.equal('ERR_CONFIG')
        for (const valid of ['auth', 'basic_auth', 'session_auth']) expect((error as Error).message).to.include(valid)
      }
    })
  }

  it('reads API_HOST, API_PORT, SESSION_NAME, DB_PATH, COOKIE_SECURE and TRUST_PROXY', function () {
    const config = loadConfig({
      API_HOST: '127.0.0.1', API_PORT: '0', SESSION_NAME: 'sid', DB_PATH: 'x.sqlite3', COOKIE_SECURE: 'true', TRUST_PROXY: '1',
    })
    expect(config).to.include({ host: '127.0.0.1', port: 0, sessionName: 'sid', dbPath: 'x.sqlite3', cookieSecure: true, trustProxy: true })
  })

  const invalid: Array<[string, Record<string, string>]> = [
    ['API_PORT', { API_PORT: '65536' }],
    ['API_PORT', { API_PORT: 'http' }],
    ['SESSION_NAME', { SESSION_NAME: 'my session' }],
    ['SESSION_NAME', { SESSION_NAME: 'a;b' }],
    ['BCRYPT_ROUNDS', { BCRYPT_ROUNDS: '4' }],
    ['BCRYPT_ROUNDS', { BCRYPT_ROUNDS: '32' }],
    ['COOKIE_SECURE', { COOKIE_SECURE: 'yes' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'example.com' }],
  ]
  for (const [name, env] of invalid) {
    it(`throws a ConfigError naming ${name} for ${JSON.stringify(env)}`, function () {
      expect(() => loadConfig(env)).to.throw(ConfigError, new RegExp(name))
    })
  }

  it('accepts BCRYPT_ROUNDS=4 only with NODE_ENV=test', function () {
    expect(loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4' }).bcryptRounds).to.equal(4)
  })

  it('reads CORS_ORIGINS as a comma-separated allow-list, and "*" as any origin', function () {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins)
      .to.deep.equal(['https://a.example', 'http://b.example:8080'])
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).to.equal('*')
  })

  it('parses SESSION_DURATION like Python int()', function () {
    expect(loadConfig({ SESSION_DURATION: ' 60 ' }).sessionDuration).to.equal(60)
    expect(loadConfig({ SESSION_DURATION: '60.5' }).sessionDuration).to.equal(0)
  })
})

describe('parsePythonInt', function () {
  const table: Array<[string | undefined, number]> = [
    [undefined, 0],
    ['', 0],
    ['   ', 0],
    ['abc', 0],
    ['60.5', 0],
    ['1e3', 0],
    ['0x10', 0],
    ['60', 60],
    ['  60\t\n', 60],
    ['+60', 60],
    ['-60', -60],
    ['- 60', 0],
    ['+-60', 0],
    ['1_000', 1000],
    ['1__000', 0],
    ['_1000', 0],
    ['1000_', 0],
    ['007', 7],
    ['0', 0],
  ]
  for (const [value, expected] of table) {
    it(`answers ${expected} for ${JSON.stringify(value)}`, function () {
      expect(parsePythonInt(value)).to.equal(expected)
    })
  }
})
