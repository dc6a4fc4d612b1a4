// A real browser for the tests: Debian's Chromium driven by playwright-core, headless, with a fresh
// profile in a temporary directory and nothing that reaches the network by itself. A missing
// Chromium fails the test at once with the command that installs it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'

// Background connections (updates, sync, QUIC probes) would fail on a closed network and slow the start.
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

export interface TestBrowser {
  /** The browser's one context (its profile): pages opened in it share cookies, as tabs do. */
  readonly context: BrowserContext
  /** Closes the browser, removes its profile, and throws if one of its processes still runs. */
  close(): Promise<void>
}

/** Throws, naming the command that installs it, when Chromium is not installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error('Chromium is missing: apt-get install -y chromium')
}

/** Starts Chromium with a fresh profile (`--user-data-dir` in a new temporary directory). */
export async function launchBrowser(): Promise<TestBrowser> {
  requireChromium()
  const profile = mkdtempSync(join(tmpdir(), 'koa-session-auth-chromium-'))
  let context: BrowserContext
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS })
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  return {
    context,
    async close() {
      await context.close()
      const left = await processesUsing(profile)
      rmSync(profile, { recursive: true, force: true })
      if (left.length > 0) throw new Error(`Chromium processes left behind: ${left.join('\n')}`)
    },
  }
}

/**
 * Live processes whose command line names `profile` (every Chromium process of that browser does),
 * read from /proc; zombies waiting to be reaped are not running. Waits up to 2 s for them to end.
 */
export async function processesUsing(profile: string): Promise<string[]> {
  for (let attempt = 0; ; attempt += 1) {
    const found = liveProcesses().filter(({ args }) => args.includes(profile)).map(({ pid, args }) => `${pid} ${args}`)
    if (found.length === 0 || attempt === 20) return found
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function liveProcesses(): { pid: string, args: string }[] {
  const processes: { pid: string, args: string }[] = []
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]
      if (state === 'Z' || state === 'X') continue
      processes.push({ pid, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') })
    } catch {
      // Ended between the listing and the read.
    }
  }
  return processes
}

export interface OtherSite {
  /** Its address as the browser opens it: http://localhost:<port>, another site than http://127.0.0.1:<port>. */
  readonly url: string
  close(): Promise<void>
}

/** A second, unrelated web server (an attacker's site): every GET answers one blank HTML page. */
export async function startOtherSite(): Promise<OtherSite> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><title>another site</title><p>another site</p>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://localhost:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
