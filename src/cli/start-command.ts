/**
 * `kabar start [--role all|worker|bot]`: run the bot until SIGTERM/SIGINT.
 */
import { describeError } from '../core/errors.js';
import { createLogger } from '../adapters/log/create-logger.js';
import { openRuntime, startKabar } from '../main.js';
import { config, UsageError } from './cli-support.js';

const ROLES = ['all', 'worker', 'bot'] as const;
/** How long running jobs get to finish on SIGTERM before they are handed back. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/** Starts kabar and resolves once it has shut down. */
export async function startCommand(options: { role: string }): Promise<void> {
  const role = options.role as (typeof ROLES)[number];
  if (!ROLES.includes(role)) throw new UsageError(`--role takes all, worker or bot (got "${options.role}")`);
  const settings = config();
  const log = createLogger({ level: settings.KABAR_LOG_LEVEL, format: settings.KABAR_LOG_FORMAT });
  if (role === 'bot') {
    throw new UsageError(
      'no chat platform is configured, so --role bot has nothing to run; use --role all or --role worker (briefs print to stdout)',
    );
  }
  const runtime = await openRuntime(settings, { log });
  log.info(`redis: ${runtime.redisSource}`);
  const running = await startKabar(runtime, { role });
  log.info('kabar is running: no chat tokens set, so briefs print here; Ctrl-C stops', { role });

  await new Promise<void>((resolveStopped) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        log.warn('second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      log.info('shutting down: finishing running jobs', { signal, deadlineSeconds: SHUTDOWN_DEADLINE_MS / 1000 });
      running.stop(SHUTDOWN_DEADLINE_MS).then(
        () => {
          log.info('stopped');
          resolveStopped();
        },
        (error: unknown) => {
          log.error('shutdown failed', { error: describeError(error) });
          process.exitCode = 1;
          resolveStopped();
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
