/**
 * `kabar topics create NAME [--chat ID]` and `kabar topics delete NAME [--chat ID]`: whole topics,
 * as moderators make them from chat with `/keywords create` and `delete`. Both are versions, so
 * `kabar topics undo` reverts either.
 */
import { createTopic, deleteTopic } from '../app/topics/index.js';
import { authorOf, out, withRuntime } from './cli-support.js';
import { checkedScope, resolveTopicName } from './topic-arguments.js';
import type { TopicScopeOptions } from './topics-command.js';

/** Options of `create`. */
export interface TopicCreateOptions extends TopicScopeOptions {
  description?: string;
}

/** `kabar topics create NAME [--chat ID] [--description TEXT]`. */
export async function topicsCreate(name: string, options: TopicCreateOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    const scope = await checkedScope(options, subscriptions);
    const result = await createTopic(
      { scope, name, author: authorOf(options.author), ...(options.description === undefined ? {} : { description: options.description }) },
      topicDeps,
    );
    out(`created ${result.name}${scope === 'global' ? '' : ` in ${scope}`} (v${result.version.version}); add terms with: kabar topics add-term ${result.name} TERM`);
  });
}

/** `kabar topics delete NAME [--chat ID]`. */
export async function topicsDelete(name: string, options: TopicScopeOptions): Promise<void> {
  await withRuntime(async ({ topicDeps, subscriptions }) => {
    const scope = await checkedScope(options, subscriptions);
    const result = await deleteTopic({ scope, name: await resolveTopicName(name, scope, topicDeps), author: authorOf(options.author) }, topicDeps);
    out(`deleted ${result.name}${scope === 'global' ? '' : ` in ${scope}`} (v${result.version.version}); kabar topics undo ${result.name} brings it back`);
  });
}
