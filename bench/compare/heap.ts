// Heap bytes per session of the in-memory modes: the server's memory cannot be read from outside
// it, so bench/session_memory.ts makes sessions through the same class and store the server uses,
// in a process of its own, one user per session, after a first batch that is not counted.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { TSX_LOADER } from '../server_process.js'

const SESSIONS = 20_000

/** How heapBytesPerSession measures, for the report. */
export const HEAP_HOW = `V8 heap growth after a full GC over ${SESSIONS.toLocaleString('en-US')} sessions (one per user) made by the same class and store in a process of its own`
const SCRIPT = fileURLToPath(new URL('../session_memory.ts', import.meta.url))

/** Heap bytes one session of `authType` (session_auth or session_exp_auth) adds. */
export async function heapBytesPerSession(authType: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', TSX_LOADER, SCRIPT], {
    env: { PATH: process.env.PATH ?? '', AUTH_TYPE: authType, SESSIONS: String(SESSIONS), WARMUP_SESSIONS: String(SESSIONS), USERS: String(2 * SESSIONS) },
    encoding: 'utf8', timeout: 120_000,
  })
  return (JSON.parse(stdout) as { bytesPerSession: number }).bytesPerSession
}
