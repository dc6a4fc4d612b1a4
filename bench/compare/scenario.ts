// The compare scenario for one mode, every answer measured on real server processes: two
// instances on one storage (A and B), A restarted, and a third server with a short lifetime for
// sessions and access tokens (S) probed for expiry while the rest runs (the load waits for it, so
// the probe never runs on a saturated machine). Nothing here is assumed
// from the mode's name; a row that cannot be measured in a mode says why.
import { spawnServer, type ServerProcess } from '../../test/support/server_process.js'
import { credentialBytes, deleteUser, endEverySession, logIn, logOut, me, secondsToExpiry, type Account, type Credential } from './client.js'
import { measureState, medianLogin, probeExpiry } from './measures.js'
import { LONG_TTL_SECONDS, modeEnv, SHORT_TTL_SECONDS, type ComparedMode } from './modes.js'
import { prepareStorage, type Infrastructure, type SeededAccount, type Storage } from './storage.js'

/** A measured value, or why the mode has nothing to measure there. */
export type Measured<T> = { readonly value: T } | { readonly unmeasurable: string }

export interface ModeReport {
  readonly mode: ComparedMode
  /** A copy of the credential, sent after logout: accepted, and for how long its token still runs. */
  readonly afterLogout: Measured<{ readonly accepted: boolean, readonly secondsLeft: number | null }>
  /** A credential from before a restart of the API, sent after it: still logged in. */
  readonly afterRestart: Measured<boolean>
  /** A credential from A, sent to B: logged in there. */
  readonly secondInstance: Measured<boolean>
  /** After logout on A, the copy sent to B: refused. */
  readonly logoutOnOther: Measured<boolean>
  /** On S, the credential sent until refused, whatever its cookie's Max-Age says. */
  readonly expiry: Measured<{ readonly refused: boolean, readonly seconds: number, readonly ttl: number }>
  /** Right after DELETE /users/<id>, that user's credential: refused. */
  readonly deletedUser: Measured<boolean>
  /** After DELETE /users/me/sessions on A: a session of A refused, one of B refused. */
  readonly endAll: Measured<{ readonly here: boolean, readonly other: boolean }>
  /** Bytes of the header line the credential adds to each request. */
  readonly credentialBytes: number
  readonly stateBytes: Measured<{ readonly bytes: number, readonly how: string }>
  /** Median milliseconds of the login request. */
  readonly loginMs: Measured<number>
  /** What the caller measured on A (restarted) while it ran: the load part. */
  readonly load: LoadReport | null
}

/** Receives A's address and one logged-in credential, returns what it measured. */
export type LoadStep = (server: ServerProcess, credential: Credential) => Promise<LoadReport>

export interface LoadReport {
  readonly requestsPerSecond: number
  readonly p99Ms: number
  readonly ceilingRequestsPerSecond: number
  readonly ceilingP99Ms: number
  /** Responses that were not 200 (both servers), connection errors and timeouts. */
  readonly unexpected: number
}

export interface ScenarioOptions {
  /** Logins timed for the median. */
  readonly logins: number
  /** Logins more whose storage growth gives the bytes per session. */
  readonly stateLogins: number
  readonly load?: LoadStep
}

export const BOB: Account = { email: 'bob@hbtn.io', password: 'H0lbertonSchool98!' }
export const CAROL: Account = { email: 'carol@hbtn.io', password: 'carol pwd' }

/** Runs the whole scenario against `mode`; every server it started is gone when it settles. */
export async function runScenario(infra: Infrastructure, mode: ComparedMode, options: ScenarioOptions): Promise<ModeReport> {
  const storages: Storage[] = []
  const servers: ServerProcess[] = []
  let probe: Promise<unknown> = Promise.resolve()
  const spawn = async (env: Record<string, string>): Promise<ServerProcess> => {
    const server = await spawnServer({ ...infra.serverEnv, ...env })
    servers.push(server)
    return server
  }
  try {
    const main = await prepareStorage(infra, mode, [BOB, CAROL])
    storages.push(main)
    const short = mode.flow === 'basic' ? null : await prepareStorage(infra, mode, [BOB])
    if (short !== null) storages.push(short)
    const env = { ...modeEnv(mode, LONG_TTL_SECONDS), ...main.env }
    const expiry = short === null
      ? Promise.resolve({ unmeasurable: 'no session: the password itself is sent with every request' })
      : spawn({ ...modeEnv(mode, SHORT_TTL_SECONDS), ...short.env }).then((s) => probeExpiry(s, mode, account(short, 0)))
    // Awaited before the servers are killed, so S is among them even when A or B failed.
    probe = expiry.catch(() => {})
    const [a, b] = await Promise.all([spawn(env), spawn(env)])
    const report = await onInstances(mode, main, a, b, spawn, options, probe)
    return { ...report, expiry: await expiry }
  } finally {
    await probe
    await Promise.all(servers.map((server) => server.kill()))
    await Promise.all(storages.map((storage) => storage.remove()))
  }
}

