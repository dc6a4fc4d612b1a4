// How long a session lives: expiry after SESSION_DURATION (0x02 task 9) and survival of a restart
// in the database (task 10). The only checks that wait, and only as long as the server needs.
import { EXPIRING_MODES, PERSISTENT_MODES, scenario, type Check } from './check.js'
import { expectMe } from './checks_session.js'
import { ensure } from './expect.js'
import { FORBIDDEN, LOGOUT, ME } from './spec.js'

export const lifetimeChecks: readonly Check[] = [
  scenario('session:9', EXPIRING_MODES, 'a session identifies the user until SESSION_DURATION has passed, then answers 403 {"error":"Forbidden"}', async (ctx) => {
    const duration = ctx.options.sessionDuration
    const loggedInAt = Date.now()
    const cookie = ctx.cookie((await ctx.login()).sessionId)
    await expectMe(ctx, cookie)
    // The server counts from the session's creation, which the login answer follows: one second
    // more than the duration covers its clock's rounding.
    const remaining = Math.max(0, Math.ceil(duration + 1 - (Date.now() - loggedInAt) / 1000))
    await ctx.wait(remaining, `for the session to expire (SESSION_DURATION=${duration})`)
    await ctx.expect({ method: 'GET', path: ME, headers: cookie }, { status: 403, body: FORBIDDEN })
  }, ['session-duration']),

  scenario('session:10', PERSISTENT_MODES, 'a session survives a restart of the server, one logged out before it does not, and logout still ends it after', async (ctx) => {
    const loggedInAt = Date.now()
    const kept = ctx.cookie((await ctx.login()).sessionId)
    const ended = ctx.cookie((await ctx.login()).sessionId)
    await ctx.expect({ method: 'DELETE', path: LOGOUT, headers: ended }, { status: 200, body: {} })
    await ctx.restartServer()
    const elapsed = (Date.now() - loggedInAt) / 1000
    const duration = ctx.options.sessionDuration
    ensure(duration <= 0 || elapsed < duration, `the restart took ${elapsed.toFixed(1)} s, longer than SESSION_DURATION=${duration}: rerun against a server with longer sessions`)
    await expectMe(ctx, kept)
    await ctx.expect({ method: 'GET', path: ME, headers: ended }, { status: 403, body: FORBIDDEN })
    await ctx.expect({ method: 'DELETE', path: LOGOUT, headers: kept }, { status: 200, body: {} })
    await ctx.expect({ method: 'GET', path: ME, headers: kept }, { status: 403, body: FORBIDDEN })
  }, ['restart']),
]
