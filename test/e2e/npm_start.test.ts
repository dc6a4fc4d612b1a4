// `npm start`, stopped with SIGTERM sent to npm (what a process manager or `kill <npm pid>` does),
// stops the server too: npm passes the signal to its child, which must be the server itself and not
// a shell that dies and leaves the server running. The start script of package.json runs in a
// directory of its own whose dist/api/v1/server.js loads api/v1/server.ts, so no build is needed.
import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { childEnv } from '../support/child_env.js'
import { TSX_LOADER } from '../../bench/server_process.js'

const PACKAGE = new URL('../../package.json', import.meta.url)
const SERVER = new URL('../../api/v1/server.ts', import.meta.url)
const STARTED = /server pid (\d+)\n[^]*listening on http:\/\/127\.0\.0\.1:\d+/

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('npm start', function () {
  this.timeout(60_000)
  let dir: string
  let serverPid: number | undefined

  beforeEach(function () {
    dir = mkdtempSync(join(tmpdir(), 'koa-session-auth-npm-start-'))
    const { scripts } = JSON.parse(readFileSync(PACKAGE, 'utf8')) as { scripts: Record<string, string> }
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'npm-start-check', private: true, scripts: { start: scripts.start } }))
    mkdirSync(join(dir, 'dist/api/v1'), { recursive: true })
    writeFileSync(join(dir, 'dist/api/v1/server.js'), [
      `await import(${JSON.stringify(TSX_LOADER)})`,
      'console.log(`server pid ${process.pid}`)',
      `await import(${JSON.stringify(SERVER.href)})`,
    ].join('\n'))
  })

  afterEach(function () {
    // Only the server this test started, by its pid, if npm left it behind.
    if (serverPid !== undefined && isRunning(serverPid)) process.kill(serverPid, 'SIGKILL')
    serverPid = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  it('stops the server when npm receives SIGTERM', async function () {
    const npm = spawn('npm', ['start', '--ignore-scripts'], {
      cwd: dir,
      env: childEnv({ API_HOST: '127.0.0.1', API_PORT: '0', DB_PATH: join(dir, 'db.sqlite3'), AUTH_TYPE: 'session_auth', npm_config_update_notifier: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const collect = (chunk: Buffer): void => { output += chunk.toString('utf8') }
    npm.stdout.on('data', collect)
    npm.stderr.on('data', collect)
    // 'exit' for npm itself: a server left behind would hold the pipes open, and 'close' never come.
    const exited = once(npm, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
    const closed = once(npm, 'close')
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        const pid = STARTED.exec(output)?.[1]
        if (pid === undefined) return
        serverPid = Number(pid)
        npm.stdout.off('data', check)
        resolve()
      }
      npm.stdout.on('data', check)
      exited.then(() => reject(new Error(`npm start ended before the server listened:\n${output}`)), reject)
    })

    npm.kill('SIGTERM')
    const [code] = await exited
    expect({ code, serverRunning: serverPid !== undefined && isRunning(serverPid) }).to.deep.equal({ code: 0, serverRunning: false })
    await closed
    expect(output).to.include('koa-session-auth: SIGTERM received, finishing in-flight requests\n')
  })
})
