// Keeps the load generator and the server under test off each other's core: this process (the
// load generator, which also drains the servers' stdout) moves to the first CPU it may use, and
// each server starts under `taskset -c <last CPU>`. Without taskset, or with one CPU, nothing is
// pinned and the report says so.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

export interface Pinning {
  /** One line for the report: which cores, or why nothing was pinned. */
  readonly description: string
  /** Put before `node ...` to start a server on its core; empty when not pinning. */
  readonly serverPrefix: readonly string[]
  /** Put before `node ...` to start a process on every allowed CPU (children inherit our pinning). */
  readonly unpinnedPrefix: readonly string[]
}

/** Parses a CPU list as taskset and /proc print it ("0-3,6"); throws on anything else. */
export function parseCpuList(list: string): number[] {
  return list.trim().split(',').flatMap((part) => {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part.trim())
    if (match === null) throw new Error(`not a CPU list: "${list}"`)
    const first = Number(match[1])
    const last = Number(match[2] ?? match[1])
    return Array.from({ length: last - first + 1 }, (_, i) => first + i)
  })
}

/** The CPUs a process may run on (Linux /proc), or null where unknown. */
export function allowedCpus(pid: number): number[] | null {
  try {
    const line = /^Cpus_allowed_list:\s*(.+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return line?.[1] === undefined ? null : parseCpuList(line[1])
  } catch {
    return null
  }
}

/** Pins this process (all its threads) and returns how to start servers; never throws. */
export function pinCores(enabled: boolean): Pinning {
  const none = (why: string): Pinning => ({ description: `no pinning (${why})`, serverPrefix: [], unpinnedPrefix: [] })
  if (!enabled) return none('--no-pin')
  const cpus = allowedCpus(process.pid)
  if (cpus === null) return none('no /proc to read the allowed CPUs from')
  const [load, server] = [cpus[0], cpus[cpus.length - 1]]
  if (load === undefined || server === undefined || load === server) return none(`only CPU ${cpus.join(',')} allowed`)
  try {
    execFileSync('taskset', ['-a', '-c', '-p', String(load), String(process.pid)], { stdio: 'ignore' })
  } catch {
    return none('taskset is missing or refused')
  }
  return {
    description: `load generator (this process, all threads) on CPU ${load}, each server on CPU ${server} (taskset)`,
    serverPrefix: ['taskset', '-c', String(server)],
    unpinnedPrefix: ['taskset', '-c', cpus.join(',')],
  }
}

/** Moves running processes (all their threads) to the CPUs of a server prefix; their later children inherit it. */
export function pinRunning(pids: readonly number[], serverPrefix: readonly string[]): void {
  const cpus = serverPrefix.at(-1)
  if (cpus === undefined) return
  for (const pid of pids) execFileSync('taskset', ['-a', '-c', '-p', cpus, String(pid)], { stdio: 'ignore' })
}
