/**
 * `kabar start [--role all|worker|bot]`: run the bot until SIGTERM/SIGINT, or until the npm
 * process that started it dies (KABAR_STOP_WITH_PARENT).
 */
import { reportTranslationNeeds } from '../app/briefs/translation-needs.js';
import { describeError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { createLogger } from '../adapters/log/create-logger.js';
import { configuredChatPlatforms } from '../composition/configured-chat-platforms.js';
import { createConfiguredTranslator, openRuntime, startKabar, type RunningKabar } from '../main.js';
import { config, UsageError } from './cli-support.js';
import { secretValues, stopsWithParent } from '../config.js';
import { watchParent } from './parent-watch.js';

const ROLES = ['all', 'worker', 'bot'] as const;
/** How long running jobs get to finish on SIGTERM before they are handed back. */
const SHUTDOWN_DEADLINE_MS = 25_000;
/**
 * A repeat of the signal that started the shutdown within this time is the same request delivered
 * twice, not a second one: Ctrl-C under `npm start` reaches kabar from the terminal (the whole
 * foreground process group gets SIGINT) and again from npm, which passes it on, milliseconds apart.
 */
const REPEATED_SIGNAL_MS = 1_000;

/** Starts kabar and resolves once it has shut down. */
export async function startCommand(options: { role: string }): Promise<void> {
  const role = options.role as (typeof ROLES)[number];
  if (!ROLES.includes(role)) throw new UsageError(`--role takes all, worker or bot (got "${options.role}")`);
  const settings = config();
  const log = createLogger({ level: settings.KABAR_LOG_LEVEL, format: settings.KABAR_LOG_FORMAT, secrets: secretValues(settings) });
  const chat = configuredChatPlatforms(settings);
  if (role === 'bot' && chat.configured.length === 0) {
    throw new UsageError(
      'no chat platform is configured (set DISCORD_TOKEN or TELEGRAM_BOT_TOKEN), so --role bot has nothing to run; use --role all or --role worker (briefs print to stdout)',
    );
  }
  const signals = watchSignals(log);
  if (stopsWithParent(settings)) {
    // The same ordered stop as SIGTERM: npm killed with SIGKILL can no longer pass one on.
    watchParent((was, now) => signals.stopBecause({ reason: 'the process that started kabar is gone', parentPid: was, newParentPid: now }));
  }
  // Before Redis: a translator that cannot work (no DEEPL_API_KEY) stops kabar with nothing started.
  const translator = createConfiguredTranslator(settings);
  const runtime = await openRuntime(settings, { log });
  log.info(`redis: ${runtime.redisSource}`);
  const running = await startKabar(runtime, { role, translator, chat });
  if (chat.configured.length === 0) {
    log.info('kabar is running: no chat tokens set, so briefs print here; Ctrl-C stops', { role });
  } else {
    log.info('kabar is running; Ctrl-C stops', { role, chats: chat.configured.join(', ') });
  }
  if (role !== 'bot') {
    // Not awaited: a provider that is slow to answer must not hold up the start.
    void reportTranslationNeeds({ subscriptions: runtime.subscriptions, translator, log }).catch((error: unknown) =>
      log.warn('translation: could not list what the subscriptions need', { error: describeError(error) }),
    );
  }
  await signals.stopOnSignal(running);
}

/**
 * SIGTERM and SIGINT for the whole life of `kabar start`: during start-up a signal exits at once
 * (nothing runs yet that could be finished); once running, the first one shuts down in order and a
 * second one exits at once (but not an echo of the first, see {@link REPEATED_SIGNAL_MS}).
 * `process.on`, not `once`: with no listener left, a second signal would kill the process outright
 * and skip the 'exit' hook that stops an embedded redis-server.
 * {@link stopBecause} takes the same path for a cause that is not a signal (the parent's death).
 */
function watchSignals(log: Logger): { stopOnSignal(running: RunningKabar): Promise<void>; stopBecause(cause: Record<string, unknown>): void } {
  let running: RunningKabar | undefined;
  let stopping = false;
  let resolveStopped: () => void = () => undefined;
  const stopped = new Promise<void>((done) => (resolveStopped = done));
  const stop = (cause: Record<string, unknown>): void => {
    if (!running || stopping) {
      log.warn(running ? 'second signal: exiting now' : 'signal during start-up: exiting now', cause);
      process.exit(1);
    }
    stopping = true;
    log.info('shutting down: finishing running jobs', { ...cause, deadlineSeconds: SHUTDOWN_DEADLINE_MS / 1000 });
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
  let first: { signal: NodeJS.Signals; at: number } | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (running && stopping && first?.signal === signal && Date.now() - first.at < REPEATED_SIGNAL_MS) {
      log.info('the same signal again at once (npm passing on the terminal\'s): still finishing running jobs', { signal });
      return;
    }
    if (!stopping) first = { signal, at: Date.now() };
    stop({ signal });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    stopOnSignal(started) {
      running = started;
      return stopped;
    },
    stopBecause(cause) {
      // Not a second signal: npm, told Ctrl-C along with kabar, may exit first while kabar stops.
      if (!stopping) stop(cause);
    },
  };
}
