/**
 * What `kabar start` says once about translation: the languages the subscriptions read, and those
 * the configured translator cannot produce.
 */
import { describe, expect, it } from 'vitest';
import { reportTranslationNeeds } from '../../../src/app/briefs/translation-needs.js';
import { DEFAULT_BRIEF_STYLE } from '../../../src/core/briefs/brief.js';
import { KabarError } from '../../../src/core/errors.js';
import type { Subscription, TranslationRequest, Translator } from '../../../src/core/ports.js';
import { createRecordingLogger } from '../../fakes/in-memory-stores.js';

const base = { platform: 'telegram', topics: [], style: DEFAULT_BRIEF_STYLE, onTranslationFailure: 'deliver-with-note', createdAt: 0 } as const;
const subscription = (id: string, language: string, paused = false): Subscription => ({
  ...base,
  topics: [],
  id,
  chatId: id,
  language,
  ...(paused ? { paused: { code: 'chat-gone', reason: 'kicked', since: 0 } } : {}),
});

const chats = [subscription('a', 'id'), subscription('b', 'id'), subscription('c', 'en'), subscription('d', 'es'), subscription('e', 'fr', true)];

/** Produces Spanish only, like an Apertium with apertium-eng-spa; counts the requests. */
function spanishOnly(): Translator & { requests: TranslationRequest[] } {
  const requests: TranslationRequest[] = [];
  return {
    id: 'apertium',
    requests,
    async translate(request) {
      requests.push(request);
      if (request.targetLanguage !== 'es') {
        throw new KabarError('permanent', `Apertium cannot translate English→${request.targetLanguage}`, { code: 'unsupported-language' });
      }
      return { texts: request.texts.map((text) => `es ${text}`), characters: 4 };
    },
  };
}

describe('reportTranslationNeeds', () => {
  it('with no translator, warns once that every language besides the articles\' stays untranslated', async () => {
    const log = createRecordingLogger();
    const needs = await reportTranslationNeeds({ subscriptions: { list: async () => chats }, translator: { id: 'none', translate: async () => ({ texts: [], characters: 0 }) }, log });
    expect(needs.needed).toEqual({ id: 2, en: 1, es: 1 });
    expect(Object.keys(needs.missing)).toEqual(['es', 'id']);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]?.level).toBe('warn');
    expect(log.entries[0]?.message).toBe(
      'translation: subscriptions read en (1), es (1), id (2); cannot produce es, id from en: no translator is set (KABAR_TRANSLATOR=none) — ' +
        'those chats get briefs in the article\'s language (see README, "Getting Indonesian briefs")',
    );
  });

  it('asks the provider once per language it would produce, and names those it cannot', async () => {
    const log = createRecordingLogger();
    const translator = spanishOnly();
    const needs = await reportTranslationNeeds({ subscriptions: { list: async () => chats }, translator, log });
    expect(translator.requests.map((request) => request.targetLanguage)).toEqual(['es', 'id']);
    expect(needs.missing).toEqual({ id: 'Apertium cannot translate English→id' });
    expect(log.entries.map((entry) => entry.level)).toEqual(['warn']);
    expect(log.entries[0]?.message).toMatch(/^translation: subscriptions read en \(1\), es \(1\), id \(2\); cannot produce id from en: Apertium cannot/);
  });

  it('says all is well in one info line when every language can be produced, and tells a provider that did not answer apart', async () => {
    const fine = createRecordingLogger();
    await reportTranslationNeeds({ subscriptions: { list: async () => [subscription('d', 'es')] }, translator: spanishOnly(), log: fine });
    expect(fine.entries).toEqual([expect.objectContaining({ level: 'info', message: 'translation: subscriptions read es (1); apertium produces each of them' })]);

    const down = createRecordingLogger();
    const needs = await reportTranslationNeeds({
      subscriptions: { list: async () => [subscription('d', 'es')] },
      translator: { id: 'libretranslate', translate: async () => Promise.reject(new KabarError('retryable', 'LibreTranslate is unreachable', { code: 'network' })) },
      log: down,
    });
    expect(needs.missing).toEqual({});
    expect(needs.unchecked).toEqual({ es: 'LibreTranslate is unreachable' });
    expect(down.entries.map((entry) => entry.message)).toEqual([
      'translation: subscriptions read es (1)',
      'translation: could not check es: the provider did not answer',
    ]);
  });
});
