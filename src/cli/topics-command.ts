/**
 * `kabar topics ...`: the moderator's view of topics, through the same use cases the chat
 * commands call.
 */
import {
  addTerm,
  excludeTerm,
  listTopics,
  removeTerm,
  seedDefaultTopics,
  showTopic,
  testTopic,
  topicHistory,
  undoTopicEdit,
  upgradeShippedTopics,
  type ShippedTopicStatus,
  type TopicEditResult,
} from '../app/topics/index.js';
import type { TermHit } from '../core/matching/topic-matcher.js';
import { out, UsageError, withRuntime, authorOf, oneLine } from './cli-support.js';
import { checkedScope, resolveTopicName } from './topic-arguments.js';

/** Options every topics subcommand takes. */
export interface TopicScopeOptions {
  /** Edit or view a chat's own layer (`chat:<id>`) instead of the global topic. */
  chat?: string;
  /** Recorded in the history; default `cli:<user>`. */
  author?: string;
}

export { scopeOf } from './topic-arguments.js';

/** `kabar topics list`. */
export async function topicsList(options: TopicScopeOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    for (const topic of await listTopics(scope === 'global' ? {} : { scope }, topicDeps)) {
      const version = topic.chatVersion === undefined ? `v${topic.globalVersion ?? '?'}` : `chat v${topic.chatVersion}`;
      out(
        `${topic.name.padEnd(20)} ${String(topic.includeCount).padStart(4)} terms, ${String(topic.excludeCount).padStart(3)} exclusions  ${version}  ${topic.origin}  ${topic.description ?? ''}`.trimEnd(),
      );
    }
  });
}

/** `kabar topics show NAME`. */
export async function topicsShow(name: string, options: TopicScopeOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    const details = await showTopic({ name: await resolveTopicName(name, scope, topicDeps), scope }, topicDeps);
    const latest = details.chat ?? details.global;
    out(`${details.name} (${details.origin}${latest ? `, v${latest.version} by ${latest.author} at ${iso(latest.at)}` : ''})`);
    if (details.definition.description) out(details.definition.description);
    out(`include (${details.definition.include.length}):`);
    for (const term of details.definition.include) out(`  ${term}`);
    out(`exclude (${details.definition.exclude.length}):`);
    for (const term of details.definition.exclude) out(`  ${term}`);
  });
}

/** `kabar topics add-term|remove-term|exclude NAME TERM`. */
export async function topicsEdit(
  action: 'add-term' | 'remove-term' | 'exclude',
  name: string,
  term: string,
  options: TopicScopeOptions,
): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    const input = { name: await resolveTopicName(name, scope, topicDeps), term, scope, author: authorOf(options.author) };
    const edit = action === 'add-term' ? addTerm : action === 'remove-term' ? removeTerm : excludeTerm;
    report(await edit(input, topicDeps));
  });
}

/** `kabar topics test NAME "headline"`. */
export async function topicsTest(name: string, headline: string, options: TopicScopeOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    const result = await testTopic({ name: await resolveTopicName(name, scope, topicDeps), headline, scope }, topicDeps);
    out(`${result.topic}: ${result.matched ? 'MATCH' : 'no match'}`);
    for (const hit of result.hits) out(`  hit   ${describeHit(hit)}`);
    for (const veto of result.vetoes) out(`  veto  ${describeHit(veto)}${result.matched ? ' (overridden by a strong term)' : ''}`);
    for (const unmet of result.unmet ?? []) out(`  unmet ${describeHit(unmet)}`);
    if (result.hits.length === 0 && (result.unmet ?? []).length === 0) out('  no include term appears in the headline');
  });
}

/** `kabar topics history NAME`. */
export async function topicsHistory(name: string, options: TopicScopeOptions & { limit?: string }): Promise<void> {
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit takes a whole number');
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    const versions = await topicHistory({ name: await resolveTopicName(name, scope, topicDeps), scope, ...(limit ? { limit } : {}) }, topicDeps);
    for (const version of versions) {
      out(`v${version.version}  ${iso(version.at)}  ${version.author.padEnd(14)} ${version.action}${version.deleted ? ' (deleted)' : ''}`);
    }
  });
}

/** `kabar topics undo NAME`. */
export async function topicsUndo(name: string, options: TopicScopeOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    await seedDefaultTopics({}, topicDeps);
    const scope = await checkedScope(options, subscriptions);
    report(await undoTopicEdit({ name: await resolveTopicName(name, scope, topicDeps), scope, author: authorOf(options.author) }, topicDeps));
  });
}

function report(result: TopicEditResult): void {
  const where = result.scope === 'global' ? '' : ` (${result.scope})`;
  const effect = !result.version.deleted
    ? 'live within seconds'
    : result.scope === 'global'
      ? 'the topic is now deleted (undo again to bring it back)'
      : "this chat's own version is gone, the global topic applies (undo again to bring it back)";
  out(`${result.name}${where}: v${result.version.version} ${result.version.action} — ${effect}`);
}

/**
 * A hit on one line: `"term" in field: snippet`, then the context that made the term count (or,
 * for an unmet term, why it did not) in brackets. Snippets from article text may hold line breaks.
 */
export function describeHit(hit: TermHit): string {
  return `"${hit.term}" in ${hit.field}: ${oneLine(hit.snippet)}${hit.context === undefined ? '' : ` [${hit.context}]`}`;
}

/** `kabar topics upgrade [NAME] [--dry-run]`. */
export async function topicsUpgrade(name: string | undefined, options: { dryRun?: boolean; author?: string }): Promise<void> {
  await withRuntime(async ({ topicDeps }) => {
    await seedDefaultTopics({}, topicDeps);
    const dryRun = options.dryRun === true;
    const result = await upgradeShippedTopics(
      { ...(name === undefined ? {} : { name }), author: authorOf(options.author), dryRun },
      topicDeps,
    );
    for (const topic of result.topics) for (const line of describeUpgrade(topic)) out(line);
    for (const saved of result.saved) report(saved);
    if (dryRun) out('dry run: nothing saved');
  });
}

function describeUpgrade(topic: ShippedTopicStatus): string[] {
  const from = topic.base === undefined ? '' : ` (from ${topic.base})`;
  const head = `${topic.name}: ${topic.status}${from}, shipped ${topic.shipped}`;
  const plan = topic.plan;
  if (plan === undefined) return [head];
  return [
    head,
    ...plan.added.map((t) => `  + ${t.list} "${t.term}"`),
    ...plan.removed.map((t) => `  - ${t.list} "${t.term}"`),
    ...(plan.describes ? ['  ~ description'] : []),
    ...plan.kept.map((t) => `  = kept: ${t.why === 'listed-elsewhere' ? `"${t.term}" stays out of ${t.list} (moderators listed it in the other list)` : `"${t.term}" stays removed from ${t.list}`}`),
  ];
}

function iso(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
}
