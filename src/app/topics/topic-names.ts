/**
 * Checks on the names and scopes moderators type, so that a typo gets a message saying what a
 * valid one looks like instead of silently creating a topic nobody subscribes to.
 */
import { KabarError } from '../../core/errors.js';
import type { TopicScope } from '../../core/topics/topic.js';

/** Longest topic name: short enough to type in a chat command and to show in a list. */
export const MAX_TOPIC_NAME_CHARS = 40;

/** Longest chat id in a scope (`chat:<id>`); platform ids are far shorter. */
const MAX_CHAT_ID_CHARS = 100;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const CHAT_SCOPE = /^chat:\S+$/u;

/**
 * Throws unless `name` is a lower-case slug (`central-asia`) of at most
 * {@link MAX_TOPIC_NAME_CHARS} characters.
 *
 * @throws KabarError `permanent`, code `invalid-topic-name`.
 */
export function assertTopicName(name: string): void {
  if (name.length > MAX_TOPIC_NAME_CHARS || !SLUG.test(name)) {
    throw new KabarError(
      'permanent',
      `"${name}" is not a valid topic name: use lower-case letters, digits and single hyphens, ` +
        `at most ${MAX_TOPIC_NAME_CHARS} characters (e.g. central-asia).`,
      { code: 'invalid-topic-name' },
    );
  }
}

/**
 * Throws unless `scope` is `global` or `chat:<id>` with a non-empty id without spaces.
 *
 * @throws KabarError `permanent`, code `invalid-scope`.
 */
export function assertTopicScope(scope: string): asserts scope is TopicScope {
  if (scope === 'global') return;
  if (!CHAT_SCOPE.test(scope) || scope.length > 'chat:'.length + MAX_CHAT_ID_CHARS) {
    throw new KabarError('permanent', `"${scope}" is not a topic scope: use "global" or "chat:<chat id>".`, {
      code: 'invalid-scope',
    });
  }
}
