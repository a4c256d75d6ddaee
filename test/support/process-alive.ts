/**
 * Whether a process still runs, for tests that check what a kill left behind.
 */
import { readFileSync } from 'node:fs';

/**
 * True while `pid` runs; with a negative id, while the process group `-pid` has a member. A
 * zombie (dead, not yet reaped by whoever adopted it) does not count: it holds no port or file.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (pid < 0) return true;
  try {
    // /proc/PID/stat: "pid (name) STATE ..."; the name may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all there is
  }
}
