/**
 * `kabar stats`: one line each for translation cost today, relevance checks today (when on), feeds,
 * and the queues.
 */
import { queueDepths } from '../adapters/queue/queue-depths.js';
import { out, withRuntime } from './cli-support.js';

/** Prints today's translation usage per provider, relevance checks, feed health and queue depths. */
export async function statsCommand(): Promise<void> {
  await withRuntime(async (runtime) => {
    const now = runtime.clock.now();
    const usage = await runtime.usage.day(now);
    const providers = Object.entries(usage);
    const day = new Date(now).toISOString().slice(0, 10);
    out(
      providers.length === 0
        ? `translation ${day}: nothing translated yet`
        : `translation ${day}: ${providers
            .map(([provider, used]) => `${provider} ${used.calls} calls, ${used.characters} chars, ${used.tokens} tokens`)
            .join('; ')}`,
    );
    const checks = await runtime.relevance.day(now);
    if (runtime.config.KABAR_RELEVANCE_CHECK !== 'off' || Object.values(checks).some((count) => count > 0)) {
      out(
        `relevance checks ${day}: ${checks.confirmed + checks.rejected} asked (${checks.confirmed} confirmed, ${checks.rejected} rejected), ` +
          `${checks.cached} answered from earlier answers, ${checks.failed} failed (those matches kept)`,
      );
    }
    const feeds = await runtime.feeds.list();
    out(`feeds: ${feeds.length} (${feeds.filter((feed) => feed.failing).length} failing, ${feeds.filter((feed) => !feed.seeded).length} not seeded yet)`);
    const depths = (await queueDepths(runtime.redis, runtime.config.KABAR_REDIS_PREFIX)).map(
      (depth) => `${depth.queue} ${depth.waiting} waiting, ${depth.active} active, ${depth.delayed} delayed, ${depth.failed} failed`,
    );
    out(`queues: ${depths.join('; ')}`);
  });
}
