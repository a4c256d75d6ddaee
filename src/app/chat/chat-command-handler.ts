/**
 * The chat commands, shared by Discord, Telegram and the tests: one {@link ChatCommandHandler}
 * that checks who may do what, reads the options, runs the use case and answers in the reader's
 * language. Bad input and refusals are replies, never errors; only a fault of kabar's own is
 * logged as an error.
 */
import type { ChatCommand, ChatCommandHandler, ChatReply } from '../../core/chat/chat-command.js';
import { CHAT_ACTIONS, COMMAND_SPECS, discordCommandOf, telegramCommandOf, type ChatAction } from '../../core/chat/command-specs.js';
import { chatLanguage, chatMessages } from '../../core/chat/messages/index.js';
import { subscriptionIdFor, topicScopeFor } from '../../core/chat/subscription-id.js';
import { describeError, isKabarError } from '../../core/errors.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { fitText, invalid, ok, Refusal, type CommandContext } from './command-context.js';
import { addFeedFromChat, listFeeds, removeFeedFromChat } from './feed-commands.js';
import { keywords, type KeywordAction } from './keyword-commands.js';
import { latest } from './latest-command.js';
import { OptionProblem } from './option-values.js';
import { formatTime, language, options, status, subscribe, unsubscribe } from './subscription-commands.js';
import { visibleTopicNames } from './topic-options.js';

/** Most topic names offered to autocomplete (Discord's limit). */
const MAX_SUGGESTIONS = 25;

/**
 * Creates the handler.
 *
 * @example
 * ```ts
 * const handler = createChatCommandHandler(deps);
 * await handler.handle({ action: 'subscribe', place, user, options: { topics: 'central-asia' } });
 * ```
 */
export function createChatCommandHandler(deps: ChatCommandDeps): ChatCommandHandler {
  return {
    async handle(command) {
      const context = await contextOf(command, deps);
      const { texts } = context;
      if (COMMAND_SPECS[command.action].changes && !command.user.isModerator) {
        return { status: 'refused', text: texts.moderatorsOnly, private: true };
      }
      try {
        const reply = await run(command.action, context, deps);
        return { ...reply, text: fitText(withPauseNotice(reply.text, context), texts) };
      } catch (error) {
        if (error instanceof OptionProblem) return invalid(texts.invalidOption(error.option, error.problem));
        if (error instanceof Refusal) return invalid(error.reply);
        if (isKabarError(error, 'permanent')) return invalid(texts.rejected(describeError(error)));
        deps.log.error('chat command failed', {
          action: command.action,
          platform: command.place.platform,
          chat: command.place.chatId,
          error: describeError(error),
        });
        return { status: 'failed', text: texts.failed, private: true };
      }
    },
    async suggestTopics(place, typed) {
      const names = await visibleTopicNames({ scope: topicScopeFor(place) }, deps);
      const needle = typed.trim().toLowerCase();
      const starts = names.filter((name) => name.startsWith(needle));
      const contains = names.filter((name) => !name.startsWith(needle) && name.includes(needle));
      return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
    },
  };
}

async function contextOf(command: ChatCommand, deps: ChatCommandDeps): Promise<CommandContext> {
  const subscription = await deps.subscriptions.get(subscriptionIdFor(command.place));
  const language = chatLanguage([command.user.locale, subscription?.language, deps.defaults.language]);
  return {
    command,
    subscription,
    language,
    texts: chatMessages(language).replies,
    scope: subscription?.topicScope ?? topicScopeFor(command.place),
    author: `${command.place.platform}:${command.user.id}`,
  };
}

function run(action: ChatAction, context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  switch (action) {
    case 'latest':
      return latest(context, deps);
    case 'subscribe':
      return subscribe(context, deps);
    case 'unsubscribe':
      return unsubscribe(context, deps);
    case 'status':
      return status(context, deps);
    case 'options':
      return options(context, deps);
    case 'language':
      return language(context, deps);
    case 'help':
      return Promise.resolve(help(context));
    case 'feeds.list':
      return listFeeds(context, deps);
    case 'feeds.add':
      return addFeedFromChat(context, deps);
    case 'feeds.remove':
      return removeFeedFromChat(context, deps);
    default:
      return keywords(action as KeywordAction, context, deps);
  }
}

/** The welcome, then every command as this platform spells it, with its description. */
function help(context: CommandContext): ChatReply {
  const { platform } = context.command.place;
  const descriptions = chatMessages(context.language).commands;
  const lines = CHAT_ACTIONS.map((action) => {
    if (platform === 'discord') {
      const { command, subcommand } = discordCommandOf(action);
      return `/${command} ${subcommand}: ${descriptions[action]}`;
    }
    const { command, verb } = telegramCommandOf(action);
    return `/${command}${verb === undefined ? '' : ` ${verb}`}: ${descriptions[action]}`;
  });
  return ok(`${context.texts.welcome}\n\n${context.texts.help(lines)}`, { private: true });
}

/** A paused chat hears why with its next command, whatever it was. */
function withPauseNotice(text: string, context: CommandContext): string {
  const paused = context.subscription?.paused;
  if (paused === undefined || context.command.action === 'status' || context.command.action === 'subscribe') return text;
  return `${context.texts.pausedNotice(paused.reason, formatTime(paused.since))}\n${text}`;
}
