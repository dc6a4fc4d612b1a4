// Runs the tests of one exercise task alone: `npm run task -- session 7`, `npm run task -- basic 12`.
// Tasks map to files test/tasks/<project>_<NN>_<name>.test.ts (basic = 0x01, session = 0x02).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'

const PROJECTS = ['basic', 'session'] as const
const TASK_DIR = 'test/tasks'

function main(argv: readonly string[]): number {
  const [project, task] = argv
  if (!PROJECTS.includes(project as (typeof PROJECTS)[number]) || task === undefined || !/^\d{1,2}$/.test(task)) {
    console.error(`usage: npm run task -- <${PROJECTS.join('|')}> <task number>   e.g. npm run task -- session 7`)
    return 2
  }
  const prefix = `${project}_${task.padStart(2, '0')}_`
  const files = readdirSync(TASK_DIR).filter((name) => name.startsWith(prefix) && name.endsWith('.test.ts'))
  if (files.length === 0) {
    const known = readdirSync(TASK_DIR).filter((name) => name.startsWith(`${project}_`)).map((name) => Number(name.slice(project!.length + 1, project!.length + 3)))
    console.error(`no test file for ${project} task ${task}; ${project} tasks: ${[...new Set(known)].join(', ')}`)
    return 2
  }
  const mocha = spawnSync('npx', ['mocha', ...files.map((name) => `${TASK_DIR}/${name}`)], { stdio: 'inherit', shell: false })
  return mocha.status ?? 1
}

process.exitCode = main(process.argv.slice(2))
