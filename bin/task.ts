// Runs the test file of one exercise task: `npm run task -- basic 12` (0x01 Basic authentication)
// or `npm run task -- session 7` (0x02 Session authentication), i.e. test/tasks/<kind>_<NN>_*.test.ts.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const USAGE = 'usage: npm run task -- <basic|session> <task number>   e.g. npm run task -- session 7'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const TASKS = join(ROOT, 'test', 'tasks')

function taskFile(kind: string | undefined, task: string | undefined): string | null {
  if ((kind !== 'basic' && kind !== 'session') || task === undefined || !/^\d{1,2}$/.test(task)) return null
  const prefix = `${kind}_${task.padStart(2, '0')}_`
  const file = readdirSync(TASKS).find((name) => name.startsWith(prefix) && name.endsWith('.test.ts'))
  return file === undefined ? null : join(TASKS, file)
}

function main(): number {
  const [kind, task] = process.argv.slice(2)
  const file = taskFile(kind, task)
  if (file === null) {
    console.error(`${USAGE}\nno test file test/tasks/${kind ?? '?'}_${(task ?? '?').padStart(2, '0')}_*.test.ts`)
    return 2
  }
  // --no-config: .mocharc.json's spec would add every test file to the one asked for.
  const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js')
  const args = [mocha, '--no-config', '--node-option', 'import=tsx', '--extension', 'ts', '--timeout', '20000', file]
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' })
  return result.status ?? 1
}

process.exitCode = main()
