/**
 * Trying a topic on a headline before (or after) editing it: `kabar topics test NAME "headline"`.
 */
import { compileMatcher } from '../../core/matching/compile.js';
import type { TermHit } from '../../core/matching/topic-matcher.js';
import type { TopicRef } from './edit-topic.js';
import { showTopic } from './show-topic.js';
import type { TopicDeps } from './topic-deps.js';

/** Input of {@link testTopic}. */
export interface TestTopicInput extends TopicRef {
  headline: string;
}

/** Whether a headline belongs to a topic, and why. */
export interface TopicTestResult {
  topic: string;
  matched: boolean;
  /** Include terms that hit. */
  hits: TermHit[];
  /** Exclusions that hit: they veto the topic unless a strong (`!`) include term hit too. */
  vetoes: TermHit[];
  /**
   * Include terms whose words appear but whose context clauses (`near`, `notnear`, `in`) ruled
   * them out, each with the reason in `context`. Optional for callers that build results by hand.
   */
  unmet?: TermHit[];
}

/**
 * Compiles just this topic, as `scope` (default `global`) sees it, and explains its verdict on
 * `headline`.
 *
 * @throws KabarError `permanent`, code `unknown-topic`.
 * @example
 * ```ts
 * await testTopic({ name: 'central-asia', headline: 'Astana wins the stage' }, deps);
 * // { topic: 'central-asia', matched: false, hits: [{ term: 'Astana', ... }], vetoes: [{ term: 'Astana + stage', ... }] }
 * ```
 */
export async function testTopic(input: TestTopicInput, deps: TopicDeps): Promise<TopicTestResult> {
  const { definition } = await showTopic(input, deps);
  const [verdict] = compileMatcher([definition]).explain({ title: input.headline });
  return {
    topic: definition.name,
    matched: verdict?.matched ?? false,
    hits: verdict?.hits ?? [],
    vetoes: verdict?.vetoes ?? [],
    unmet: verdict?.unmet ?? [],
  };
}
