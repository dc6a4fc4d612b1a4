// docs/compare.html: the same table as docs/compare.md, self-contained (inline CSS and SVG, no
// script, no external asset), with a bar chart of each mode's throughput relative to the ceiling.
import type { RunInfo } from './markdown.js'
import type { ModeReport } from './scenario.js'
import { ratio, rowsOf, stateMethods } from './table.js'

const esc = (text: string): string => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** The whole HTML file. */
export function renderHtml(info: RunInfo, reports: readonly ModeReport[]): string {
  const rows = rowsOf(reports)
  const head = `<tr><th></th>${reports.map((r) => `<th><code>${esc(r.mode.label)}</code></th>`).join('')}</tr>`
  const body = rows.map((row) => `<tr><th>${esc(row.question)}</th>${row.cells.map((c) => `<td${c.startsWith('–') ? ' class="none"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authentication modes side by side</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}
thead th{background:#f3f3f3}td.none{color:#888}
</style></head><body>
<h1>Authentication modes side by side</h1>
<p>Written by <code>${esc(info.command)}</code> on ${esc(info.date)}, ${esc(info.machine)}. Every cell was measured by that run on
real server processes (method: docs/compare.md).</p>
<table><thead>${head}</thead><tbody>
${body}
</tbody></table>
<p>Server-side state measured as: ${stateMethods(reports).map(esc).join('; ')}.</p>
${chart(reports)}
</body></html>
`
}

const BAR = 22
const LABEL = 230
const WIDTH = 420

// Horizontal bars: requests per second as a fraction of the fair ceiling, 1.0 marked.
function chart(reports: readonly ModeReport[]): string {
  const loaded = reports.filter((r) => r.load !== null)
  if (loaded.length === 0) return ''
  const height = loaded.length * (BAR + 8) + 40
  const bars = loaded.map((r, i) => {
    const value = r.load === null ? 0 : ratio(r.load)
    const y = 10 + i * (BAR + 8)
    const width = Math.max(1, Math.min(1.2, value) / 1.2 * WIDTH)
    return `<text x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${esc(r.mode.label)}</text>`
      + `<rect x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="#4a7bb7"/>`
      + `<text x="${(LABEL + width + 6).toFixed(1)}" y="${y + 16}">${value.toFixed(2)}</text>`
  }).join('\n')
  const one = LABEL + WIDTH / 1.2
  return `<h2>GET /api/v1/users/me, requests per second relative to the fair ceiling</h2>
<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL + WIDTH + 60}" height="${height}" font-family="system-ui,sans-serif" font-size="13" role="img" aria-label="throughput relative to the fair ceiling">
${bars}
<line x1="${one}" y1="4" x2="${one}" y2="${height - 24}" stroke="#c33" stroke-dasharray="4 3"/>
<text x="${one}" y="${height - 8}" text-anchor="middle" fill="#c33">ceiling = 1.0</text>
</svg>`
}
