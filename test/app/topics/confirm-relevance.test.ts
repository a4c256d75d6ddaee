/**
 * The relevance check end to end below the pipeline: the shipped topics' matcher, the OpenAI
 * relevance adapter against a loopback OpenAI-compatible server, and the ledger on real Redis.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiRelevanceCheck, SUMMARY_CHARS_ASKED } from '../../../src/adapters/relevance/openai-relevance.js';
import { createRedisRelevanceLedger } from '../../../src/adapters/redis/relevance-ledger.js';
import { confirmRelevance, keepRelevant, restsOnWeakTerms, type RelevanceDeps } from '../../../src/app/topics/confirm-relevance.js';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import { defaultTopics } from '../../../src/core/topics/default-topics.js';
import { createRecordingLogger, type RecordingLogger } from '../../fakes/in-memory-stores.js';
import { startFakeOpenAi, type FakeOpenAi, type RelevanceInput } from '../../fakes/translate/fake-openai.js';
import { openTestRedis, type TestRedis } from '../../support/redis.js';

const matcher = compileMatcher(defaultTopics());
const DAY = Date.UTC(2026, 11, 2, 12);

const accordsNamed = { id: 'a-1', title: 'Morocco and Israel sign water deal under the Abraham Accords' };
const plovAbroad = {
  id: 'a-2',
  title: 'Kazakhstan and Uzbekistan leaders open plov festival',
  summary: 'Both presidents attended the opening in Tashkent. '.repeat(30),
};

describe('confirmRelevance with an OpenAI-compatible model', () => {
  let redis: TestRedis;
  let model: FakeOpenAi;
  let log: RecordingLogger;
  let deps: RelevanceDeps;
  const asked: RelevanceInput[] = [];

  beforeEach(async () => {
    redis = await openTestRedis();
    model = await startFakeOpenAi({ apiKey: 'sk-test-relevance' });
    asked.length = 0;
    log = createRecordingLogger();
    deps = {
      check: createOpenAiRelevanceCheck({ baseUrl: model.baseUrl, apiKey: 'sk-test-relevance', model: 'judge-1', timeoutMs: 2_000 }),
      ledger: createRedisRelevanceLedger(redis.redis, redis.prefix),
      describe: async (topic) => defaultTopics().find((definition) => definition.name === topic)?.description,
      clock: { now: () => DAY },
      log,
    };
  });
  afterEach(async () => {
    await model.close();
    await redis.cleanup();
  });

  const judging = (answer: boolean): void => {
    model.judge = (input) => {
      asked.push(input);
      return answer;
    };
  };

  it('asks nothing about a match that a strong term carries', async () => {
    judging(false);
    const matches = matcher.match(accordsNamed);
    expect(matches.map((match) => match.topic)).toEqual(['abraham-accords']);
    expect(restsOnWeakTerms(matches[0]!)).toBe(false);

    const checked = await confirmRelevance(accordsNamed, matches, deps);
    expect(checked).toEqual(matches);
    expect(model.requests).toHaveLength(0);
  });

  it('drops a weak match the model rejects, asks once per article, and counts both', async () => {
    judging(false);
    const matches = matcher.match(plovAbroad);
    expect(matches.map((match) => match.topic)).toEqual(['central-asia']);
    expect(restsOnWeakTerms(matches[0]!)).toBe(true);

    const first = await confirmRelevance(plovAbroad, matches, deps);
    expect(first[0]?.relevance).toEqual({ verdict: 'rejected', by: 'openai judge-1', cached: false });
    expect(keepRelevant(first)).toEqual([]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ topic: 'central-asia', title: plovAbroad.title });
    expect(asked[0]?.description).toMatch(/Kazakhstan, Uzbekistan/u);
    expect(asked[0]?.summary).toHaveLength(SUMMARY_CHARS_ASKED);
    expect(log.find('relevance check: the model says the article is not about the topic')).toHaveLength(1);

    // The same article again (a second feed, a retried poll): the ledger answers.
    const again = await confirmRelevance(plovAbroad, matches, deps);
    expect(again[0]?.relevance).toEqual({ verdict: 'rejected', by: 'openai judge-1', cached: true });
    expect(model.requests).toHaveLength(1);
    expect(await deps.ledger.day(DAY)).toEqual({ confirmed: 0, rejected: 1, cached: 1, failed: 0 });
  });

  it('keeps a weak match the model confirms', async () => {
    judging(true);
    const matches = matcher.match(plovAbroad);
    const checked = await confirmRelevance(plovAbroad, matches, deps);
    expect(keepRelevant(checked).map((match) => match.topic)).toEqual(['central-asia']);
    expect(checked[0]?.relevance).toMatchObject({ verdict: 'confirmed', cached: false });
    expect(await deps.ledger.verdict(plovAbroad.id, 'central-asia')).toBe(true);
    expect(await deps.ledger.day(DAY)).toMatchObject({ confirmed: 1 });
  });

  it.each([
    ['a 503', { status: 503, body: { error: { message: 'overloaded', type: 'server_error', code: null } } }],
    ['a reply that is not a verdict', { status: 200, body: { choices: [{ message: { content: '{"relevant": "maybe"}' }, finish_reason: 'stop' }] } }],
  ])('keeps the match, logs and counts the failure when the model sends %s, and asks again next time', async (_label, reply) => {
    judging(false);
    model.enqueue(reply);
    const matches = matcher.match(plovAbroad);

    const checked = await confirmRelevance(plovAbroad, matches, deps);
    expect(keepRelevant(checked).map((match) => match.topic)).toEqual(['central-asia']);
    expect(checked[0]?.relevance).toMatchObject({ verdict: 'unanswered', by: 'openai judge-1', cached: false });
    expect(checked[0]?.relevance?.error).toBeTruthy();
    expect(log.find('relevance check failed; the match stands on its terms')).toHaveLength(1);
    expect(JSON.stringify(log.entries)).not.toContain('sk-test-relevance');
    expect(await deps.ledger.day(DAY)).toEqual({ confirmed: 0, rejected: 0, cached: 0, failed: 1 });

    // Nothing was recorded, so the next poll asks again (and is answered this time).
    expect(keepRelevant(await confirmRelevance(plovAbroad, matches, deps))).toEqual([]);
    expect(asked).toHaveLength(1);
  });
});
