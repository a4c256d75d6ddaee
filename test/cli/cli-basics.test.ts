/**
 * `kabar` as a whole: help, version, usage errors and configuration errors, with the documented
 * exit codes (0 ok, 1 failure, 2 usage error) and errors as one `kabar: ` line on stderr.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeRun, expectClean, expectError, KABAR_BIN, openKabarSandbox, type KabarSandbox } from './run-kabar.js';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((later) => setTimeout(later, 50));
  expect(condition(), `not reached within ${timeoutMs} ms`).toBe(true);
}

describe('kabar', { timeout: 60_000 }, () => {
  let kabar: KabarSandbox;
  beforeEach(async () => {
    kabar = await openKabarSandbox();
  });
  afterEach(async () => {
    await kabar.cleanup();
  });

  it('--help lists every command on stdout and exits 0; --version prints the version', async () => {
    const [help, version] = await Promise.all([kabar.run(['--help']), kabar.run(['--version'])]);
    expectClean(help);
    expect(help.lines[0]).toBe('Usage: kabar [options] [command]');
    const commands = help.lines.map((line) => /^ {2}([a-z]+)\b/.exec(line)?.[1]).filter((name) => name !== undefined);
    expect(commands).toEqual(expect.arrayContaining(['start', 'demo', 'fetch', 'match', 'brief', 'topics', 'feeds', 'stats']));
    expectClean(version);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('topics --help documents the term syntax, its limits and examples', async () => {
    const help = await kabar.run(['topics', '--help']);
    expectClean(help);
    expect(help.lines[0]).toBe('Usage: kabar topics [options] [command]');
    for (const subcommand of ['list', 'show', 'add-term', 'remove-term', 'exclude', 'test', 'history', 'undo']) {
      expect(help.stdout).toMatch(new RegExp(`^ {2}${subcommand} `, 'm'));
    }
    expect(help.stdout).toContain('Term syntax');
    // One line per kind of term: phrase, prefix, strong, exclusion, co-occurrence, other scripts.
    expect(help.stdout).toMatch(/^ {2}Abraham Accords +a phrase/m);
    expect(help.stdout).toMatch(/^ {2}Kazakh\* +a prefix/m);
    expect(help.stdout).toMatch(/^ {2}!Abraham Accords +a strong term/m);
    expect(help.stdout).toMatch(/^ {2}-Abraham Lincoln +an exclusion/m);
    expect(help.stdout).toMatch(/^ {2}Astana \+ \(summit\|president\) +co-occurrence/m);
    expect(help.stdout).toContain('Казахстан');
    expect(help.stdout).toContain('600 characters per term');
    expect(help.stdout).toMatch(/^ {2}Kazakh near\(2\) \(government\|president\)$/m);
    expect(help.stdout).toMatch(/^ {2}upgrade /m);
    expect(help.stdout).toContain('kabar topics add-term central-asia "Turkmen*"');
  });

  it('an unknown command is a usage error: exit 2, one "kabar: " line naming it, nothing on stdout', async () => {
    const run = await kabar.run(['frobnicate']);
    expect(run.stdout, describeRun(run)).toBe('');
    expect(expectError(run, 2)).toContain('frobnicate');
  });

  it('an unknown option and a missing argument are usage errors in the same one-line shape', async () => {
    const [option, argument] = await Promise.all([kabar.run(['match', '--bogus']), kabar.run(['topics', 'show'])]);
    expect(expectError(option, 2)).toContain('--bogus');
    expect(expectError(argument, 2)).toContain('name');
  });

  it('a bad environment value stops kabar with exit 2 and one line naming the variable and what it expects', async () => {
    const run = await kabar.run(['stats'], { env: { KABAR_POLL_INTERVAL: 'soon' } });
    expect(run.stdout).toBe('');
    const message = expectError(run, 2);
    expect(message).toMatch(/^KABAR_POLL_INTERVAL: expected a duration like 30s, 10m or 2h/);
    expect(message).toContain('"soon"');
  });

  it('never shows the value of a secret variable in that line', async () => {
    const run = await kabar.run(['stats'], { env: { REDIS_URL: 'http://admin:hunter2@redis.internal:6379' } });
    const message = expectError(run, 2);
    expect(message).toMatch(/^REDIS_URL: expected a redis:\/\/ or rediss:\/\/ URL/);
    expect(message).not.toContain('hunter2');
  });

  it('an unreachable REDIS_URL fails within seconds: exit 1, one line naming REDIS_URL (password hidden)', async () => {
    const startedAt = Date.now();
    const run = await kabar.run(['feeds', 'list'], { env: { REDIS_URL: 'redis://:hunter2@127.0.0.1:1' }, timeoutMs: 15_000 });
    expect(run.timedOut, describeRun(run)).toBe(false);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    const message = expectError(run, 1);
    expect(message).toMatch(/^cannot connect to Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 \(REDIS_URL\): connect ECONNREFUSED .* — check /);
    expect(message).not.toContain('hunter2');
    expect(run.stdout).toBe('');
  });

  it('a reader that goes away (kabar topics list | head) ends kabar, and its embedded redis-server with it', async () => {
    const env: Record<string, string> = { ...kabar.env };
    delete env.REDIS_URL;
    const stateFile = join(kabar.env.KABAR_DATA_DIR ?? '', 'redis', 'kabar-redis.json');
    const child = spawn(process.execPath, [KABAR_BIN, 'topics', 'list'], { cwd: kabar.dir, env, stdio: 'pipe', detached: true });
    // The reader is gone before kabar writes: its first line gets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The server's pid is in the state file only while it runs: watch for it.
    let redisPid: number | undefined;
    const watch = setInterval(() => {
      try {
        redisPid ??= (JSON.parse(readFileSync(stateFile, 'utf8')) as { pid: number }).pid;
      } catch {
        // not there (yet, or any more)
      }
    }, 5);
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    clearInterval(watch);
    try {
      expect(code, stderr).toBe(0);
      expect(redisPid, 'the redis-server was never seen running').toBeDefined();
      await waitFor(() => !isAlive(redisPid ?? 0), 10_000);
    } finally {
      if (redisPid !== undefined && isAlive(redisPid)) process.kill(redisPid, 'SIGKILL');
    }
  });

  it('reads .env from the working directory, with the environment winning over it', async () => {
    await writeFile(join(kabar.dir, '.env'), 'KABAR_POLL_INTERVAL=soon\n');
    const [fromFile, overridden] = await Promise.all([
      kabar.run(['stats']),
      kabar.run(['stats'], { env: { KABAR_POLL_INTERVAL: '5m' } }),
    ]);
    expect(expectError(fromFile, 2)).toMatch(/^KABAR_POLL_INTERVAL: /);
    expectClean(overridden);
  });
});
