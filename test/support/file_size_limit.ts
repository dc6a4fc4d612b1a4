// Storage that refuses every write, for one process, without root: its RLIMIT_FSIZE (the largest
// file it may write) set to 0 with prlimit(1) (util-linux, Linux). Every write to a file then fails
// with EFBIG (node ignores SIGXFSZ), reads still work, and raising the limit again lets writes
// through: the same process meets a full disk and then freed space. A process may change the limits
// of another process of its own user, and lower and raise a soft limit up to the hard one.
import { execFileSync } from 'node:child_process'

/** The command prefix that starts a process whose every file write fails. */
export const NO_FILE_WRITES: readonly string[] = ['prlimit', '--fsize=0']

/** Sets the soft file size limit of `pid` to 0; the function returned puts the previous one back. */
export function refuseFileWrites(pid: number): () => void {
  const previous = execFileSync('prlimit', ['--pid', String(pid), '--fsize', '--output=SOFT', '--noheadings'], { encoding: 'utf8' }).trim()
  execFileSync('prlimit', ['--pid', String(pid), '--fsize=0:'])
  return () => { execFileSync('prlimit', ['--pid', String(pid), `--fsize=${previous}:`]) }
}
