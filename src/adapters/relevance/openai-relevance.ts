/**
 * A model behind any OpenAI-compatible `/chat/completions` endpoint answering kabar's relevance
 * question (`KABAR_RELEVANCE_CHECK=openai`): does this article belong to this topic, yes or no.
 */
import { z } from 'zod';
import type { RelevanceCheck, RelevanceQuestion } from '../../core/ports.js';
import { requestStructured, type OpenAiConnection, type ReplyShape } from '../translate/openai-chat.js';

/** The model sees at most this much of the summary: a yes/no needs the gist, not the article. */
export const SUMMARY_CHARS_ASKED = 600;

const RELEVANCE_SHAPE: ReplyShape<{ relevant: boolean }> = {
  name: 'relevance',
  schema: {
    type: 'object',
    properties: { relevant: { type: 'boolean' } },
    required: ['relevant'],
    additionalProperties: false,
  },
  check: z.object({ relevant: z.boolean() }),
  described: '{relevant}',
};

const SYSTEM = [
  'You check the matches of a keyword-based news-alert bot.',
  'The input is JSON {"topic", "description", "title", "summary"}: a news topic, what it covers, and one article.',
  'Decide whether a subscriber of the topic wants this article: its subject must be what the description covers,',
  'not a passing mention (a people or place name used abroad, a brand or street named after a place,',
  "a story about someone else that mentions the topic's countries once).",
  'Reply with JSON {"relevant": true} or {"relevant": false}.',
].join(' ');

/**
 * A {@link RelevanceCheck} named `openai <model>`: one short structured call per question, the
 * summary cut to {@link SUMMARY_CHARS_ASKED} characters.
 *
 * @example
 * ```ts
 * const check = createOpenAiRelevanceCheck({ baseUrl: 'http://localhost:11434/v1', model: 'qwen2.5:7b', timeoutMs: 20_000 });
 * await check.ask({ topic: 'central-asia', description: '…', title: 'Uzbek plov night in Leeds' }); // { relevant: false }
 * ```
 */
export function createOpenAiRelevanceCheck(connection: OpenAiConnection): RelevanceCheck {
  return {
    name: `openai ${connection.model}`,
    async ask(question: RelevanceQuestion) {
      const user = JSON.stringify({
        topic: question.topic,
        description: question.description,
        title: question.title,
        summary: (question.summary ?? '').slice(0, SUMMARY_CHARS_ASKED),
      });
      const reply = await requestStructured(connection, RELEVANCE_SHAPE, SYSTEM, user);
      return reply.tokens === undefined ? { relevant: reply.value.relevant } : { relevant: reply.value.relevant, tokens: reply.tokens };
    },
  };
}
