/**
 * The bot's own words in chats: command descriptions and every reply, per language. Adding a
 * language is adding one file beside this one (copy `en.ts`) and one line in `index.ts`.
 * Texts are plain: adapters escape them for their markup.
 */
import type { ChatAction } from '../command-specs.js';

/** The Discord slash commands that hold the actions (`/accords`, `/keywords`, `/feeds`). */
export type CommandGroup = 'accords' | 'keywords' | 'feeds';

/** One language's texts. Functions take the facts to put in. */
export interface ChatMessages {
  /** The language's own name, for `/language` replies ("Bahasa Indonesia"). */
  languageName: string;
  /** One line per action, at most 100 characters (Discord's limit for descriptions). */
  commands: Readonly<Record<ChatAction, string>>;
  /** Descriptions of the slash commands that group the actions. */
  groups: Readonly<Record<CommandGroup, string>>;
  /** Descriptions of options by name, at most 100 characters. */
  options: Readonly<Record<string, string>>;
  replies: ChatReplies;
}

/** Every reply text. */
export interface ChatReplies {
  help(commands: readonly string[]): string;
  welcome: string;
  moderatorsOnly: string;
  invalidOption(option: string, problem: string): string;
  missingOption(option: string): string;
  tooManyArguments(extra: string): string;
  tooLong: string;
  unknownTopic(name: string, known: readonly string[]): string;
  unknownLanguage(code: string): string;
  failed: string;
  subscribed(topics: readonly string[], language: string): string;
  subscriptionUpdated(topics: readonly string[], language: string): string;
  notSubscribed: string;
  unsubscribed: string;
  languageSet(language: string): string;
  optionsSaved(summary: string): string;
  optionsNow(summary: string): string;
  /** `/status`: what the chat gets. */
  status(facts: {
    topics: readonly string[];
    language: string;
    lastDelivery?: string;
    feedsOk: number;
    feedsFailing: readonly string[];
    paused?: { reason: string; since: string };
  }): string;
  /** A paused chat's notice, before any reply there. */
  pausedNotice(reason: string, since: string): string;
  pausedResumed(reason: string): string;
  latestHeader(count: number, topic?: string): string;
  latestOtherLanguage(language: string): string;
  noBriefs: string;
  everyTopic: string;
  topicList(lines: readonly string[]): string;
  /** A topic's terms: the counts, and the lists as fitted to a message (`a, b, … and 3 more`). */
  topicShown(name: string, terms: { count: number; list: string }, exclusions: { count: number; list: string }): string;
  topicCreated(name: string): string;
  topicDeleted(name: string): string;
  termAdded(name: string, term: string, version: number): string;
  termRemoved(name: string, term: string, version: number): string;
  termExcluded(name: string, term: string, version: number): string;
  undone(name: string, version: number): string;
  testResult(name: string, matched: boolean, details: readonly string[]): string;
  preview(name: string, gained: readonly string[], lost: readonly string[], scanned: number): string;
  history(name: string, lines: readonly string[]): string;
  feedList(lines: readonly string[]): string;
  feedAdded(url: string): string;
  feedRemoved(url: string): string;
  feedFailing(url: string, reason: string): string;
  feedRecovered(url: string): string;
  /** A use case refused the input; `detail` is its own sentence (English for term syntax errors). */
  rejected(detail: string): string;
  /** What is wrong with an option's value, for {@link ChatReplies.invalidOption}. */
  problems: {
    empty: string;
    tooLong(max: number): string;
    count: string;
    boolean: string;
    choice(choices: readonly string[]): string;
    url: string;
  };
  feedNotOurs(url: string): string;
  /** Closes a list cut short. */
  andMore(count: number): string;
  optionsSummary(facts: { greeting: string; closing: string; format: string; silent: boolean }): string;
}
