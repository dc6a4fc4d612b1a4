// The setup many describe blocks repeat: an app (buildApp) holding Bob before their tests, closed
// after them.
import { BasicAuth } from '../../api/v1/auth/basic_auth.js'
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

/** Mocha hooks for the BasicAuth method tasks: `use` receives a basic_auth app and a BasicAuth on its users. */
export function useBasicAuth(use: (test: TestApp, auth: BasicAuth) => Promise<void> | void): void {
  let test: TestApp | undefined
  before(async function () {
    test = buildApp({ AUTH_TYPE: 'basic_auth' })
    await use(test, new BasicAuth({ sessionName: test.config.sessionName }, test.users))
  })
  after(function () { test?.close() })
}
