// One run's measurement: every started server is loaded in short turns, one at a time, rotating
// through all of them for several rounds (each round starts one place further along), so that
// whatever else the machine does hits every server about equally. Only figures of the same
// rounds are compared (summary.ts).
import { sample, summarize, type Sample } from './load.js'
import type { TargetFigures } from './summary.js'
import type { Prepared } from './targets.js'

export interface RotationSettings {
  readonly rounds: number
  /** Length of one turn. */
  readonly seconds: number
  /** One unrecorded turn per server first, this long. */
  readonly warmupSeconds: number
  readonly connections: number
}

/** Loads each prepared server `rounds` times in turns; its figures by name. */
export async function rotate(
  servers: readonly Prepared[], settings: RotationSettings, onRound: (round: number) => void = () => {},
): Promise<Record<string, TargetFigures>> {
  const turn = async (server: Prepared, seconds: number): Promise<Sample> => {
    const taken = await sample({ ...server.request, connections: settings.connections, seconds, pid: server.server.pid })
    const exited = server.server.exited()
    if (exited !== null) throw new Error(`${server.target.name} ${exited}`)
    return taken
  }
  for (const server of servers) await turn(server, settings.warmupSeconds)
  const samples = new Map<string, Sample[]>(servers.map((s) => [s.target.name, []]))
  for (let round = 0; round < settings.rounds; round += 1) {
    for (let i = 0; i < servers.length; i += 1) {
      const server = servers[(round + i) % servers.length]
      if (server !== undefined) samples.get(server.target.name)?.push(await turn(server, settings.seconds))
    }
    onRound(round + 1)
  }
  return Object.fromEntries([...samples].map(([name, taken]) => [name, figures(taken)]))
}

/** A server's figures from its turns: throughput per turn, latency over all of them. */
export function figures(samples: readonly Sample[]): TargetFigures {
  const { p50Ms, p99Ms, unexpected } = summarize(samples)
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0)
  return {
    rps: samples.map((s) => s.latencies.length / s.seconds),
    p50Ms, p99Ms, unexpected,
    cpuShare: samples.reduce((sum, s) => sum + s.cpuMs, 0) / (seconds * 1000),
  }
}
