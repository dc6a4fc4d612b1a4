// The setup every security test file repeats: a recording app (secureApp) holding Bob, the
// universal invariants checked after each test, the app closed at the end.
import { BOB } from './app.js'
import { secureApp, type SecureTestApp } from './invariants.js'

type Env = Record<string, string | undefined>

/** Mocha hooks in the calling describe: `setup` receives a secureApp holding Bob, once ('all') or before each test ('each'). */
export function useSecureApp(env: Env, per: 'all' | 'each', setup: (t: SecureTestApp) => Promise<void> | void): void {
  let t: SecureTestApp | undefined
  async function open(): Promise<void> {
    t = secureApp(env)
    await t.createUser(BOB)
    await setup(t)
  }
  function close(): void {
    t?.close()
    t = undefined
  }
  if (per === 'all') {
    before(open)
    afterEach(async function () { await t?.checkInvariants() })
    after(close)
  } else {
    beforeEach(open)
    afterEach(async function () {
      try {
        await t?.checkInvariants()
      } finally {
        close()
      }
    })
  }
}

/** Runs `body` on a fresh secureApp, then checks the invariants; closes the app in any case. */
export async function withSecureApp(env: Env, body: (t: SecureTestApp) => Promise<void>): Promise<void> {
  const t = secureApp(env)
  try {
    await body(t)
    await t.checkInvariants()
  } finally {
    t.close()
  }
}
