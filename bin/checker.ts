// The task-by-task checker: black-box HTTP checks of the exercise's behaviour (and of this port's
// additions with --strict-port) against any running server of the exercise.
// `npm run checker -- --help` says how to use it.
import { writeFileSync } from 'node:fs'
import { USAGE, UsageError, parseCliArgs } from './checker/options.js'
import { jsonReport, label, textReporter } from './checker/reporters.js'
import { shellRestart } from './checker/restart.js'
import { planChecks, runChecks } from './checker/runner.js'

/** Runs the checker with these arguments and answers its exit status (0 pass, 1 fail, 2 usage). */
async function main(args: readonly string[]): Promise<number> {
  let cli
  try {
    cli = parseCliArgs(args, shellRestart)
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error
    console.error(`checker: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (cli === null) {
    console.log(USAGE)
    return 0
  }
  const { run, jsonPath, list } = cli
  // With the JSON report on standard output, the lines for people go to standard error.
  const write = jsonPath === '-' ? (line: string) => console.error(line) : (line: string) => console.log(line)
  if (list) {
    const { toRun, notRun, unchecked } = planChecks(run)
    for (const { task, reason } of unchecked) write(`${task.padEnd(10)} (no check: ${reason})`)
    for (const check of toRun) write(label(check))
    for (const { check, reason } of notRun) write(`${label(check)} (not run: ${reason})`)
    return 0
  }
  let report
  try {
    report = await runChecks(run, textReporter(write))
  } catch (error) {
    console.error(`checker: ${run.url} cannot be checked: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  if (jsonPath === '-') console.log(JSON.stringify(jsonReport(report), null, 2))
  else if (jsonPath !== null) writeFileSync(jsonPath, `${JSON.stringify(jsonReport(report), null, 2)}\n`)
  if (report.results.length === 0) return 2
  return report.failed > 0 ? 1 : 0
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (error: unknown) => {
  console.error(`checker: ${error instanceof Error ? error.stack : String(error)}`)
  process.exitCode = 2
})
