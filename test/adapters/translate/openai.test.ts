import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { condenseAndTranslate, createOpenAiTranslator } from '../../../src/adapters/translate/openai.js';
import { isCondensingTranslator } from '../../../src/core/translation/condensing-translator.js';
import { glossaryFor } from '../../../src/core/translation/glossary.js';
import { completion, FAKE_TOTAL_TOKENS, startFakeOpenAi, type FakeOpenAi } from '../../fakes/translate/fake-openai.js';
import { jsonBody } from '../../fakes/translate/loopback-server.js';
import { failureOf } from './failure-of.js';

const KEY = 'sk-test-0123456789abcdef';

describe('createOpenAiTranslator', () => {
  let server: FakeOpenAi;
  beforeEach(async () => {
    server = await startFakeOpenAi({ apiKey: KEY });
  });
  afterEach(() => server.close());

  const connection = () => ({ baseUrl: server.baseUrl, apiKey: KEY, model: 'gpt-4o-mini', timeoutMs: 2_000 });
  const translator = () => createOpenAiTranslator({ ...connection(), mode: 'translate' });
  const request = {
    texts: ['Kazakhstan joins accords, White House says', 'The White House said on Thursday.', 'Talks went on.'],
    sourceLanguage: 'en',
    targetLanguage: 'id',
    glossary: glossaryFor('id'),
  };

  it('asks for strict structured output and returns the texts in order with the tokens used', async () => {
    const llm = translator();
    const result = await llm.translate(request);
    expect(llm.id).toBe('openai:gpt-4o-mini');
    expect(result).toEqual({
      texts: request.texts.map((text) => `(Indonesian) ${text}`),
      characters: 0,
      tokens: FAKE_TOTAL_TOKENS,
    });
    const body = jsonBody(server.requests[0]);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(body).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'brief', strict: true } },
    });
    expect(body).not.toHaveProperty('temperature');
  });

  it('puts only the relevant glossary entries in the system prompt, and sends only title and paragraphs', async () => {
    await translator().translate(request);
    const messages = jsonBody(server.requests[0]).messages as { role: string; content: string }[];
    const system = messages[0]?.content ?? '';
    expect(system).toContain('White House → Gedung Putih');
    expect(system).toContain('Thursday → Kamis');
    expect(system).not.toContain('Central Asia');
    expect(system).toContain('exactly 2 translated paragraphs');
    expect(JSON.parse(messages[1]?.content ?? '')).toEqual({ title: request.texts[0], paragraphs: request.texts.slice(1) });
  });

  it('rejects a reply with the wrong paragraph count', async () => {
    server.brain = (input) => ({ title: input.article.title, paragraphs: [input.article.paragraphs.join(' ')] });
    await expect(translator().translate(request)).rejects.toMatchObject({ kind: 'retryable', code: 'llm-wrong-count' });
  });

  it.each([
    ['cut off', completion('{"title": "Kazakhstan', { finishReason: 'length' }), 'llm-truncated'],
    ['empty', completion(''), 'llm-empty'],
    ['refusal', completion(null, { refusal: 'I cannot help with that.' }), 'llm-refused'],
    ['invalid JSON', completion('{"title": "x", paragraphs: }'), 'llm-invalid-json'],
    ['wrong shape', completion('{"headline": "x"}'), 'llm-invalid-json'],
  ])('treats a %s reply as a retryable failure', async (_name, reply, code) => {
    server.enqueue(reply);
    await expect(translator().translate(request)).rejects.toMatchObject({ kind: 'retryable', code });
  });

  it('treats an answer with no choices as retryable', async () => {
    server.enqueue({ status: 200, body: { id: 'x', object: 'chat.completion', choices: [], usage: { total_tokens: 5 } } });
    await expect(translator().translate(request)).rejects.toMatchObject({ kind: 'retryable', code: 'llm-empty' });
  });

  it('accepts JSON wrapped in a Markdown fence, as some local servers send', async () => {
    server.enqueue(completion('```json\n{"title": "A", "paragraphs": ["B", "C"]}\n```'));
    expect((await translator().translate(request)).texts).toEqual(['A', 'B', 'C']);
  });

  it('maps 401 to permanent without echoing the key, and 429 to rate-limited', async () => {
    const wrong = createOpenAiTranslator({ ...connection(), apiKey: 'sk-wrong-key-987', mode: 'translate' });
    const error = await failureOf(wrong.translate(request));
    expect(error).toMatchObject({ kind: 'permanent', code: 'unauthorized' });
    expect(error.message).toContain('check OPENAI_API_KEY');
    expect(error.message).not.toContain('sk-wrong-key-987');

    server.enqueue({ status: 429, headers: { 'retry-after': '3' }, body: { error: { message: 'Rate limit reached' } } });
    await expect(translator().translate(request)).rejects.toMatchObject({ kind: 'rate-limited', retryAfterMs: 3_000 });
  });

  it('explains a missing model', async () => {
    server.enqueue({ status: 404, body: { error: { message: "model 'qwen9' not found, try pulling it first" } } });
    await expect(translator().translate(request)).rejects.toThrow(/OPENAI_MODEL.*ollama pull gpt-4o-mini/);
  });

  it('works without a key against local servers', async () => {
    const local = await startFakeOpenAi();
    try {
      const llm = createOpenAiTranslator({ baseUrl: local.baseUrl, model: 'qwen2.5:7b', mode: 'translate', timeoutMs: 2_000 });
      await llm.translate({ texts: ['Hi'], targetLanguage: 'es' });
      expect(local.requests[0]?.headers.authorization).toBeUndefined();
    } finally {
      await local.close();
    }
  });
});

