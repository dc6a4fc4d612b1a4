// The scenario of `npm run compare` (without its load part) in every mode, on real server
// processes: each measured answer is the one the README's mode table promises for that mode
// (server-side state, survives a restart, several instances, logout revokes at once), both ways.
import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { COMPARED_MODES, SHORT_TTL_SECONDS } from '../../bench/compare/modes.js'
import { runScenario, type Measured, type ModeReport } from '../../bench/compare/scenario.js'
import type { Infrastructure } from '../../bench/compare/storage.js'
import { TEST_BCRYPT_ROUNDS } from '../support/app.js'
import { tempPostgresDatabase } from '../support/postgres_server.js'
import { freshPrefix, sharedRedis } from '../support/shared_redis.js'

const MEMORY = ['session_auth', 'session_exp_auth']
const STATELESS = ['basic_auth', 'jwt_auth']
// Modes run this many at a time ; each starts four server processes.
const AT_ONCE = 3

function valueOf<T>(measured: Measured<T>): T {
  if ('unmeasurable' in measured) throw new Error(`unmeasurable: ${measured.unmeasurable}`)
  return measured.value
}

function reasonOf(measured: Measured<unknown>): string {
  if ('value' in measured) throw new Error(`measured ${JSON.stringify(measured.value)}`)
  return measured.unmeasurable
}

describe('npm run compare\'s scenario in every mode', function () {
  this.timeout(300_000)
  const reports = new Map<string, ModeReport>()
  let workDir: string

  before(async function () {
    workDir = mkdtempSync(join(tmpdir(), 'koa-session-auth-compare-'))
    const infra: Infrastructure = {
      redis: await sharedRedis(), redisPrefix: freshPrefix, postgresDatabase: () => tempPostgresDatabase(), workDir,
      bcryptRounds: Number(TEST_BCRYPT_ROUNDS), serverEnv: { NODE_ENV: 'test', BCRYPT_ROUNDS: TEST_BCRYPT_ROUNDS },
    }
    const queue = [...COMPARED_MODES]
    // Settled all, so no scenario still runs (and starts servers) after the hook fails.
    const lanes = await Promise.allSettled(Array.from({ length: AT_ONCE }, async () => {
      for (let mode = queue.shift(); mode !== undefined; mode = queue.shift()) {
        reports.set(mode.label, await runScenario(infra, mode, { logins: 3, stateLogins: 2 }))
      }
    }))
    for (const lane of lanes) if (lane.status === 'rejected') throw lane.reason
  })

  after(function () {
    rmSync(workDir, { recursive: true, force: true })
  })

  for (const { label, authType, flow } of COMPARED_MODES) {
    describe(label, function () {
      const report = (): ModeReport => reports.get(label) ?? (() => { throw new Error(`${label} did not run`) })()
      const memory = MEMORY.includes(authType)

      if (flow === 'basic') {
        it('has no logout to copy a credential across, and no session to expire or end', function () {
          expect(reasonOf(report().afterLogout)).to.match(/^no logout/)
          expect(reasonOf(report().logoutOnOther)).to.match(/^no logout/)
          expect(reasonOf(report().expiry)).to.match(/^no session/)
          expect(reasonOf(report().loginMs)).to.match(/^no login/)
        })
      } else if (authType === 'jwt_auth') {
        it('still accepts a copied access token after logout, with most of its lifetime left', function () {
          expect(valueOf(report().afterLogout).accepted).to.equal(true)
          expect(valueOf(report().afterLogout).secondsLeft).to.be.within(800, 900)
          expect(valueOf(report().logoutOnOther)).to.equal(false)
        })
      } else {
        it('refuses a copied credential at once after logout', function () {
          expect(valueOf(report().afterLogout)).to.deep.equal({ accepted: false, secondsLeft: null })
        })
      }

      it(memory ? 'is logged out by a restart and unknown to a second instance' : 'stays logged in across a restart and on a second instance', function () {
        expect(valueOf(report().afterRestart)).to.equal(!memory)
        expect(valueOf(report().secondInstance)).to.equal(!memory)
        if (memory) expect(reasonOf(report().logoutOnOther)).to.match(/^never logged in/)
        else if (flow !== 'basic' && authType !== 'jwt_auth') expect(valueOf(report().logoutOnOther)).to.equal(true)
      })

      if (flow !== 'basic') {
        const enforced = authType !== 'session_auth'
        it(enforced ? `refuses the credential on the server once ${SHORT_TTL_SECONDS} s have passed` : 'never expires a session, whatever SESSION_DURATION says', function () {
          const expiry = valueOf(report().expiry)
          expect(expiry.refused).to.equal(enforced)
          if (enforced) expect(expiry.seconds).to.be.within(SHORT_TTL_SECONDS - 1, SHORT_TTL_SECONDS + 3)
        })
      }

      it('refuses a deleted user\'s credential at once', function () {
        expect(valueOf(report().deletedUser)).to.equal(true)
      })

      it(STATELESS.includes(authType) ? 'cannot end every session (400)' : `ends every session${memory ? ' of this instance only' : ' on both instances'}`, function () {
        if (STATELESS.includes(authType)) expect(reasonOf(report().endAll)).to.match(/400/)
        else expect(valueOf(report().endAll)).to.deep.equal({ here: true, other: !memory })
      })

      it(STATELESS.includes(authType) ? 'keeps no server-side state per session' : 'keeps some server-side state per session', function () {
        expect(report().credentialBytes).to.be.above(20)
        const bytes = valueOf(report().stateBytes).bytes
        if (STATELESS.includes(authType)) expect(bytes).to.equal(0)
        else expect(bytes).to.be.above(0)
        if (flow !== 'basic') expect(valueOf(report().loginMs)).to.be.above(0)
      })
    })
  }
})
