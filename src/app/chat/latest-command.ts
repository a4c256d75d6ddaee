/**
 * `/accords [topic] [count]`: the latest briefs, in the chat's language when they exist in it,
 * else the latest that exist, with a one-line note; with none at all, how to subscribe.
 */
import { briefFrame, DEFAULT_BRIEF_STYLE, type Brief } from '../../core/briefs/brief.js';
import type { ChatReply } from '../../core/chat/chat-command.js';
import { COMMAND_SPECS, type OptionSpec } from '../../core/chat/command-specs.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { ok, type CommandContext } from './command-context.js';
import { countValue, optionText } from './option-values.js';
import { checkTopicsExist, visibleTopicNames } from './topic-options.js';

/** Briefs shown when no count is given: enough to catch up, few enough not to flood a group. */
export const DEFAULT_LATEST_COUNT = 3;

/** Runs `latest`. */
export async function latest(context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { command, texts, subscription } = context;
  const [topicSpec, countSpec] = COMMAND_SPECS.latest.options as [OptionSpec, OptionSpec];
  const topic = optionText(command.options, topicSpec, texts)?.toLowerCase();
  const countText = optionText(command.options, countSpec, texts);
  const count = countText === undefined ? DEFAULT_LATEST_COUNT : countValue(countText, 'count', texts);
  if (topic !== undefined) await checkTopicsExist([topic], context, deps);
  const topics =
    topic !== undefined ? [topic] : subscription?.topics.length ? subscription.topics : await visibleTopicNames(context, deps);

  const wanted = subscription?.language ?? deps.defaults.language;
  for (const language of [...new Set([wanted, deps.defaults.language, 'en'])]) {
    const briefs = await newest(topics, language, count, deps);
    if (briefs.length === 0) continue;
    const style = subscription?.style ?? DEFAULT_BRIEF_STYLE;
    const framed = briefs.map((brief) => ({ ...brief, ...briefFrame(style, language) }));
    const header = texts.latestHeader(framed.length, topic);
    const text = language === wanted ? header : `${texts.latestOtherLanguage(language)}\n${header}`;
    return ok(text, { briefs: framed, private: true });
  }
  return ok(texts.noBriefs, { private: true });
}

/**
 * The newest `count` briefs over several topics. Each topic's archive is newest first; taking
 * them in turns keeps every topic represented, and a brief on two topics counts once.
 */
async function newest(topics: readonly string[], language: string, count: number, deps: ChatCommandDeps): Promise<Brief[]> {
  const lists = await Promise.all(topics.map((name) => deps.briefs.latest(name, language, count)));
  const seen = new Set<string>();
  const result: Brief[] = [];
  for (let index = 0; result.length < count && lists.some((list) => index < list.length); index++) {
    for (const list of lists) {
      const brief = list[index];
      if (brief === undefined || seen.has(brief.articleId) || result.length >= count) continue;
      seen.add(brief.articleId);
      result.push(brief);
    }
  }
  return result;
}
