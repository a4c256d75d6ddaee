/**
 * The relevance check as configured (`KABAR_RELEVANCE_CHECK`), ready for the poll and `kabar match`.
 */
import { createOpenAiRelevanceCheck } from '../adapters/relevance/openai-relevance.js';
import { confirmRelevance, loadMatchingTopics, type ArticleToConfirm } from '../app/topics/index.js';
import type { TopicMatch } from '../core/matching/topic-matcher.js';
import type { Runtime } from './runtime.js';

/** A model's yes/no takes a few seconds at most; a stuck one must not hold a poll for a minute. */
const RELEVANCE_TIMEOUT_MS = 20_000;

/** Puts the matches that need it to the model, noting each answer (see `confirmRelevance`). */
export type RelevanceGate = (article: ArticleToConfirm, matches: readonly TopicMatch[]) => Promise<TopicMatch[]>;

/** The configured gate, or undefined when `KABAR_RELEVANCE_CHECK` is `off` (the default). */
export function createRelevanceGate(runtime: Runtime): RelevanceGate | undefined {
  const { config } = runtime;
  if (config.KABAR_RELEVANCE_CHECK === 'off') return undefined;
  const check = createOpenAiRelevanceCheck({
    baseUrl: config.OPENAI_BASE_URL,
    ...(config.OPENAI_API_KEY === undefined ? {} : { apiKey: config.OPENAI_API_KEY }),
    model: config.OPENAI_MODEL,
    timeoutMs: config.KABAR_TRANSLATE_TIMEOUT ?? RELEVANCE_TIMEOUT_MS,
  });
  const deps = {
    check,
    ledger: runtime.relevance,
    describe: async (topic: string) => (await loadMatchingTopics(runtime.topics)).find((definition) => definition.name === topic)?.description,
    clock: runtime.clock,
    log: runtime.log,
  };
  return (article, matches) => confirmRelevance(article, matches, deps);
}
