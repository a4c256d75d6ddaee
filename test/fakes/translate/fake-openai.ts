/**
 * A loopback fake of an OpenAI-compatible `POST /v1/chat/completions` endpoint, following the
 * OpenAI API reference: bearer auth (when a key is configured), `{model, messages,
 * response_format: {type: 'json_schema', json_schema: {name, strict, schema}}}`, answers
 * `{choices: [{message: {role, content, refusal}, finish_reason}], usage: {total_tokens}}` and
 * errors as `{error: {message, type, code}}`.
 *
 * By default it "translates" by prefixing each text with `(<first word of the target language>) `;
 * tests swap in a `brain` to script what the model writes. A `relevance` schema (kabar's
 * relevance check) is answered by `judge`, which says yes unless a test swaps it.
 */
import { startLoopbackServer, type FakeReply, type LoopbackServer, type RecordedRequest } from './loopback-server.js';

/** What the fake model was asked. */
export interface ChatInput {
  model: string;
  system: string;
  article: { title: string; paragraphs: string[] };
}

/** What the fake model writes: a brief, or raw content (to send broken JSON). */
export type Brain = (input: ChatInput) => { title: string; paragraphs: string[] } | { raw: string };

/** What the relevance check asks: the user message's JSON. */
export interface RelevanceInput {
  topic: string;
  description: string;
  title: string;
  summary: string;
}

/** How the fake answers a relevance question: a verdict, or raw content. */
export type Judge = (input: RelevanceInput) => boolean | { raw: string };

/** A running fake model server; `baseUrl` ends in `/v1` like the real ones. */
export interface FakeOpenAi extends LoopbackServer {
  baseUrl: string;
  brain: Brain;
  judge: Judge;
}

/** Tokens the fake reports per call. */
export const FAKE_TOTAL_TOKENS = 321;

/** Starts the fake. With `apiKey`, requests without `Authorization: Bearer <apiKey>` get 401. */
export async function startFakeOpenAi(options: { apiKey?: string } = {}): Promise<FakeOpenAi> {
  const fake: { current?: FakeOpenAi } = {};
  const server = await startLoopbackServer((request) =>
    handle(request, options.apiKey, fake.current?.brain ?? echoTranslation, fake.current?.judge ?? (() => true)),
  );
  fake.current = Object.assign(server, { baseUrl: `${server.origin}/v1`, brain: echoTranslation, judge: () => true });
  return fake.current;
}

/** A complete chat completion body, for scripting odd replies with `enqueue`. */
export function completion(
  content: string | null,
  extra: { finishReason?: string; refusal?: string; totalTokens?: number } = {},
): FakeReply {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 1_762_400_000,
      model: 'fake-model',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, refusal: extra.refusal ?? null },
          finish_reason: extra.finishReason ?? 'stop',
        },
      ],
      usage: { prompt_tokens: 300, completion_tokens: 21, total_tokens: extra.totalTokens ?? FAKE_TOTAL_TOKENS },
    },
  };
}

function echoTranslation(input: ChatInput): { title: string; paragraphs: string[] } {
  const language = /into (\S+?)[.:]/.exec(input.system)?.[1] ?? '?';
  const mark = (text: string) => `(${language}) ${text}`;
  return { title: mark(input.article.title), paragraphs: input.article.paragraphs.map(mark) };
}

function handle(request: RecordedRequest, apiKey: string | undefined, brain: Brain, judge: Judge): FakeReply {
  if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
    return { status: 404, body: { error: { message: `Unknown path ${request.path}`, type: 'invalid_request_error', code: null } } };
  }
  if (apiKey !== undefined && request.headers.authorization !== `Bearer ${apiKey}`) {
    // Like OpenAI, echo a masked form of the key that was sent.
    return {
      status: 401,
      body: { error: { message: `Incorrect API key provided: ${request.headers.authorization ?? '(none)'}`, type: 'invalid_request_error', code: 'invalid_api_key' } },
    };
  }
  const body = JSON.parse(request.body) as {
    model?: unknown;
    messages?: { role: string; content: string }[];
    response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean; schema?: { required?: string[] } } };
  };
  const format = body.response_format;
  const user = body.messages?.find((message) => message.role === 'user')?.content;
  if (format?.json_schema?.name === 'relevance' && JSON.stringify(format.json_schema.schema?.required) === JSON.stringify(['relevant'])) {
    if (format.json_schema.strict !== true || typeof body.model !== 'string' || user === undefined) {
      return { status: 400, body: { error: { message: 'model, messages and a strict schema are required', type: 'invalid_request_error', code: null } } };
    }
    const verdict = judge(JSON.parse(user) as RelevanceInput);
    return completion(typeof verdict === 'boolean' ? JSON.stringify({ relevant: verdict }) : verdict.raw);
  }
  if (
    format?.type !== 'json_schema' ||
    format.json_schema?.strict !== true ||
    typeof format.json_schema.name !== 'string' ||
    JSON.stringify(format.json_schema.schema?.required) !== JSON.stringify(['title', 'paragraphs'])
  ) {
    return { status: 400, body: { error: { message: "Invalid 'response_format'", type: 'invalid_request_error', code: null } } };
  }
  const system = body.messages?.find((message) => message.role === 'system')?.content;
  if (typeof body.model !== 'string' || system === undefined || user === undefined) {
    return { status: 400, body: { error: { message: 'model and messages are required', type: 'invalid_request_error', code: null } } };
  }
  const reply = brain({ model: body.model, system, article: JSON.parse(user) as ChatInput['article'] });
  return completion('raw' in reply ? reply.raw : JSON.stringify(reply));
}
