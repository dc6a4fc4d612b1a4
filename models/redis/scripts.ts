// Lua scripts run by their SHA1 (EVALSHA), sent in full (EVAL) only when Redis does not know them
// yet (first use, or after a restart): one round trip either way, atomic on the server.
import { createHash } from 'node:crypto'
import { ErrorReply } from 'redis'
import type { RedisClient } from './client.js'

export interface Script {
  /** How many of the arguments are keys (Redis needs them declared). */
  readonly keys: number
  readonly source: string
}

const shas = new WeakMap<Script, string>()

function shaOf(script: Script): string {
  let sha = shas.get(script)
  if (sha === undefined) {
    sha = createHash('sha1').update(script.source).digest('hex')
    shas.set(script, sha)
  }
  return sha
}

/** Runs the script on `keys` and `args`; answers its reply. */
export async function runScript(client: RedisClient, script: Script, keys: string[], args: string[]): Promise<unknown> {
  if (keys.length !== script.keys) throw new Error(`script expects ${script.keys} keys, got ${keys.length}`)
  try {
    return await client.evalSha(shaOf(script), { keys, arguments: args })
  } catch (error) {
    if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw error
    return client.eval(script.source, { keys, arguments: args })
  }
}
