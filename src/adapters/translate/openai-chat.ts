/**
 * One structured-output call to an OpenAI-compatible `/chat/completions` endpoint (OpenAI,
 * OpenRouter, Ollama, vLLM, LM Studio), with the reply checked before anyone uses it.
 */
import { z } from 'zod';
import { KabarError } from '../../core/errors.js';
import { errorDetail, parseBody, send, statusError, trimBaseUrl, type FetchFunction, type ProviderEdge } from './provider-http.js';

/** Where and how to reach the model. */
export interface OpenAiConnection {
  /** OPENAI_BASE_URL including `/v1`: `https://api.openai.com/v1`, `http://localhost:11434/v1` (Ollama). */
  baseUrl: string;
  /** OPENAI_API_KEY; local servers usually need none. */
  apiKey?: string;
  /** OPENAI_MODEL, e.g. `gpt-4o-mini`, `qwen2.5:7b`. */
  model: string;
  timeoutMs: number;
  /** Sent only when set: reasoning models refuse any value but their default. */
  temperature?: number;
  fetch?: FetchFunction;
}

/** The brief's shape, as the model must return it. */
export interface BriefJson {
  title: string;
  paragraphs: string[];
}

/** A reply shape: its name and JSON Schema for the server, and the check kabar runs on the reply. */
export interface ReplyShape<T> {
  name: string;
  /** JSON Schema in the subset strict structured output accepts. */
  schema: Readonly<Record<string, unknown>>;
  check: z.ZodType<T>;
  /** How the shape reads in an error: `{title, paragraphs}`. */
  described: string;
}

/** {@link BriefJson} as a {@link ReplyShape}. */
const BRIEF_SHAPE: ReplyShape<BriefJson> = {
  name: 'brief',
  schema: {
    type: 'object',
    properties: {
      title: { type: 'string' },
      paragraphs: { type: 'array', items: { type: 'string' } },
    },
    required: ['title', 'paragraphs'],
    additionalProperties: false,
  },
  check: z.object({ title: z.string(), paragraphs: z.array(z.string()) }),
  described: '{title, paragraphs}',
};

const completionSchema = z.object({
  choices: z.array(
    z.object({
      message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z.object({ total_tokens: z.number().optional() }).nullish(),
});

/** A checked reply. */
export interface StructuredReply<T> {
  value: T;
  tokens?: number;
}

/** A checked brief. */
export interface BriefReply {
  brief: BriefJson;
  tokens?: number;
}

/**
 * Sends `system` and `user` and returns the model's {@link BriefJson}; see {@link requestStructured}.
 */
export async function requestBrief(connection: OpenAiConnection, system: string, user: string): Promise<BriefReply> {
  const reply = await requestStructured(connection, BRIEF_SHAPE, system, user);
  return reply.tokens === undefined ? { brief: reply.value } : { brief: reply.value, tokens: reply.tokens };
}

/**
 * Sends `system` and `user` and returns the model's reply in `shape`. A cut-off reply
 * (`finish_reason: "length"`), a refusal, empty content or invalid JSON are `retryable` failures:
 * a second attempt usually succeeds, and a bad brief must never go out.
 */
export async function requestStructured<T>(
  connection: OpenAiConnection,
  shape: ReplyShape<T>,
  system: string,
  user: string,
): Promise<StructuredReply<T>> {
  const baseUrl = trimBaseUrl(connection.baseUrl);
  const edge: ProviderEdge = {
    name: `the model server at ${baseUrl}`,
    urlSetting: 'OPENAI_BASE_URL',
    keySetting: 'OPENAI_API_KEY',
    secrets: connection.apiKey === undefined ? [] : [connection.apiKey],
    defaultRetryAfterMs: 20_000,
    timeoutMs: connection.timeoutMs,
    fetch: connection.fetch ?? fetch,
  };
  const response = await send(edge, `${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(connection.apiKey === undefined ? {} : { Authorization: `Bearer ${connection.apiKey}` }),
    },
    body: JSON.stringify({
      model: connection.model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      response_format: { type: 'json_schema', json_schema: { name: shape.name, strict: true, schema: shape.schema } },
      ...(connection.temperature === undefined ? {} : { temperature: connection.temperature }),
    }),
  });
  const detail = errorDetail(response.body, edge.secrets);
  if (response.status === 404) {
    throw new KabarError(
      'permanent',
      `404 from ${baseUrl}: ${detail} — check OPENAI_BASE_URL (it usually ends in /v1) and OPENAI_MODEL (with Ollama, run \`ollama pull ${connection.model}\` first)`,
      { code: 'model-not-found' },
    );
  }
  if (response.status === 400 && /response_format|json_schema|structured/i.test(detail)) {
    throw new KabarError(
      'permanent',
      `400 from ${baseUrl}: ${detail} — the server or model does not support structured output (response_format json_schema); choose a model that does`,
      { code: 'unsupported-feature' },
    );
  }
  const failure = statusError(edge, response, detail);
  if (failure !== undefined) throw failure;

  const completion = parseBody(edge, response.body, completionSchema);
  const tokens = completion.usage?.total_tokens;
  const choice = completion.choices[0];
  const fail = (code: string, why: string) => new KabarError('retryable', `${connection.model} ${why} — will retry`, { code });
  if (choice === undefined) throw fail('llm-empty', 'returned no choices');
  if (choice.finish_reason === 'length') throw fail('llm-truncated', 'ran out of output tokens and its reply was cut off');
  if (typeof choice.message?.refusal === 'string' && choice.message.refusal !== '') {
    throw fail('llm-refused', `refused: ${choice.message.refusal.slice(0, 200)}`);
  }
  if (choice.finish_reason === 'content_filter') throw fail('llm-refused', 'reply was stopped by a content filter');
  const content = choice.message?.content?.trim() ?? '';
  if (content === '') throw fail('llm-empty', 'returned an empty reply');

  let json: unknown;
  try {
    // Some local servers wrap JSON in a Markdown fence even in structured mode.
    json = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ''));
  } catch (error) {
    throw new KabarError('retryable', `${connection.model} returned invalid JSON — will retry`, { code: 'llm-invalid-json', cause: error });
  }
  const checked = shape.check.safeParse(json);
  if (!checked.success) throw fail('llm-invalid-json', `returned JSON that is not ${shape.described}`);
  return tokens === undefined ? { value: checked.data } : { value: checked.data, tokens };
}
