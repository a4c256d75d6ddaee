/**
 * The chat's own subscription: `/subscribe`, `/unsubscribe`, `/status`, `/options`, `/language`.
 */
import type { ChatReply } from '../../core/chat/chat-command.js';
import { COMMAND_SPECS } from '../../core/chat/command-specs.js';
import { chatMessages } from '../../core/chat/messages/index.js';
import type { BriefTextSetting } from '../../core/briefs/brief.js';
import type { Subscription } from '../../core/ports.js';
import { removeSubscription, saveSubscription, type SubscriptionInput } from '../subscriptions/manage-subscriptions.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { ok, type CommandContext } from './command-context.js';
import { booleanValue, languageValue, optionText, OptionProblem, settingValue, topicNames } from './option-values.js';
import { checkTopicsExist } from './topic-options.js';

/** `/subscribe [topics] [language]`: creates or updates this chat's subscription. */
export async function subscribe(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { command, texts } = context;
  const [topicsSpec, languageSpec] = COMMAND_SPECS.subscribe.options as [never, never];
  const topicsText = optionText(command.options, topicsSpec, texts);
  const languageText = optionText(command.options, languageSpec, texts);
  const topics = topicsText === undefined ? undefined : topicNames(topicsText);
  if (topics !== undefined) await checkTopicsExist(topics, context, deps);
  const language = languageText === undefined ? undefined : requireLanguage(languageText, 'language', context);
  const saved = await saveSubscription(
    {
      ...placeOf(context),
      ...(topics === undefined ? {} : { topics }),
      ...(language === undefined ? {} : { language }),
      author: context.author,
    },
    deps,
  );
  const { subscription } = saved;
  const shownTopics = subscription.topics.length > 0 ? subscription.topics : [texts.everyTopic];
  const name = languageName(subscription.language);
  const text = saved.created ? texts.subscribed(shownTopics, name) : texts.subscriptionUpdated(shownTopics, name);
  return ok(saved.resumed === undefined ? text : `${text}\n${texts.pausedResumed(saved.resumed)}`);
}

/** `/unsubscribe`. */
export async function unsubscribe(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  if (!context.subscription) return ok(context.texts.notSubscribed);
  await removeSubscription(context.subscription.id, deps);
  return ok(context.texts.unsubscribed);
}

/** `/status`: what the chat gets, its last brief, the feeds' health. */
export async function status(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { subscription, texts } = context;
  if (!subscription) return ok(texts.notSubscribed);
  const [last, feeds] = await Promise.all([deps.deliveries.lastSent(subscription.id), deps.feeds.list()]);
  const failing = feeds.filter((feed) => feed.failing).map((feed) => feed.title ?? new URL(feed.url).hostname);
  return ok(
    texts.status({
      topics: subscription.topics.length > 0 ? subscription.topics : [texts.everyTopic],
      language: languageName(subscription.language),
      ...(last === undefined ? {} : { lastDelivery: formatTime(last.at) }),
      feedsOk: feeds.length - failing.length,
      feedsFailing: failing,
      ...(subscription.paused === undefined
        ? {}
        : { paused: { reason: subscription.paused.reason, since: formatTime(subscription.paused.since) } }),
    }),
  );
}

/** `/options [greeting] [closing] [format] [silent]`: shows the options, or changes those given. */
export async function options(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { command, texts, subscription } = context;
  if (!subscription) return ok(texts.notSubscribed);
  const specs = COMMAND_SPECS.options.options;
  const value = (name: string): string | undefined => {
    const spec = specs.find((candidate) => candidate.name === name);
    return spec === undefined ? undefined : optionText(command.options, spec, texts);
  };
  const [greeting, closing, format, silent] = ['greeting', 'closing', 'format', 'silent'].map(value);
  if ([greeting, closing, format, silent].every((given) => given === undefined)) {
    return ok(texts.optionsNow(optionsSummary(subscription, texts)));
  }
  const change: Partial<SubscriptionInput> = {
    ...(greeting === undefined && closing === undefined
      ? {}
      : {
          style: {
            ...(greeting === undefined ? {} : { greeting: settingValue(greeting) }),
            ...(closing === undefined ? {} : { closing: settingValue(closing) }),
          },
        }),
    ...(format === undefined ? {} : { format: format as 'embed' | 'text' }),
    ...(silent === undefined ? {} : { silent: booleanValue(silent, 'silent', texts) }),
  };
  const saved = await saveSubscription({ ...placeOf(context), ...change, author: context.author }, deps);
  return ok(texts.optionsSaved(optionsSummary(saved.subscription, texts)));
}

/** `/language CODE`: the language of the chat's briefs and of the bot's replies there. */
export async function language(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { command, texts } = context;
  const spec = COMMAND_SPECS.language.options[0] as never;
  const code = requireLanguage(optionText(command.options, spec, texts) ?? '', 'code', context);
  if (!context.subscription) return ok(texts.notSubscribed);
  await saveSubscription({ ...placeOf(context), language: code, author: context.author }, deps);
  // Say it in the new language when the bot speaks it.
  return ok(chatMessages(code).replies.languageSet(languageName(code)));
}

/** The chat's address and server, for saving its subscription. */
export function placeOf(context: CommandContext): Omit<SubscriptionInput, 'author'> {
  const { place } = context.command;
  return {
    platform: place.platform,
    chatId: context.subscription?.chatId ?? place.chatId,
    ...(place.threadId === undefined ? {} : { threadId: place.threadId }),
    ...(place.guildId === undefined ? {} : { guildId: place.guildId }),
  };
}

function requireLanguage(text: string, option: string, context: CommandContext): string {
  const code = languageValue(text);
  if (code === undefined) throw new OptionProblem(option, context.texts.unknownLanguage(text));
  return code;
}

function languageName(code: string): string {
  const own = chatMessages(code);
  return own === chatMessages('en') && code !== 'en' ? code : `${own.languageName} (${code})`;
}

function optionsSummary(subscription: Subscription, texts: CommandContext['texts']): string {
  const setting = (value: BriefTextSetting): string => (typeof value === 'string' ? value : `"${value.custom}"`);
  return texts.optionsSummary({
    greeting: setting(subscription.style.greeting),
    closing: setting(subscription.style.closing),
    format: subscription.platform === 'discord' ? (subscription.format ?? 'embed') : 'text',
    silent: subscription.silent === true,
  });
}

/** `2026-12-02 10:47 UTC`: the same for every reader, whatever their server's zone. */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
