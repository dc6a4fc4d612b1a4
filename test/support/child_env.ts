// The environment of every process a test starts (the server, the bin/ scripts, the checker): the
// test's own variables over what node and the OS need, and nothing else. A variable exported in the
// developer's shell (AUTH_TYPE, LOG_LEVEL, DB_PATH...) never reaches it, and no .env file is read:
// `cp .env.example .env` in the checkout must not change what the suite sees.
import { devNull } from 'node:os'
import { isAbsolute, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Env = Record<string, string | undefined>

const CHECKOUT = fileURLToPath(new URL('../../', import.meta.url))

/** Kept from this process: where programs are, the home and temporary directories (Windows too). */
const KEPT = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot'] as const

/** dotenv (`import 'dotenv/config'`) reads this file instead of ./.env, and says nothing about it. */
const NO_DOTENV: Env = { DOTENV_CONFIG_PATH: devNull, DOTENV_CONFIG_QUIET: 'true' }

export interface ChildEnvOptions {
  /**
   * Lets the process read the .env of its working directory `cwd`, as a deployed server does. Only
   * for a directory the test made: never the checkout's own .env (refused).
   */
  readonly dotenv?: boolean | undefined
  readonly cwd?: string | undefined
}

/** `env` over the kept variables; an undefined value leaves the variable unset. */
export function childEnv(env: Env, options: ChildEnvOptions = {}): Env {
  const fromCheckout = relative(CHECKOUT, options.cwd ?? CHECKOUT)
  if (options.dotenv === true && !fromCheckout.startsWith('..') && !isAbsolute(fromCheckout)) {
    throw new Error(`dotenv: ${options.cwd ?? CHECKOUT} is in the checkout, whose .env is the developer's`)
  }
  const kept: Env = {}
  for (const name of KEPT) kept[name] = process.env[name]
  return { ...kept, ...(options.dotenv === true ? { DOTENV_CONFIG_QUIET: 'true' } : NO_DOTENV), ...env }
}
