/**
 * `/feeds …`: the feeds the bot reads. Any chat's moderators may add a feed (checked with the
 * bot's own fetch first, so a page that is not a feed, or a private address, is refused at once),
 * but a chat may remove only the feeds it added: the feed list is shared by every chat.
 */
import type { ChatReply } from '../../core/chat/chat-command.js';
import { COMMAND_SPECS } from '../../core/chat/command-specs.js';
import { describeError, isKabarError } from '../../core/errors.js';
import { addFeed, describeFeedHealth, removeFeed } from '../feeds/manage-feeds.js';
import { oneShotProblem } from '../feeds/one-shot-problem.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { fitLines, ok, Refusal, type CommandContext } from './command-context.js';
import { optionText, OptionProblem } from './option-values.js';

/** `/feeds list`. */
export async function listFeeds(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const now = deps.clock.now();
  const lines = (await deps.feeds.list()).map((feed) => describeFeedHealth(feed, now));
  return ok(context.texts.feedList(fitLines(lines, context.texts)));
}

/** `/feeds add URL`. */
export async function addFeedFromChat(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const url = feedUrl(context, 'feeds.add');
  try {
    await deps.fetcher.fetch(url);
  } catch (error) {
    throw new Refusal(context.texts.rejected(sentence(oneShotProblem(describeError(error)))));
  }
  const record = await addFeed(url, deps.pollIntervalMs, { feeds: deps.feeds, clock: deps.clock, random: deps.random }, context.scope);
  return ok(context.texts.feedAdded(record.url));
}

/** `/feeds remove URL`: only a feed this chat added. */
export async function removeFeedFromChat(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const url = feedUrl(context, 'feeds.remove');
  try {
    return ok(context.texts.feedRemoved(await removeFeed(url, deps, { onlyAddedBy: context.scope })));
  } catch (error) {
    if (isKabarError(error) && error.code === 'not-yours') throw new Refusal(context.texts.feedNotOurs(error.data.url ?? url));
    throw error;
  }
}

function feedUrl(context: CommandContext, action: 'feeds.add' | 'feeds.remove'): string {
  const spec = COMMAND_SPECS[action].options[0] as never;
  const url = optionText(context.command.options, spec, context.texts) ?? '';
  if (!/^https?:\/\/\S+$/i.test(url)) throw new OptionProblem('url', context.texts.problems.url);
  return url;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