function account(storage: Storage, index: number): SeededAccount {
  return storage.accounts[index] ?? unexpected(`no account ${index}`)
}

function unexpected(what: string): never {
  throw new Error(what)
}

// Everything but expiry, in an order where each step starts from fresh logins.
async function onInstances(
  mode: ComparedMode, main: Storage, a: ServerProcess, b: ServerProcess,
  spawn: (env: Record<string, string>) => Promise<ServerProcess>, options: ScenarioOptions, probe: Promise<unknown>,
): Promise<Omit<ModeReport, 'expiry'>> {
  const bob = account(main, 0)
  const stateBytes = await measureState(mode, main, a.url, bob, options.stateLogins)
  const copied = await logIn(a.url, mode.flow, bob)
  const logins = await copyAfterLogout(mode, a.url, b.url, copied)
  const endAll = await endEverySessionOn(mode, a.url, b.url, bob)
  const deletedUser = await deleteAndRetry(mode, a.url, bob, account(main, 1))
  const kept = await logIn(a.url, mode.flow, bob)
  await a.stop()
  const restarted = await spawn({ ...modeEnv(mode, LONG_TTL_SECONDS), ...main.env })
  const afterRestart = (await me(restarted.url, kept)) === 200
  const loginMs = await medianLogin(mode, restarted.url, bob, options.logins)
  // The load saturates the machine: it waits until the expiry probe, which times answers, is done.
  await probe
  const load = options.load === undefined ? null : await options.load(restarted, await logIn(restarted.url, mode.flow, bob))
  return { mode, ...logins, endAll, deletedUser, afterRestart: { value: afterRestart }, credentialBytes: credentialBytes(copied), stateBytes, loginMs, load }
}

async function copyAfterLogout(mode: ComparedMode, a: string, b: string, copied: Credential): Promise<Pick<ModeReport, 'afterLogout' | 'secondInstance' | 'logoutOnOther'>> {
  const onOther = (await me(b, copied)) === 200
  const secondInstance = { value: onOther }
  const out = await logOut(a, mode.flow, copied)
  if (out === null) {
    const why = 'no logout: the password itself is sent with every request'
    return { afterLogout: { unmeasurable: why }, secondInstance, logoutOnOther: { unmeasurable: why } }
  }
  if (out !== 200) throw new Error(`logout answered ${out}`)
  const accepted = (await me(a, copied)) === 200
  const afterLogout = { value: { accepted, secondsLeft: accepted ? secondsToExpiry(copied) : null } }
  if (!onOther) return { afterLogout, secondInstance, logoutOnOther: { unmeasurable: 'never logged in on the second instance' } }
  return { afterLogout, secondInstance, logoutOnOther: { value: (await me(b, copied)) !== 200 } }
}

async function endEverySessionOn(mode: ComparedMode, a: string, b: string, bob: Account): Promise<ModeReport['endAll']> {
  const here = await logIn(a, mode.flow, bob)
  const other = await logIn(b, mode.flow, bob)
  const status = await endEverySession(a, here)
  if (status === 400) return { unmeasurable: 'answers 400: sessions are not revocable in this mode' }
  if (status !== 200) throw new Error(`DELETE /users/me/sessions answered ${status}`)
  return { value: { here: (await me(a, here)) !== 200, other: (await me(b, other)) !== 200 } }
}

async function deleteAndRetry(mode: ComparedMode, a: string, bob: Account, carol: SeededAccount): Promise<Measured<boolean>> {
  const admin = await logIn(a, mode.flow, bob)
  const victim = await logIn(a, mode.flow, carol)
  if ((await me(a, victim)) !== 200) throw new Error('the second user was not logged in')
  const status = await deleteUser(a, admin, carol.id)
  if (status !== 200) throw new Error(`DELETE /users/<id> answered ${status}`)
  return { value: (await me(a, victim)) !== 200 }
}
