/**
 * `kabar subscriptions list|add|remove`: the operator's view of which chats get briefs.
 */
import { listTopics } from '../app/topics/index.js';
import { removeSubscription, saveSubscription } from '../app/subscriptions/manage-subscriptions.js';
import type { BriefTextSetting } from '../core/briefs/brief.js';
import { parseChatAddress, topicScopeFor } from '../core/chat/subscription-id.js';
import type { BriefFormat, Subscription } from '../core/ports.js';
import { isBaseLanguageCode } from '../core/text/language-tag.js';
import { configuredBriefStyle, type Runtime } from '../main.js';
import { authorOf, listOption, out, UsageError, withRuntime } from './cli-support.js';

/** Options of `kabar subscriptions add`. */
export interface SubscriptionAddOptions {
  topics?: string;
  language?: string;
  greeting?: string;
  closing?: string;
  format?: string;
  author?: string;
}

/** `kabar subscriptions list`: one line each. */
export async function subscriptionsList(options: { json?: boolean }): Promise<void> {
  await withRuntime(async (runtime) => {
    const subscriptions = await runtime.subscriptions.list();
    if (options.json) {
      for (const subscription of subscriptions) out(JSON.stringify(subscription));
      return;
    }
    if (subscriptions.length === 0) out('no subscriptions yet: /accords subscribe on Discord, /subscribe on Telegram, or kabar subscriptions add');
    for (const subscription of subscriptions) out(describeSubscription(subscription));
    const paused = subscriptions.filter((subscription) => subscription.paused !== undefined).length;
    out(`${subscriptions.length} ${subscriptions.length === 1 ? 'subscription' : 'subscriptions'}, ${paused} paused`);
  });
}

/** `kabar subscriptions add discord:CHANNEL | telegram:CHAT[/TOPIC] [...]`: creates or updates. */
export async function subscriptionsAdd(address: string, options: SubscriptionAddOptions): Promise<void> {
  const place = parseChatAddress(address);
  if (place === undefined) {
    throw new UsageError(`"${address}" is not a chat: use discord:CHANNEL_ID or telegram:CHAT_ID[/TOPIC_ID], e.g. telegram:-1001234567890/7`);
  }
  if (options.format !== undefined && !['embed', 'text'].includes(options.format)) {
    throw new UsageError(`--format takes embed or text (got "${options.format}")`);
  }
  if (options.language !== undefined && !isBaseLanguageCode(options.language)) {
    throw new UsageError(`--language takes a base language code such as id, en or es (got "${options.language}")`);
  }
  const topics = listOption(options.topics);
  await withRuntime(async (runtime) => {
    if (topics !== undefined) await checkTopics(topics, topicScopeFor(place), runtime);
    const setting = (value: string): BriefTextSetting => (value === 'default' || value === 'off' ? value : { custom: value });
    const saved = await saveSubscription(
      {
        ...place,
        ...(topics === undefined ? {} : { topics }),
        ...(options.language === undefined ? {} : { language: options.language }),
        ...(options.greeting === undefined && options.closing === undefined
          ? {}
          : {
              style: {
                ...(options.greeting === undefined ? {} : { greeting: setting(options.greeting) }),
                ...(options.closing === undefined ? {} : { closing: setting(options.closing) }),
              },
            }),
        ...(options.format === undefined ? {} : { format: options.format as BriefFormat }),
        author: authorOf(options.author),
      },
      {
        subscriptions: runtime.subscriptions,
        clock: runtime.clock,
        defaults: {
          language: runtime.config.KABAR_DEFAULT_LANGUAGE,
          style: configuredBriefStyle(runtime.config),
          onTranslationFailure: runtime.config.KABAR_TRANSLATION_FALLBACK,
        },
      },
    );
    out(`${saved.created ? 'added' : 'updated'} ${describeSubscription(saved.subscription)}`);
  });
}

/** `kabar subscriptions remove ID`. */
export async function subscriptionsRemove(id: string): Promise<void> {
  await withRuntime(async (runtime) => {
    out(`removed ${await removeSubscription(id, runtime)}`);
  });
}

/** One line: id, where, topics, language, format, state. */
export function describeSubscription(subscription: Subscription): string {
  const where =
    subscription.platform === 'console'
      ? 'console'
      : `${subscription.platform}:${subscription.chatId}${subscription.threadId === undefined ? '' : `/${subscription.threadId}`}`;
  const topics = subscription.topics.length > 0 ? subscription.topics.join(',') : 'all topics';
  const state =
    subscription.paused === undefined
      ? 'active'
      : `PAUSED since ${new Date(subscription.paused.since).toISOString()}: ${subscription.paused.reason}`;
  const scope = subscription.topicScope === undefined ? '' : `  own topics: --chat ${subscription.topicScope.slice('chat:'.length)}`;
  return `${subscription.id}  ${where}  ${topics}  ${subscription.language}  ${state}${scope}`;
}

async function checkTopics(names: readonly string[], scope: Subscription['topicScope'], runtime: Runtime): Promise<void> {
  const known = (await listTopics(scope === undefined ? {} : { scope }, runtime.topicDeps)).map((topic) => topic.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`no topic ${unknown.map((name) => `"${name}"`).join(', ')}; topics: ${known.join(', ')}`);
}
