// From raw turns to the report's figures. Within a run, a ratio is the median over rounds of the
// two servers' throughputs in the same round (so drift between rounds cancels); across runs, every
// figure is the median of the runs' figures. A goal is met when its median ratio reaches the
// minimum and no response of the server was unexpected.
import { EXPRESS_SESSION, FAIR_CEILING, KOA_SESSION, KOA_SESSION_REDIS, type Goal, type Reference } from './modes.js'
import { median } from './stats.js'
import type { Target } from './targets.js'

export const REFERENCES: readonly Reference[] = [FAIR_CEILING, KOA_SESSION, EXPRESS_SESSION, KOA_SESSION_REDIS]

/** One server's figures in one run. */
export interface TargetFigures {
  /** Requests per second in each round, in round order. */
  readonly rps: readonly number[]
  readonly p50Ms: number
  readonly p99Ms: number
  /** Server CPU time (all threads) over wall time of its turns; NaN when unknown. */
  readonly cpuShare: number
  /** Responses with another status than expected, connection errors and timeouts. */
  readonly unexpected: number
}

/** One run: figures by server name; a server that did not start is missing. */
export type RunFigures = Readonly<Record<string, TargetFigures>>

export type RowSpec = Pick<Target, 'name' | 'role' | 'goals' | 'note'>

export interface GoalResult {
  readonly goal: Goal
  readonly ratio: number
  readonly perRun: readonly number[]
  readonly met: boolean
}

export interface Row {
  readonly spec: RowSpec
  /** Why the server was not measured (the server's own message), else null. */
  readonly unavailable: string | null
  readonly rps: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly cpuShare: number
  /** Summed over runs. */
  readonly unexpected: number
  /** Median over runs of the paired ratio to each reference. */
  readonly ratios: Readonly<Record<Reference, number>>
  readonly perRun: Readonly<Record<Reference, readonly number[]>>
  readonly goals: readonly GoalResult[]
}

/** Median over rounds of a's throughput divided by b's in the same round. */
export function pairedRatio(a: TargetFigures | undefined, b: TargetFigures | undefined): number {
  if (a === undefined || b === undefined) return NaN
  const rounds = Math.min(a.rps.length, b.rps.length)
  return median(Array.from({ length: rounds }, (_, i) => (a.rps[i] ?? NaN) / (b.rps[i] ?? NaN)))
}

const byReference = <T>(f: (ref: Reference) => T): Record<Reference, T> => ({
  [FAIR_CEILING]: f(FAIR_CEILING), [KOA_SESSION]: f(KOA_SESSION), [EXPRESS_SESSION]: f(EXPRESS_SESSION), [KOA_SESSION_REDIS]: f(KOA_SESSION_REDIS),
})

const overRuns = (runs: readonly RunFigures[], name: string, pick: (f: TargetFigures) => number): number =>
  median(runs.flatMap((run) => { const f = run[name]; return f === undefined ? [] : [pick(f)] }))

/** The report's rows, in the order of `specs`. */
export function summarizeRuns(specs: readonly RowSpec[], runs: readonly RunFigures[], unavailable: Readonly<Record<string, string>>): Row[] {
  return specs.map((spec) => {
    const perRun = byReference((ref) => runs.map((run) => pairedRatio(run[spec.name], run[ref])))
    const ratios = byReference((ref) => median(perRun[ref].filter(Number.isFinite)))
    const unexpected = runs.reduce((sum, run) => sum + (run[spec.name]?.unexpected ?? 0), 0)
    const goals = spec.goals.map((goal): GoalResult => {
      const ratio = ratios[goal.versus]
      return { goal, ratio, perRun: perRun[goal.versus], met: Number.isFinite(ratio) && ratio >= goal.min && unexpected === 0 }
    })
    return {
      spec, unavailable: unavailable[spec.name] ?? null,
      rps: overRuns(runs, spec.name, (f) => median(f.rps)),
      p50Ms: overRuns(runs, spec.name, (f) => f.p50Ms),
      p99Ms: overRuns(runs, spec.name, (f) => f.p99Ms),
      cpuShare: overRuns(runs, spec.name, (f) => f.cpuShare),
      unexpected, ratios, perRun, goals,
    }
  })
}
