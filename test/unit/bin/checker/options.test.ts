// The checker's command line: task names, defaults, and the mistakes it refuses.
import { expect } from 'chai'
import { UsageError, parseCliArgs, parseTask } from '../../../../bin/checker/options.js'

const noRestart = (): (() => Promise<void>) => async () => {}

describe('checker command line options', function () {
  it('reads a bare task number in the series of the mode: session:N for session modes, basic:N otherwise', function () {
    expect(parseTask('7', 'session_auth')).to.deep.equal(['session:7'])
    expect(parseTask('7', 'basic_auth')).to.deep.equal(['basic:7'])
    expect(parseTask('basic:12', 'session_db_auth')).to.deep.equal(['basic:12'])
    expect(parseTask('session', 'none')).to.have.length(11)
  })

  it('refuses a task outside its series and a malformed one, naming the accepted forms', function () {
    expect(() => parseTask('session:11', 'session_auth')).to.throw(UsageError, 'session tasks are numbered 0 to 10')
    expect(() => parseTask('task7', 'session_auth')).to.throw(UsageError, '--task must look like 7, basic:12, session:7, token:2, basic, session or token; got "task7"')
  })

  it('defaults to the exercise\'s reference user, cookie name and no expiry, and runs every task with --all', function () {
    const cli = parseCliArgs(['--url', 'http://127.0.0.1:5000', '--auth-type', 'unset', '--all'], noRestart)
    expect(cli?.run).to.deep.include({
      url: 'http://127.0.0.1:5000', authType: 'none', tasks: null, strictPort: false, email: 'bob@hbtn.io',
      password: 'H0lbertonSchool98!', sessionName: '_my_session_id', sessionDuration: 0, restart: null,
    })
  })

  it('refuses a run without --task or --all, an unknown AUTH_TYPE, and a duration it would not wait for', function () {
    const args = ['--url', 'http://127.0.0.1:5000', '--auth-type', 'session_exp_auth']
    expect(() => parseCliArgs(args, noRestart)).to.throw(UsageError, 'give either --task (one or more) or --all')
    expect(() => parseCliArgs(['--url', 'http://x', '--auth-type', 'jwt', '--all'], noRestart)).to.throw(UsageError, '--auth-type must be one of')
    expect(() => parseCliArgs([...args, '--all', '--session-duration', '301'], noRestart)).to.throw(UsageError, 'from 0 to 300; got "301"')
  })
})
