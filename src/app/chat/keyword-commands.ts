/**
 * `/keywords …`: a chat's moderators show, test and edit topics. Edits made in a chat belong to
 * the chat's scope (its own topics, or its additions to a shipped topic) and never change what
 * other chats get; the operator edits the global topics with `kabar topics`.
 */
import type { ChatReply } from '../../core/chat/chat-command.js';
import { COMMAND_SPECS, type ChatAction, type OptionSpec } from '../../core/chat/command-specs.js';
import type { TermHit } from '../../core/matching/topic-matcher.js';
import {
  addTerm,
  createTopic,
  deleteTopic,
  excludeTerm,
  listTopics,
  previewTopicEdit,
  removeTerm,
  showTopic,
  testTopic,
  topicHistory,
  undoTopicEdit,
  type TermEditKind,
} from '../topics/index.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { fitLines, MAX_REPLY_CHARS, ok, type CommandContext } from './command-context.js';
import { optionText } from './option-values.js';
import { formatTime } from './subscription-commands.js';
import { checkTopicsExist } from './topic-options.js';

/** The keyword actions this module answers. */
export type KeywordAction = Extract<ChatAction, `keywords.${string}`>;

const PREVIEW_KINDS: Readonly<Record<string, TermEditKind>> = { add: 'add-term', exclude: 'exclude', remove: 'remove-term' };
const HISTORY_LINES = 10;

/** Runs one `/keywords` verb. */
export async function keywords(action: KeywordAction, context: CommandContext, deps: ChatCommandDeps): Promise<ChatReply> {
  const { texts, scope, author } = context;
  const value = (name: string): string => {
    const spec = COMMAND_SPECS[action].options.find((candidate) => candidate.name === name) as OptionSpec;
    return optionText(context.command.options, spec, texts) ?? '';
  };
  const topicDeps = deps.topics;
  if (action !== 'keywords.list' && action !== 'keywords.create') await checkTopicsExist([value('topic')], context, deps);
  switch (action) {
    case 'keywords.list': {
      const topics = await listTopics({ scope }, topicDeps);
      const lines = topics.map((topic) => `${topic.name}: ${topic.includeCount} + / ${topic.excludeCount} - (${topic.origin})`);
      return ok(texts.topicList(fitLines(lines, texts)));
    }
    case 'keywords.show': {
      const { definition } = await showTopic({ scope, name: value('topic') }, topicDeps);
      // Exclusions get a third of the room, terms the rest: a shipped topic has hundreds of terms.
      const room = MAX_REPLY_CHARS - definition.name.length - 80;
      const exclusions = fitList(definition.exclude, Math.floor(room / 3), texts);
      const terms = fitList(definition.include, room - exclusions.length, texts);
      return ok(
        texts.topicShown(
          definition.name,
          { count: definition.include.length, list: terms },
          { count: definition.exclude.length, list: exclusions },
        ),
      );
    }
    case 'keywords.create':
      await createTopic({ scope, name: value('topic').toLowerCase(), author }, topicDeps);
      return ok(texts.topicCreated(value('topic').toLowerCase()));
    case 'keywords.delete':
      await deleteTopic({ scope, name: value('topic'), author }, topicDeps);
      return ok(texts.topicDeleted(value('topic')));
    case 'keywords.add': {
      const result = await addTerm({ scope, name: value('topic'), term: value('term'), author }, topicDeps);
      return ok(texts.termAdded(result.name, value('term'), result.version.version));
    }
    case 'keywords.remove': {
      const result = await removeTerm({ scope, name: value('topic'), term: value('term'), author }, topicDeps);
      return ok(texts.termRemoved(result.name, value('term'), result.version.version));
    }
    case 'keywords.exclude': {
      const result = await excludeTerm({ scope, name: value('topic'), term: value('term'), author }, topicDeps);
      return ok(texts.termExcluded(result.name, value('term'), result.version.version));
    }
    case 'keywords.test': {
      const result = await testTopic({ scope, name: value('topic'), headline: value('headline') }, topicDeps);
      const details = [
        ...result.hits.map((hit) => `+ ${describeHit(hit)}`),
        ...result.vetoes.map((hit) => `- ${describeHit(hit)}`),
        ...(result.unmet ?? []).map((hit) => `? ${describeHit(hit)}`),
      ];
      return ok(texts.testResult(result.topic, result.matched, fitLines(details, texts)));
    }
    case 'keywords.preview': {
      const kind = PREVIEW_KINDS[value('edit')] ?? 'add-term';
      const preview = await previewTopicEdit(
        { scope, name: value('topic'), change: { kind, term: value('term') } },
        { ...topicDeps, articles: deps.articles },
      );
      const line = (article: { title: string; link: string }): string => `• ${article.title} ${article.link}`;
      const gained = [...preview.gained.map(line), ...more(preview.gainedCount - preview.gained.length, texts)];
      const lost = [...preview.lost.map(line), ...more(preview.lostCount - preview.lost.length, texts)];
      return ok(fitLines(texts.preview(value('topic'), gained, lost, preview.scanned).split('\n'), texts).join('\n'));
    }
    case 'keywords.history': {
      const versions = await topicHistory({ scope, name: value('topic'), limit: HISTORY_LINES }, topicDeps);
      const lines = versions.map((version) => `v${version.version} ${formatTime(version.at)} ${version.author}: ${version.action}`);
      return ok(texts.history(value('topic'), fitLines(lines, texts)));
    }
    case 'keywords.undo': {
      const result = await undoTopicEdit({ scope, name: value('topic'), author }, topicDeps);
      return ok(texts.undone(result.name, result.version.version));
    }
  }
}

function describeHit(hit: TermHit): string {
  return `${hit.term} (${hit.field}: ${hit.snippet})${hit.context === undefined ? '' : ` [${hit.context}]`}`;
}

/** `a, b, c, … and N more`, at most `max` characters. */
function fitList(items: readonly string[], max: number, texts: CommandContext['texts']): string {
  let list = '';
  for (const [index, item] of items.entries()) {
    const next = list === '' ? item : `${list}, ${item}`;
    const more = texts.andMore(items.length - index - 1);
    if (next.length + (index < items.length - 1 ? more.length + 2 : 0) > max) {
      const rest = texts.andMore(items.length - index);
      return list === '' ? rest : `${list}, ${rest}`;
    }
    list = next;
  }
  return list;
}

function more(count: number, texts: CommandContext['texts']): string[] {
  return count > 0 ? [texts.andMore(count)] : [];
}
