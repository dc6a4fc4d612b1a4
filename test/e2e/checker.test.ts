// End to end: this project's real server, started as a separate process in every AUTH_TYPE it
// accepts, passes every check of the task checker, this port's own additions included. A mode the
// checker has no profile of is checked with the profile whose behaviour it must match exactly.
import { expect } from 'chai'
import { AUTH_TYPES, type AuthType } from '../../api/v1/config.js'
import { MODES, type Mode, type TaskName } from '../../bin/checker/check.js'
import { textReporter } from '../../bin/checker/reporters.js'
import { runChecks } from '../../bin/checker/runner.js'
import { BOB } from '../support/app.js'
import { startServerProcess, type ReferenceServer } from '../support/reference_server.js'
import { freshPrefix, sharedRedis } from '../support/shared_redis.js'

interface Setup {
  /** Environment of the server beyond AUTH_TYPE. */
  readonly env?: Record<string, string>
  /** The SESSION_DURATION given in env, for the expiry check. */
  readonly sessionDuration?: number
  /** Let the checker restart the server (the persistence check). */
  readonly restart?: boolean
  /** Tasks whose checks this setup cannot run (the other setup of the mode does). */
  readonly notRun?: readonly TaskName[]
  /** The server keeps its sessions in the run's Redis (REDIS_URL, a fresh REDIS_PREFIX). */
  readonly redis?: boolean
}

type ServerMode = 'none' | AuthType

/** The checker's --auth-type for each server mode: its own, or the mode it must behave exactly as. */
const PROFILES: Readonly<Record<ServerMode, Mode>> = {
  none: 'none', auth: 'auth', basic_auth: 'basic_auth', session_auth: 'session_auth',
  session_exp_auth: 'session_exp_auth', session_db_auth: 'session_db_auth', session_redis_auth: 'session_db_auth',
  jwt_auth: 'jwt_auth', jwt_redis_auth: 'jwt_redis_auth',
}

const JWT_SECRET = 'checker-secret-of-at-least-32-bytes!'

/** How each mode runs end to end. A mode the server accepts must have a line here (see the first test). */
const SETUPS: Readonly<Record<ServerMode, readonly Setup[]>> = {
  none: [{}],
  auth: [{}],
  basic_auth: [{}],
  session_auth: [{}],
  session_exp_auth: [{ env: { SESSION_DURATION: '2' }, sessionDuration: 2 }],
  session_db_auth: [
    { env: { SESSION_DURATION: '2' }, sessionDuration: 2, notRun: ['session:10'] },
    { restart: true, notRun: ['session:9'] },
  ],
  session_redis_auth: [
    { env: { SESSION_DURATION: '2' }, sessionDuration: 2, notRun: ['session:10'], redis: true },
    { restart: true, notRun: ['session:9'], redis: true },
  ],
  jwt_auth: [{ env: { JWT_SECRET: JWT_SECRET } }],
  jwt_redis_auth: [{ env: { JWT_SECRET: JWT_SECRET }, redis: true }],
}

// A mode added to the server but not here fails to compile, and the first test.
const serverModes: readonly ServerMode[] = ['none', ...AUTH_TYPES]

describe('the task checker against this server, end to end', function () {
  this.timeout(60_000)

  it('knows every AUTH_TYPE the server accepts, so each one is checked below', function () {
    expect(serverModes.filter((mode) => !MODES.includes(PROFILES[mode]) || SETUPS[mode] === undefined)).to.deep.equal([])
  })

  for (const mode of serverModes) {
    for (const setup of SETUPS[mode] ?? []) describeSetup(mode, setup)
  }
})

function describeSetup(mode: ServerMode, setup: Setup): void {
  const env = { ...(mode === 'none' ? {} : { AUTH_TYPE: mode }), ...setup.env }
  const profile = PROFILES[mode]
  const checkedAs = profile === mode ? '' : ` (checked as ${profile})`
  describe(`AUTH_TYPE=${mode === 'none' ? '(unset)' : mode} ${JSON.stringify(setup.env ?? {})}${checkedAs}`, function () {
    let server: ReferenceServer | undefined

    before(async function () {
      const redis: Record<string, string> = setup.redis === true ? { REDIS_URL: (await sharedRedis()).url, REDIS_PREFIX: freshPrefix() } : {}
      server = await startServerProcess({ ...env, ...redis })
    })

    after(async function () {
      await server?.stop()
    })

    it('passes every check that applies, with --strict-port, and reports "N passed, 0 failed"', async function () {
      const lines: string[] = []
      const running = server ?? expect.fail('the server did not start')
      const report = await runChecks({
        url: running.url, authType: profile, tasks: null, strictPort: true,
        email: BOB.email, password: BOB.password, sessionName: '_my_session_id',
        sessionDuration: setup.sessionDuration ?? 0, restart: setup.restart ? () => running.restart() : null,
      }, textReporter((line) => lines.push(line)))
      expect(report.failed, lines.join('\n')).to.equal(0)
      expect(report.passed).to.be.greaterThan(20)
      expect([...new Set(report.notRun.map(({ check }) => check.task))]).to.deep.equal(setup.notRun ?? [])
      expect(lines.at(-1)).to.equal(`${report.passed} passed, 0 failed`)
      // Only waits and restarts are noted: nothing blames the AUTH_TYPE, the rate limit or the user.
      expect(lines.filter((line) => line.startsWith('        ... ') && !/^ {8}\.\.\. (waiting|restarting) /.test(line))).to.deep.equal([])
    })
  })
}
