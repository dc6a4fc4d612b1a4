// Runs the checker's command line (bin/checker.ts) as a separate process, as a user would.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { childEnv } from './child_env.js'

export interface CliRun {
  readonly code: number | null
  /** Standard output, one entry per non-empty line. */
  readonly stdout: string[]
  readonly stderr: string
}

export async function checker(...args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bin/checker.ts', ...args], { env: childEnv({}), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const [code] = (await once(child, 'close')) as [number | null]
  return { code, stdout: stdout.split('\n').filter((line) => line !== ''), stderr }
}
