/**
 * Glossary terms and engines without glossary support: the terms are protected before sending,
 * so the wanted rendering comes back, and a miss is reported once per brief. DeepL gets kabar's
 * glossary as a DeepL glossary where it offers one for the pair.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeepLTranslator } from '../../../src/adapters/translate/deepl.js';
import { translateBody, type TranslateBodyDeps } from '../../../src/app/briefs/translate-body.js';
import type { Article } from '../../../src/core/article.js';
import type { TranslationRequest, Translator } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';
import { startFakeDeepL } from '../../fakes/translate/fake-deepl.js';
import { jsonBody, type LoopbackServer } from '../../fakes/translate/loopback-server.js';

const article: Article = {
  id: 'aArticle0000000000000042',
  feedUrl: 'https://news.example/feed.xml',
  title: 'The White House welcomes Kazakhstan',
  link: 'https://news.example/a',
  summary: '',
  content: '',
  language: 'en',
} as Article;
const condensed = { title: article.title, paragraphs: ['The White House said Kazakhstan will join.', 'Kazakhstan agreed with the White House.'] };
const glossary = { 'White House': 'Gedung Putih', Kazakhstan: 'Kazakstan' };

/** Word for word, as a small engine would: "White House" becomes "Rumah Putih"; unknown words are copied. */
function literalEngine(options: { manglePlaceholders?: boolean } = {}): Translator & { requests: TranslationRequest[] } {
  const requests: TranslationRequest[] = [];
  const words: Record<string, string> = { The: '', White: 'Putih', House: 'Rumah', Kazakhstan: 'Kazakhstan', said: 'mengatakan', will: 'akan', join: 'bergabung' };
  return {
    id: 'libretranslate',
    requests,
    async translate(request) {
      requests.push(request);
      const texts = request.texts.map((text) =>
        text
          .replace(/White House/g, 'Rumah Putih')
          .replace(/\b(The|said|will|join)\b/g, (word) => words[word] ?? word)
          .replace(/ZQ(\d+)ZQ/g, (match, index: string) => (options.manglePlaceholders ? `ZQ ${index} ZQ` : match)),
      );
      return { texts, characters: request.texts.join('').length };
    },
  };
}

function deps(translator: Translator, log = createRecordingLogger()): TranslateBodyDeps & { log: ReturnType<typeof createRecordingLogger> } {
  return {
    translator,
    log,
    clock: { now: () => 0 },
    cache: { get: async () => undefined, set: async () => {} },
    usage: { record: async () => {}, day: async () => ({}) },
    glossary: async () => glossary,
  };
}

describe('translateBody with an engine that cannot take a glossary', () => {
  it('sends placeholders instead of the terms and puts the wanted renderings back', async () => {
    const engine = literalEngine();
    const run = deps(engine);
    const body = await translateBody(article, condensed, 'id', run);
    expect(engine.requests[0]?.texts.join(' ')).not.toMatch(/White House|Kazakhstan/);
    expect(body.title).toContain('Gedung Putih');
    expect(body.title).toContain('Kazakstan');
    expect(body.paragraphs.join(' ')).not.toMatch(/Rumah Putih/);
    expect(run.log.find('translation ignored the glossary')).toEqual([]);
  });

  it('warns once per brief, each missed term once, when the engine mangled the placeholders', async () => {
    const run = deps(literalEngine({ manglePlaceholders: true }));
    await translateBody(article, condensed, 'id', run);
    const warnings = run.log.find('translation ignored the glossary');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.fields.missed).toEqual(['White House -> Gedung Putih', 'Kazakhstan -> Kazakstan']);
  });

  it('gives an engine that uses the glossary itself (an LLM prompt) the terms as they are', async () => {
    const engine = { ...literalEngine(), usesGlossary: true };
    await translateBody(article, condensed, 'id', deps(engine));
    expect(engine.requests[0]?.texts[0]).toBe('The White House welcomes Kazakhstan');
    expect(engine.requests[0]?.glossary).toEqual(glossary);
  });
});

describe('translateBody with DeepL, whose own glossaries kabar makes', () => {
  const KEY = 'f63c02c5-f056-4a3e-9d2e-000000000000:fx';
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startFakeDeepL(KEY);
  });
  afterEach(() => server.close());
  const deepl = () => createDeepLTranslator({ apiKey: KEY, baseUrl: server.origin, timeoutMs: 2_000 });
  const translations = () => server.requests.filter((request) => request.path === '/v2/translate');

  it('sends the terms as written with the glossary of the pair, and DeepL renders them', async () => {
    const body = await translateBody(article, condensed, 'id', deps(deepl()));
    const [sent] = translations();
    expect(jsonBody(sent)).toMatchObject({ text: [article.title, ...condensed.paragraphs], glossary_id: 'fake-glossary-1' });
    expect(body.title).toBe('[ID] The Gedung Putih welcomes Kazakstan');
  });

  it('protects the terms with placeholders where DeepL has no glossary for the pair', async () => {
    const body = await translateBody(article, condensed, 'fr', deps(deepl()));
    const [sent] = translations();
    expect((jsonBody(sent).text as string[]).join(' ')).not.toMatch(/White House|Kazakhstan/);
    expect(jsonBody(sent)).not.toHaveProperty('glossary_id');
    // The French glossary is the test's Indonesian one: what matters is that it came back through placeholders.
    expect(body.title).toBe('[FR] The Gedung Putih welcomes Kazakstan');
  });
});
