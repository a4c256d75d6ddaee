/**
 * Reading the topic and chat a user names on the `kabar topics` command line: `--chat` must name
 * a chat kabar knows, and a topic may be given by its display name (`"Abraham Accords"`, as the
 * README writes it) as well as by its slug.
 */
import { listTopics } from '../app/topics/index.js';
import type { TopicDeps } from '../app/topics/index.js';
import type { SubscriptionStore } from '../core/ports.js';
import { closestTo } from '../core/text/edit-distance.js';
import type { TopicScope } from '../core/topics/topic.js';
import { UsageError } from './cli-support.js';

/**
 * The scope `--chat` names, or `global`, from its spelling alone ({@link checkedScope} also checks
 * that a chat has it).
 *
 * @throws UsageError for an id that cannot be a scope.
 */
export function scopeOf(options: { chat?: string }): TopicScope {
  if (options.chat === undefined) return 'global';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(options.chat)) {
    throw new UsageError(`--chat takes a topic scope or subscription id such as telegram--1001234 (got "${options.chat}")`);
  }
  return `chat:${options.chat}`;
}

/**
 * The topic scope `--chat` names, checked against the subscriptions: a value is either a scope a
 * subscription sees (`discord-guild-900`, `telegram--1001234`, as `kabar subscriptions list`
 * shows after "own topics: --chat") or a subscription id (its scope is used).
 *
 * @throws UsageError naming the valid values, for any other.
 */
export async function checkedScope(options: { chat?: string }, subscriptions: Pick<SubscriptionStore, 'list'>): Promise<TopicScope> {
  const scope = scopeOf(options);
  if (scope === 'global' || options.chat === undefined) return scope;
  const scopes = new Map<string, TopicScope>();
  for (const subscription of await subscriptions.list()) {
    const own = subscription.topicScope ?? `chat:${subscription.id}`;
    scopes.set(own.slice('chat:'.length), own);
    if (!scopes.has(subscription.id)) scopes.set(subscription.id, own);
  }
  const known = scopes.get(options.chat);
  if (known !== undefined) return known;
  const valid = [...scopes.keys()].sort();
  throw new UsageError(
    valid.length === 0
      ? `--chat "${options.chat}" names no chat: there are no subscriptions yet (kabar subscriptions add, or /subscribe in a chat)`
      : `--chat "${options.chat}" names no chat kabar knows; use one of: ${valid.join(', ')} (see kabar subscriptions list)`,
  );
}

/**
 * The slug of the topic `name` means: the name itself when it is a topic, else the topic whose
 * name matches it ignoring case, accents, spaces and hyphens (`"Abraham Accords"` ->
 * `abraham-accords`). An unknown name is returned as it is, for the use case to refuse, unless
 * a topic is close to it: then a {@link UsageError} suggests that one.
 */
export async function resolveTopicName(name: string, scope: TopicScope, deps: TopicDeps): Promise<string> {
  const names = (await listTopics(scope === 'global' ? {} : { scope }, deps)).map((topic) => topic.name);
  if (names.includes(name)) return name;
  const wanted = folded(name);
  const same = names.find((candidate) => folded(candidate) === wanted);
  if (same !== undefined) return same;
  const closest = closestTo(wanted, names.map(folded));
  if (closest !== undefined && closest.distance <= Math.max(2, Math.floor(wanted.length / 3))) {
    const suggestion = names[names.map(folded).indexOf(closest.candidate)] ?? closest.candidate;
    throw new UsageError(`no topic "${name}"; did you mean ${suggestion}? (topics: ${names.join(', ')})`);
  }
  return name;
}

/** Lower case, no accents, words joined by single hyphens: how display names and slugs compare. */
function folded(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
}
