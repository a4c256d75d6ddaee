/**
 * Glossary terms and engines without glossary support: the terms are protected before sending,
 * so the wanted rendering comes back, and a miss is reported once per brief.
 */
import { describe, expect, it } from 'vitest';
import { translateBody, type TranslateBodyDeps } from '../../../src/app/briefs/translate-body.js';
import type { Article } from '../../../src/core/article.js';
import type { TranslationRequest, Translator } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';

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
