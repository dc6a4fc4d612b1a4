// The compare report as a grid of words: one row per question, one column per mode, every cell
// written from a measured value (or the reason there is none). Markdown and HTML render this grid.
import type { LoadReport, Measured, ModeReport } from './scenario.js'

export interface Row {
  readonly question: string
  readonly cells: readonly string[]
}

const NONE = '–'

function cell<T>(measured: Measured<T>, words: (value: T) => string): string {
  return 'unmeasurable' in measured ? `${NONE} (${measured.unmeasurable})` : words(measured.value)
}

const seconds = (value: number): string => `${value.toFixed(1)} s`
const refused = (yes: boolean): string => (yes ? 'refused at once' : 'still accepted')

/** The rows every report has; the load rows only when the run measured load. */
export function rowsOf(reports: readonly ModeReport[]): Row[] {
  const row = (question: string, words: (report: ModeReport) => string): Row => ({ question, cells: reports.map(words) })
  const rows = [
    row('a copied credential after logout', (r) => cell(r.afterLogout, (v) => (v.accepted ? `still accepted (until exp, ${Math.round(v.secondsLeft ?? NaN)} s)` : 'refused at once'))),
    row('after an API restart', (r) => cell(r.afterRestart, (v) => (v ? 'still logged in' : 'logged out'))),
    row('on a second instance (same storage)', (r) => cell(r.secondInstance, (v) => (v ? 'logged in' : 'not logged in'))),
    row('logout on one instance, the copy on the other', (r) => cell(r.logoutOnOther, refused)),
    row('expiry enforced by the server (Max-Age ignored)', (r) => cell(r.expiry, (v) => (v.refused
      ? `yes: refused ${seconds(v.seconds)} after login (lifetime ${v.ttl} s)`
      : `no: still accepted ${seconds(v.seconds)} after login (lifetime ${v.ttl} s set)`))),
    row('deleting the user', (r) => cell(r.deletedUser, (v) => (v ? 'ends access at once' : 'access goes on'))),
    row('ending every session of a user', (r) => cell(r.endAll, (v) => (v.here && v.other ? 'yes, on both instances' : v.here ? 'this instance only' : 'no'))),
    row('credential bytes per request', (r) => `${r.credentialBytes} B`),
    row('server-side state per session', (r) => cell(r.stateBytes, (v) => (v.bytes === 0 ? '0 (stateless)' : `${Math.round(v.bytes)} B`))),
    row('login latency (median)', (r) => cell(r.loginMs, (v) => `${v.toFixed(0)} ms`)),
  ]
  if (reports.some((r) => r.load !== null)) {
    const load = (words: (load: LoadReport) => string) => (r: ModeReport): string => (r.load === null ? NONE : words(r.load))
    rows.push(
      row('GET /users/me, requests per second', load((l) => `${Math.round(l.requestsPerSecond)} (${ratio(l).toFixed(2)} of the ceiling)`)),
      row('GET /users/me, p99', load((l) => `${l.p99Ms.toFixed(1)} ms (ceiling ${l.ceilingP99Ms.toFixed(1)} ms)`)),
    )
  }
  return rows
}

/** Throughput as a fraction of the fair ceiling measured in the same turns. */
export function ratio(load: LoadReport): number {
  return load.requestsPerSecond / load.ceilingRequestsPerSecond
}

/** How the state of each backend was measured, one line per distinct method. */
export function stateMethods(reports: readonly ModeReport[]): string[] {
  const lines = new Map<string, string[]>()
  for (const r of reports) {
    if ('unmeasurable' in r.stateBytes) continue
    lines.set(r.stateBytes.value.how, [...(lines.get(r.stateBytes.value.how) ?? []), r.mode.label])
  }
  return [...lines].map(([how, labels]) => `${labels.join(', ')}: ${how}`)
}

/** Requests that did not get a 200 during the load, per mode (none expected). */
export function loadProblems(reports: readonly ModeReport[]): string[] {
  return reports.filter((r) => (r.load?.unexpected ?? 0) > 0).map((r) => `${r.mode.label}: ${r.load?.unexpected} responses were not 200 (or failed)`)
}
