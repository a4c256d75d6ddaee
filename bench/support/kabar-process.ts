/**
 * A real `kabar start` child process (`node bin/kabar.js start --role …`), as an operator runs it,
 * so that its CPU time and peak memory are its own and not the bench's: read from
 * /proc/<pid>/stat and /proc/<pid>/status (Linux).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A running kabar child. */
export interface KabarProcess {
  pid: number;
  /** CPU seconds used so far (user + system, all threads). */
  cpuSeconds(): number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMb(): number;
  /** Lines the process wrote that were neither briefs nor routine log lines: errors and warnings. */
  complaints: string[];
  /** SIGTERM, then waits for the ordered shutdown; returns the exit code. */
  stop(): Promise<number | null>;
}

const KABAR = fileURLToPath(new URL('../../bin/kabar.js', import.meta.url));

/**
 * What `bin/kabar.js` runs: the build in dist/ when there is one (as in production), else the
 * sources through tsx, which costs some 35 MB of RSS more (BENCHMARKS.md).
 */
export function kabarBuild(): 'dist' | 'tsx' {
  return existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))) ? 'dist' : 'tsx';
}
const CLOCK_TICKS_PER_S = 100;

/**
 * Starts `kabar start --role <role>` with `env` (and PATH and HOME from this process), JSON logs at
 * `warn` unless `env` says otherwise, and resolves once it logs that it is running.
 */
export async function spawnKabar(role: 'all' | 'worker', env: Record<string, string>): Promise<KabarProcess> {
  const child = spawn(process.execPath, [KABAR, 'start', '--role', role], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', KABAR_LOG_FORMAT: 'json', KABAR_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('kabar child: spawn failed');
  const complaints: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const running = new Promise<void>((resolve, reject) => {
    let pending = '';
    const watch = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('kabar is running')) resolve();
        // pino levels: 40 warn, 50 error, 60 fatal.
        if (/"level":(40|50|60)/.test(line) && complaints.length < 20) complaints.push(line.slice(0, 300));
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    void exited.then((code) => reject(new Error(`kabar child exited with ${code} before it ran: ${complaints.join(' | ')}`)));
  });
  await running;
  return {
    pid,
    complaints,
    cpuSeconds() {
      // Fields 14 and 15 of /proc/<pid>/stat, after the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
    },
    peakRssMb() {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb) / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
