// --restart-cmd: a shell command that restarts the server under test (0x02 task 10). It may leave
// the new server running in the background, so the checker waits for the command's exit only.
import { spawn } from 'node:child_process'

const RESTART_COMMAND_TIMEOUT_MS = 60_000
const MAX_STDERR = 2_000

/** A restart that runs `command` in a shell and rejects when it fails or takes over a minute. */
export function shellRestart(command: string): () => Promise<void> {
  return () => new Promise((resolve, reject) => {
    const child = spawn(command, { shell: true, stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-MAX_STDERR)
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), RESTART_COMMAND_TIMEOUT_MS)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`--restart-cmd could not start: ${error.message}`))
    })
    // 'exit', not 'close': a server the command started in the background keeps the pipe open.
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      child.stderr.destroy()
      if (code === 0) resolve()
      else reject(new Error(`--restart-cmd ${signal === null ? `exited with ${code}` : `was stopped by ${signal} (over ${RESTART_COMMAND_TIMEOUT_MS / 1000} s?)`}: ${stderr.trim()}`))
    })
  })
}
