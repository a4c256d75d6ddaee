/**
 * A matcher that follows moderators' edits without a restart.
 */
import { describeError } from '../../core/errors.js';
import { compileMatcher } from '../../core/matching/compile.js';
import type { ExplainingTopicMatcher } from '../../core/matching/compile.js';
import { validateTopic } from '../../core/matching/parse-term.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { TopicDefinition } from '../../core/topics/topic.js';
import type { TopicStore } from '../../core/topics/topic-store.js';
import { loadMatchingTopics } from './matching-topics.js';

/** How often, at most, {@link LiveMatcher.current} asks the store whether topics changed. */
export const DEFAULT_CHECK_EVERY_MS = 2_000;

/** Dependencies of {@link createLiveMatcher}. */
export interface LiveMatcherDeps {
  store: TopicStore;
  clock: Clock;
  /** Default {@link DEFAULT_CHECK_EVERY_MS}. */
  checkEveryMs?: number;
  /** Told about stored topics that fail validation (they are left out) and failed refreshes. */
  log?: Logger;
}

/** The compiled topics of every scope, kept up to date. */
export interface LiveMatcher {
  /**
   * The matcher for the topics as of the last check: every global topic plus every chat topic as
   * `chat:<id>/<name>` (see `core/topics/effective-topics.ts`).
   */
  current(): Promise<ExplainingTopicMatcher>;
  /** Makes the next {@link LiveMatcher.current} check the store at once, e.g. after an edit in this process. */
  invalidate(): void;
}

/**
 * Builds a {@link LiveMatcher}. `current()` reads the store's revision at most once per
 * `checkEveryMs` (one `GET` in Redis) and recompiles only when it changed, so a worker can call
 * it for every article. Concurrent callers share one refresh. When a refresh fails after a first
 * success, the previous matcher keeps serving (and the failure is logged): a Redis blip should not
 * stop matching. A stored topic that fails validation is left out rather than taking every other
 * topic down with it.
 *
 * @example
 * ```ts
 * const live = createLiveMatcher({ store, clock, log });
 * const matches = (await live.current()).match(article);
 * ```
 */
export function createLiveMatcher(deps: LiveMatcherDeps): LiveMatcher {
  const { store, clock, checkEveryMs = DEFAULT_CHECK_EVERY_MS, log } = deps;
  let compiled: { matcher: ExplainingTopicMatcher; revision: number } | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let refreshing: Promise<ExplainingTopicMatcher> | undefined;

  const refresh = async (): Promise<ExplainingTopicMatcher> => {
    // The revision is read before the topics: an edit landing between the two reads leaves a
    // revision newer than the one recorded, so the next check recompiles instead of missing it.
    const revision = await store.revision();
    if (compiled !== undefined && compiled.revision === revision) return compiled.matcher;
    const topics = validTopics(await loadMatchingTopics(store), log);
    const matcher = compileMatcher(topics);
    compiled = { matcher, revision };
    log?.info('topics: matcher compiled', { revision, topics: topics.length });
    return matcher;
  };

  const check = async (startedAt: number): Promise<ExplainingTopicMatcher> => {
    try {
      const matcher = await refresh();
      checkedAt = startedAt;
      return matcher;
    } catch (error) {
      if (compiled === undefined) throw error;
      checkedAt = startedAt;
      log?.warn('topics: could not refresh the matcher; keeping the previous one', { error: describeError(error) });
      return compiled.matcher;
    } finally {
      refreshing = undefined;
    }
  };

  return {
    current() {
      const now = clock.now();
      if (compiled !== undefined && now - checkedAt < checkEveryMs) return Promise.resolve(compiled.matcher);
      refreshing ??= check(now);
      return refreshing;
    },
    invalidate() {
      checkedAt = Number.NEGATIVE_INFINITY;
    },
  };
}

function validTopics(topics: readonly TopicDefinition[], log: Logger | undefined): TopicDefinition[] {
  return topics.filter((topic) => {
    try {
      validateTopic(topic);
      return true;
    } catch (error) {
      log?.warn('topics: stored topic is invalid and is left out of matching', {
        topic: topic.name,
        error: describeError(error),
      });
      return false;
    }
  });
}
