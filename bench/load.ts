// One bounded autocannon run, in this process, with every response's latency kept at full
// precision (autocannon's own histogram truncates to whole milliseconds).
import autocannon from 'autocannon'
import { readFileSync } from 'node:fs'

export interface LoadOptions {
  readonly url: string
  readonly method?: 'GET' | 'POST'
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  readonly connections: number
  readonly seconds: number
  /** Requests per second over all connections; unset = as fast as the server answers. */
  readonly overallRate?: number
  readonly expectedStatus: number
  /** The server's pid, to read the CPU time it spent (Linux /proc only). */
  readonly pid?: number
}

export interface LoadResult {
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly responses: number
  /** Responses with another status than expected, plus connection errors and timeouts. */
  readonly unexpected: number
}

/** One run's raw figures; summarize() merges several. */
export interface Sample {
  readonly latencies: number[]
  readonly seconds: number
  readonly unexpected: number
  /** Server CPU time (all threads, user + system) during the run; NaN when unknown. */
  readonly cpuMs: number
}

/** Loads the URL for `seconds` and measures throughput and latency percentiles. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  return summarize([await sample(options)])
}

/**
 * Loads `a` and `b` in turns of one second each, `a.seconds` turns each, so both see the same
 * machine: on a shared, noisy machine only a ratio measured side by side means anything.
 */
export async function sideBySide(a: LoadOptions, b: LoadOptions): Promise<[LoadResult, LoadResult]> {
  const samplesA: Sample[] = []
  const samplesB: Sample[] = []
  for (let turn = 0; turn < a.seconds; turn += 1) {
    samplesA.push(await sample({ ...a, seconds: 1 }))
    samplesB.push(await sample({ ...b, seconds: 1 }))
  }
  return [summarize(samplesA), summarize(samplesB)]
}

/** One autocannon run, every latency kept. */
export async function sample(options: LoadOptions): Promise<Sample> {
  const latencies: number[] = []
  let unexpected = 0
  const cpuBefore = cpuMs(options.pid)
  const started = performance.now()
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: options.url, method: options.method ?? 'GET', headers: { ...options.headers }, body: options.body,
      connections: options.connections, duration: options.seconds, timeout: 10,
      ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    }, (error: unknown, done: autocannon.Result) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms)
      if (status !== options.expectedStatus) unexpected += 1
    })
  })
  const seconds = (performance.now() - started) / 1000
  return { latencies, seconds, unexpected: unexpected + result.errors + result.timeouts, cpuMs: cpuMs(options.pid) - cpuBefore }
}

/** Throughput and percentiles over several runs taken together. */
export function summarize(samples: readonly Sample[]): LoadResult {
  const latencies = Float64Array.from(samples.flatMap((s) => s.latencies)).sort()
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0)
  return {
    requestsPerSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    responses: latencies.length,
    unexpected: samples.reduce((sum, s) => sum + s.unexpected, 0),
  }
}

function percentile(sorted: Float64Array, fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN
}

// utime + stime of a process in ms, from /proc (clock ticks of 10 ms); NaN where unavailable.
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return NaN
  }
}
