/**
 * Topic names in chat commands: checked against the topics the chat can see, so a typo gets the
 * list of real names instead of a silent empty subscription.
 */
import { listTopics } from '../topics/index.js';
import type { ChatCommandDeps } from './chat-deps.js';
import { Refusal, type CommandContext } from './command-context.js';

/** The names of the topics visible in the context's scope (global ones and the chat's own). */
export async function visibleTopicNames(context: Pick<CommandContext, 'scope'>, deps: ChatCommandDeps): Promise<string[]> {
  return (await listTopics({ scope: context.scope }, deps.topics)).map((topic) => topic.name);
}

/** Throws the localized unknown-topic reply for the first name the chat cannot see. */
export async function checkTopicsExist(names: readonly string[], context: CommandContext, deps: ChatCommandDeps): Promise<void> {
  const known = await visibleTopicNames(context, deps);
  const unknown = names.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new Refusal(context.texts.unknownTopic(unknown, known));
  }
}
