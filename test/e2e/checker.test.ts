// End to end: this project's real server, started as a separate process in every AUTH_TYPE it
// accepts, passes every check of the task checker, this port's own additions included.
import { expect } from 'chai'
import { AUTH_TYPES } from '../../api/v1/config.js'
import { MODES, type Mode, type TaskName } from '../../bin/checker/check.js'
import { textReporter } from '../../bin/checker/reporters.js'
import { runChecks } from '../../bin/checker/runner.js'
import { BOB } from '../support/app.js'
import { startServerProcess, type ReferenceServer } from '../support/reference_server.js'

interface Setup {
  /** Environment of the server beyond AUTH_TYPE. */
  readonly env?: Record<string, string>
  /** The SESSION_DURATION given in env, for the expiry check. */
  readonly sessionDuration?: number
  /** Let the checker restart the server (the persistence check). */
  readonly restart?: boolean
  /** Tasks whose checks this setup cannot run (the other setup of the mode does). */
  readonly notRun?: readonly TaskName[]
}

/** How each mode runs end to end. A mode the server accepts must have a line here (see the first test). */
const SETUPS: Readonly<Partial<Record<Mode, readonly Setup[]>>> = {
  none: [{}],
  auth: [{}],
  basic_auth: [{}],
  session_auth: [{}],
  session_exp_auth: [{ env: { SESSION_DURATION: '2' }, sessionDuration: 2 }],
  session_db_auth: [
    { env: { SESSION_DURATION: '2' }, sessionDuration: 2, notRun: ['session:10'] },
    { restart: true, notRun: ['session:9'] },
  ],
  jwt_auth: [{ env: { JWT_SECRET: 'checker-secret-of-at-least-32-bytes!' } }],
}

// A mode added to the server but not to the checker fails to compile here, and the first test.
const serverModes: readonly Mode[] = ['none', ...AUTH_TYPES]

describe('the task checker against this server, end to end', function () {
  this.timeout(60_000)

  it('knows every AUTH_TYPE the server accepts, so each one is checked below', function () {
    expect(serverModes.filter((mode) => !(MODES as readonly string[]).includes(mode) || SETUPS[mode] === undefined)).to.deep.equal([])
  })

  for (const mode of serverModes) {
    for (const setup of SETUPS[mode] ?? []) describeSetup(mode, setup)
  }
})

function describeSetup(mode: Mode, setup: Setup): void {
  const env = { ...(mode === 'none' ? {} : { AUTH_TYPE: mode }), ...setup.env }
  describe(`AUTH_TYPE=${mode === 'none' ? '(unset)' : mode} ${JSON.stringify(setup.env ?? {})}`, function () {
    let server: ReferenceServer | undefined

    before(async function () {
      server = await startServerProcess(env)
    })

    after(async function () {
      await server?.stop()
    })

    it('passes every check that applies, with --strict-port, and reports "N passed, 0 failed"', async function () {
      const lines: string[] = []
      const running = server ?? expect.fail('the server did not start')
      const report = await runChecks({
        url: running.url, authType: mode, tasks: null, strictPort: true,
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
