// Which checks a run chooses: by task, by AUTH_TYPE, this port's additions only with --strict-port,
// and those that need what the run lacks (a duration, a restart) listed as not run.
import { expect } from 'chai'
import { MODES, TASKS, type Series } from '../../../../bin/checker/check.js'
import { CHECKS, planChecks, type RunOptions } from '../../../../bin/checker/runner.js'

const options: RunOptions = {
  url: 'http://127.0.0.1:5000', authType: 'session_auth', tasks: null, strictPort: false, email: 'bob@hbtn.io',
  password: 'H0lbertonSchool98!', sessionName: '_my_session_id', sessionDuration: 0, restart: null,
}

describe('checker plan', function () {
  it('gives every check an existing task, at least one mode and a title unique within its task and part', function () {
    for (const check of CHECKS) {
      const [series, number] = check.task.split(':') as [Series, string]
      expect(TASKS[series][Number(number)], check.task).to.be.a('string')
      expect(check.modes.length, check.title).to.be.greaterThan(0)
      expect(check.modes.every((mode) => MODES.includes(mode))).to.equal(true)
    }
    const keys = CHECKS.map((check) => `${check.task} ${check.part} ${check.title}`)
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).to.deep.equal([])
  })

  it('runs the port\'s additions only with --strict-port', function () {
    expect(planChecks(options).toRun.filter((check) => check.part === 'B')).to.deep.equal([])
    expect(planChecks({ ...options, strictPort: true }).toRun.some((check) => check.part === 'B')).to.equal(true)
  })

  it('runs only the checks of the chosen tasks that apply to the AUTH_TYPE', function () {
    const plan = planChecks({ ...options, authType: 'basic_auth', tasks: ['basic:12', 'session:8'] })
    expect([...new Set(plan.toRun.map((check) => check.task))]).to.deep.equal(['basic:12'])
    expect(plan.unchecked).to.deep.equal([{ task: 'session:8', reason: 'its checks need --auth-type session_auth or session_exp_auth or session_db_auth or session_redis_auth' }])
  })

  it('lists the expiry and restart checks as not run, with the option they need, when the run lacks it', function () {
    const plan = planChecks({ ...options, authType: 'session_db_auth', tasks: ['session:9', 'session:10'] })
    expect(plan.toRun).to.deep.equal([])
    expect(plan.notRun.map(({ check, reason }) => [check.task, reason])).to.deep.equal([
      ['session:9', 'needs --session-duration > 0 (the server\'s SESSION_DURATION)'],
      ['session:10', 'needs --restart-cmd (a command that restarts the server)'],
    ])
    const ready = planChecks({ ...options, authType: 'session_db_auth', tasks: ['session:9', 'session:10'], sessionDuration: 2, restart: async () => {} })
    expect(ready.toRun.map((check) => check.task)).to.deep.equal(['session:9', 'session:10'])
  })
})