describe('condenseAndTranslate', () => {
  let server: FakeOpenAi;
  beforeEach(async () => {
    server = await startFakeOpenAi();
  });
  afterEach(() => server.close());

  const article = {
    title: 'Kazakhstan set to join Abraham Accords',
    paragraphs: ['One.', 'Two.', 'Three.', 'Four.'],
    sourceLanguage: 'en',
    targetLanguage: 'id',
    glossary: glossaryFor('id'),
    maxParagraphs: 2,
  };

  it('returns a brief of at most maxParagraphs, dropping empty ones', async () => {
    server.brain = () => ({ title: ' Kazakhstan siap bergabung ', paragraphs: ['Satu.', ' ', 'Dua.', 'Tiga.'] });
    const connection = { baseUrl: server.baseUrl, model: 'm', timeoutMs: 2_000 };
    expect(await condenseAndTranslate(connection, article)).toEqual({
      title: 'Kazakhstan siap bergabung',
      paragraphs: ['Satu.', 'Dua.'],
      tokens: FAKE_TOTAL_TOKENS,
    });
    const system = (jsonBody(server.requests[0]).messages as { content: string }[])[0]?.content ?? '';
    expect(system).toContain('at most 2 short paragraphs');
    expect(system).toContain('Abraham Accords → Abraham Accords');
  });

  it('is offered by the translator in condense-translate mode only', async () => {
    server.brain = () => ({ title: 'Judul', paragraphs: ['Isi.'] });
    const condensing = createOpenAiTranslator({ baseUrl: server.baseUrl, model: 'm', mode: 'condense-translate', timeoutMs: 2_000 });
    const plain = createOpenAiTranslator({ baseUrl: server.baseUrl, model: 'm', mode: 'translate', timeoutMs: 2_000 });
    expect(isCondensingTranslator(plain)).toBe(false);
    expect(isCondensingTranslator(condensing)).toBe(true);
    expect((await condensing.condenseAndTranslate(article)).paragraphs).toEqual(['Isi.']);
  });

  it('rejects an empty brief as retryable', async () => {
    server.brain = () => ({ title: 'Judul', paragraphs: [] });
    await expect(condenseAndTranslate({ baseUrl: server.baseUrl, model: 'm', timeoutMs: 2_000 }, article)).rejects.toMatchObject({
      kind: 'retryable',
      code: 'llm-empty',
    });
  });
});
