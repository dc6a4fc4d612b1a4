// docs/compare.md: how the numbers were made, then the table of `rowsOf`, written by `npm run compare`.
import { PROBE_BEYOND_TTL_MS, PROBE_EVERY_MS } from './measures.js'
import { LONG_TTL_SECONDS, SHORT_TTL_SECONDS } from './modes.js'
import type { ModeReport } from './scenario.js'
import { loadProblems, rowsOf, stateMethods } from './table.js'

export interface RunInfo {
  readonly date: string
  readonly machine: string
  readonly command: string
  readonly logins: number
  readonly loadSeconds: number
  readonly connections: number
  readonly bcryptRounds: number
}

const escape = (text: string): string => text.replaceAll('|', '\\|')

/** The whole Markdown file. */
export function renderMarkdown(info: RunInfo, reports: readonly ModeReport[]): string {
  const rows = rowsOf(reports)
  const header = `| | ${reports.map((r) => `\`${r.mode.label}\``).join(' | ')} |`
  const rule = `| --- |${reports.map(() => ' --- |').join('')}`
  const lines = rows.map((row) => `| ${escape(row.question)} | ${row.cells.map(escape).join(' | ')} |`)
  const problems = loadProblems(reports)
  return `# The authentication modes side by side

Written by \`${info.command}\` on ${info.date}, ${info.machine}. Every cell below was measured by
that run on real server processes; none is typed by hand. A cell that has nothing to measure in a
mode says why.

## Method

One scenario runs against every mode, each on a fresh storage of its own (a SQLite file; a new
PostgreSQL database; a Redis key prefix) holding two users, hashed with bcrypt cost ${info.bcryptRounds}:

- **Two instances, A and B**, are started on the same storage (sessions and tokens live
  ${LONG_TTL_SECONDS} s). The client has no cookie jar: it copies the credential header (the session or
  access-token cookie, or the Basic header) exactly as an attacker who stole it would, so a
  cookie's \`Max-Age\` never hides what the server itself accepts.
- **Copied credential after logout**: log in on A, send the credential to B (*second instance*),
  log out on A, send the copy to A (*after logout*) and to B (*logout on one instance*). When the
  copy is still accepted, the time left is the access token's own \`exp\`.
- **Ending every session**: one login on A and one on B, then \`DELETE /api/v1/users/me/sessions\`
  on A; both credentials are sent again.
- **Deleting the user**: the second user logs in on A, the first deletes them on A, the second
  user's credential is sent again.
- **Restart**: log in on A, stop A (SIGTERM), start a new process on the same storage, send the
  credential.
- **Expiry**: a third server on a storage of its own gets \`SESSION_DURATION\` and
  \`JWT_ACCESS_TTL\` of ${SHORT_TTL_SECONDS} s; its credential is sent every ${PROBE_EVERY_MS} ms until refused, or until ${PROBE_BEYOND_TTL_MS / 1000} s past
  its lifetime. An access token's \`exp\` is in whole seconds, so it may end up to 1 s early.
- **Credential bytes**: the header line the credential adds to every request (\`name: value\`).
- **Server-side state per session**: the storage's growth over 5 logins after a first one:
${stateMethods(reports).map((line) => `  - ${line}`).join('\n')}
- **Login latency**: median of ${info.logins} logins in a row on the restarted A (bcrypt dominates).
- **Throughput**: authenticated \`GET /api/v1/users/me\` on the restarted A, loaded by autocannon
  (${info.connections} connections) in 1 s turns alternating with the fair ceiling of
  \`npm run bench\` (Koa + @koa/router answering the same JSON with the same headers and log line,
  no auth), one unrecorded turn each, then ${info.loadSeconds} turns each; the ratio is to the ceiling's turns of the same mode.
  Servers run under tsx and are not pinned to cores: these are short runs for the comparison,
  \`npm run bench\` (docs/performance.md) is the careful measure.

## Results

${header}
${rule}
${lines.join('\n')}
${problems.length === 0 ? '' : `\nDuring the load: ${problems.join('; ')}.\n`}
The same scenario, without the load, runs in \`npm test\` (test/e2e/compare.test.ts), which checks
each answer against the promises of the mode table in the README.
`
}
