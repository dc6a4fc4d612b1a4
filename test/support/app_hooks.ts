// The setup many describe blocks repeat: an app (buildApp) holding Bob before their tests, closed
// after them.
import type { User } from '../../models/user.js'
import { BOB, buildApp, type TestApp } from './app.js'

type NewUser = Parameters<TestApp['createUser']>[0]

/** Mocha hooks in the calling describe: `use` receives buildApp(env) and Bob (made of `bob`) before the tests; closed after. */
export function useAppWithBob(
  env: Record<string, string | undefined>,
  use: (test: TestApp, bob: User) => Promise<void> | void,
  bob: NewUser = BOB,
): void {
  let test: TestApp | undefined
  before(async function () {
    test = buildApp(env)
    await use(test, await test.createUser(bob))
  })
  after(function () { test?.close() })
}
