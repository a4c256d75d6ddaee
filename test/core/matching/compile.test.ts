import { describe, expect, it } from 'vitest';
import { KabarError } from '../../../src/core/errors.js';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import type { MatchableText } from '../../../src/core/matching/topic-matcher.js';
import type { TopicDefinition } from '../../../src/core/topics/topic.js';

const topic = (include: string[], exclude: string[] = []): TopicDefinition => ({ name: 't', include, exclude });

/** Whether `text` (a title, or a full article) matches a one-topic matcher built from the terms. */
function matches(include: string[], text: string | MatchableText, exclude: string[] = []): boolean {
  const article = typeof text === 'string' ? { title: text } : text;
  return compileMatcher([topic(include, exclude)]).match(article).length > 0;
}

describe('phrases', () => {
  it('match case- and accent-insensitively', () => {
    expect(matches(['Abraham Accords'], 'the ABRAHAM accords')).toBe(true);
    expect(matches(['Kazajistan'], 'Kazajistán celebra')).toBe(true);
    expect(matches(['Kazajistán'], 'KAZAJISTAN celebra')).toBe(true);
  });

  it('match whole words only', () => {
    expect(matches(['Abraham'], 'Shaun Abrahams resigns')).toBe(false);
    expect(matches(['Abraham'], 'the Abrahamic Family House')).toBe(false);
    expect(matches(['Osh'], 'Oshkosh Defense wins contract')).toBe(false);
    expect(matches(['accord'], 'according to the bank')).toBe(false);
    expect(matches(['Osh'], 'Clashes in Osh, Kyrgyzstan')).toBe(true);
  });

  it('tolerate hyphens, punctuation and line breaks between words, but no other word', () => {
    expect(matches(['Abraham Accords'], 'the Abraham-Accords')).toBe(true);
    expect(matches(['Abraham Accords'], 'Abraham —\n  Accords')).toBe(true);
    expect(matches(['Abraham Abkommen'], 'im Rahmen der Abraham-Abkommen')).toBe(true);
    expect(matches(['Abraham Accords'], 'Abraham, the Accords')).toBe(false);
  });

  it('accept an English possessive and a trailing apostrophe', () => {
    expect(matches(['Kazakhstan'], "Kazakhstan's oil")).toBe(true);
    expect(matches(['Kazakhstan president'], "Kazakhstan's president")).toBe(true);
    expect(matches(['Abraham Accords'], "the Abraham Accords' signatories")).toBe(true);
    expect(matches(['Abraham Accords'], 'the Abraham Accords’ signatories')).toBe(true);
  });

  it('do not cross from one field into the next', () => {
    expect(matches(['Abraham Accords'], { title: 'Abraham', summary: 'Accords' })).toBe(false);
  });
});

describe('prefixes', () => {
  it('match every word starting with the prefix', () => {
    for (const word of ['Kazakh', 'Kazakhs', 'Kazakhstan', 'Kazakhstani']) {
      expect(matches(['Kazakh*'], `${word} news`)).toBe(true);
    }
    expect(matches(['Kazakh*'], 'Kazan hosts summit')).toBe(false);
  });

  it('work on any word of a phrase', () => {
    expect(matches(['Kazakh* government'], 'the Kazakhstani government said')).toBe(true);
    expect(matches(['Соглашени* Авраама'], 'Казахстан присоединится к Соглашениям Авраама')).toBe(true);
    expect(matches(['Kazakh* government'], 'the Kazakh people')).toBe(false);
  });
});

describe('co-occurrence', () => {
  const term = ['Astana + (summit|president|government)'];

  it('needs every side somewhere in the article, in any field and any order', () => {
    expect(matches(term, 'Astana summit opens')).toBe(true);
    expect(matches(term, { title: 'Leaders arrive', summary: 'The president flew in.', content: 'Talks in Astana.' })).toBe(true);
    expect(matches(term, 'Chess final in Astana')).toBe(false);
    expect(matches(term, 'The president spoke')).toBe(false);
  });

  it('accepts phrases and prefixes as sides and alternatives', () => {
    expect(matches(['UAE + Israel*'], { title: 'UAE scraps boycott law', summary: 'Israeli goods may now be imported.' })).toBe(true);
    expect(matches(['Kazakh* + (Abraham Accords|normalisation)'], 'Kazakhstan joins the Abraham Accords')).toBe(true);
  });

  it('supports three sides', () => {
    expect(matches(['UAE + Israel + embassy'], 'UAE opens embassy in Israel')).toBe(true);
    expect(matches(['UAE + Israel + embassy'], 'UAE and Israel sign deal')).toBe(false);
  });
});

describe('exclusions and strong terms', () => {
  const accords = ['Abraham Accords', 'Abraham*'];

  it('an exclusion vetoes the topic wherever it appears', () => {
    expect(matches(accords, 'Abraham Lincoln biography', ['Abraham Lincoln'])).toBe(false);
    expect(matches(accords, { title: 'Abraham Accords turn five', content: 'Abraham Lincoln once said…' }, ['Abraham Lincoln'])).toBe(false);
  });

  it('only a strong (!) include term overrides an exclusion', () => {
    const article = { title: 'Abraham Accords turn five', content: 'Unlike the Oslo Accords…' };
    expect(matches(['Abraham Accords'], article, ['Oslo Accords'])).toBe(false);
    expect(matches(['!Abraham Accords'], article, ['Oslo Accords'])).toBe(true);
    // A strong term that does not hit overrides nothing.
    expect(matches(['!Abraham Accords', 'Oslo*'], 'Oslo Accords anniversary', ['Oslo Accords'])).toBe(false);
  });

  it('reads -term in the include list as an exclusion', () => {
    expect(matches(['Abraham*', '-Lincoln'], 'Abraham Lincoln')).toBe(false);
    expect(matches(['Abraham*', '-Lincoln'], 'Abraham Ancer wins')).toBe(true);
  });

  it('an exclusion alone never puts an article in a topic', () => {
    expect(matches([], 'Abraham Lincoln', ['Abraham Lincoln'])).toBe(false);
  });

  it('explain() reports vetoed topics with their vetoes', () => {
    const matcher = compileMatcher([topic(['Kazakh*'], ['Astana Qazaqstan'])]);
    const article = { title: 'Astana Qazaqstan rider wins stage', summary: 'The Kazakh team celebrated.' };
    expect(matcher.match(article)).toEqual([]);
    expect(matcher.explain(article)).toEqual([
      {
        topic: 't',
        matched: false,
        hits: [{ topic: 't', term: 'Kazakh*', field: 'summary', snippet: 'The Kazakh team celebrated.' }],
        vetoes: [{ topic: 't', term: 'Astana Qazaqstan', field: 'title', snippet: 'Astana Qazaqstan rider wins stage' }],
        unmet: [],
      },
    ]);
  });
});

describe('non-Latin scripts', () => {
  it('matches Cyrillic, with ё folded', () => {
    expect(matches(['Казахстан'], 'Казахстан проголосовал за АЭС')).toBe(true);
    expect(matches(['Мирзиёев'], 'Президент Мирзиеев заявил')).toBe(true);
    expect(matches(['Мирзиеев'], 'Президент Мирзиёев заявил')).toBe(true);
  });

  it('matches Arabic across diacritics, alef variants and attached prefixes', () => {
    expect(matches(['اتفاقيات أبراهام'], 'انضمام إلى اتفاقيات ابراهام')).toBe(true);
    expect(matches(['اتفاقيات إبراهيم'], 'بموجب اتفاقيَّات إِبْرَاهِيم عام 2020')).toBe(true);
    expect(matches(['الإمارات'], 'وقّعت الإمارات وإسرائيل')).toBe(true);
    expect(matches(['الإمارات'], 'بين إسرائيل والإمارات')).toBe(true);
    expect(matches(['إمارات'], 'سفير للإمارات')).toBe(true);
    expect(matches(['كازاخ*'], 'وكازاخستان وقيرغيزستان')).toBe(true);
  });

  it('matches Turkish dotted İ whichever way either side is written', () => {
    expect(matches(['İbrahim Anlaşmaları'], "Kazakistan İbrahim Anlaşmaları'na katılıyor")).toBe(true);
    expect(matches(['Ibrahim Anlasmalari'], "Sudan, İbrahim Anlaşmaları'nı imzaladı")).toBe(true);
    expect(matches(['İbrahim Anlaşma*'], 'IBRAHIM ANLAŞMALARI')).toBe(true);
    expect(matches(['Kırgız*'], 'Kirgizistan')).toBe(true);
  });
});

describe('hits', () => {
  it('say which term hit, in which field, with a snippet of the original text', () => {
    const matcher = compileMatcher([
      { name: 'abraham-accords', include: ['!Abraham Accord*', 'UAE + Israel*'], exclude: [] },
      { name: 'central-asia', include: ['Kazakh*'], exclude: [] },
    ]);
    const content = `${'Background paragraph. '.repeat(10)}Kazakhstan’s accession to the ABRAHAM\nACCORDS was announced on Thursday.${' More text.'.repeat(10)}`;
    const result = matcher.match({ title: 'Central Asian state joins', summary: 'A deal with Israel, the UAE said.', content });
    expect(result.map((m) => m.topic)).toEqual(['abraham-accords', 'central-asia']);
    const [accords, asia] = result;
    expect(accords?.hits).toEqual([
      { topic: 'abraham-accords', term: '!Abraham Accord*', field: 'content', snippet: expect.stringContaining('ABRAHAM ACCORDS was announced'), strong: true },
      { topic: 'abraham-accords', term: 'UAE + Israel*', field: 'summary', snippet: 'A deal with Israel, the UAE said.' },
    ]);
    const snippet = accords?.hits[0]?.snippet ?? '';
    expect(snippet.length).toBeLessThanOrEqual(90);
    expect(snippet.startsWith('…')).toBe(true);
    expect(asia?.hits).toEqual([{ topic: 'central-asia', term: 'Kazakh*', field: 'content', snippet: expect.stringContaining('Kazakhstan’s accession') }]);
  });

  it('report the earliest field: title before summary before content', () => {
    const [match] = compileMatcher([topic(['Kazakh*'])]).match({ title: 'Kazakh oil', summary: 'Kazakhstan', content: 'Kazakhs' });
    expect(match?.hits[0]?.field).toBe('title');
  });

  it('quote the right words after a long article, whose scan space is reused then released', () => {
    const matcher = compileMatcher([topic(['Kazakh* near(2) (government|oil)', 'UAE + Israel*'])]);
    const long = { title: 'Filler', content: `${'word '.repeat(30_000)}Kazakh government ${'word '.repeat(30_000)}UAE and Israel` };
    expect(matcher.match(long).map((m) => m.hits.map((h) => h.snippet.includes('Kazakh government')))).toEqual([[true, false]]);
    const short = { title: 'Kazakh oil output rises', summary: 'Israel and the UAE sign a deal.' };
    expect(matcher.match(short)[0]?.hits).toEqual([
      { topic: 't', term: 'Kazakh* near(2) (government|oil)', field: 'title', snippet: 'Kazakh oil output rises', context: 'near "oil" (near(2) (government|oil))' },
      { topic: 't', term: 'UAE + Israel*', field: 'summary', snippet: 'Israel and the UAE sign a deal.' },
    ]);
  });

  it('show every side of a co-occurrence hit', () => {
    const text = { title: 'UAE scraps 1972 boycott law', content: `${'Filler sentence here. '.repeat(10)}Companies may now trade with Israeli firms.` };
    const [match] = compileMatcher([topic(['UAE + Israel*'])]).match(text);
    expect(match?.hits[0]?.field).toBe('title');
    expect(match?.hits[0]?.snippet).toMatch(/^UAE scraps 1972 boycott law ….*Israeli firms\.$/u);
  });
});

describe('compileMatcher', () => {
  it('keeps topics in compile order and lists their names', () => {
    const matcher = compileMatcher([
      { name: 'b', include: ['Kazakh*'], exclude: [] },
      { name: 'a', include: ['Kazakhstan'], exclude: [] },
    ]);
    expect(matcher.topics).toEqual(['b', 'a']);
    expect(matcher.match({ title: 'Kazakhstan' }).map((m) => m.topic)).toEqual(['b', 'a']);
  });

  it('shares a phrase between topics without mixing up their verdicts', () => {
    const matcher = compileMatcher([
      { name: 'a', include: ['Astana'], exclude: ['Astana format'] },
      { name: 'b', include: ['Astana'], exclude: [] },
    ]);
    expect(matcher.match({ title: 'Astana format talks' }).map((m) => m.topic)).toEqual(['b']);
  });

  it('refuses invalid terms with the topic named', () => {
    expect(() => compileMatcher([topic(['Ka*'])])).toThrow(/Topic "t", include list/u);
  });

  it('refuses two topics with the same name', () => {
    try {
      compileMatcher([topic(['a']), topic(['b'])]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KabarError);
      expect((error as KabarError).code).toBe('duplicate-topic');
    }
  });

  it('matches nothing with no topics', () => {
    expect(compileMatcher([]).match({ title: 'Kazakhstan' })).toEqual([]);
  });
});

describe('cost', () => {
  it('stays linear on a 1 MB article of near-miss words against many prefix and phrase terms', () => {
    // Every word is a near miss for a prefix of every length and the first word of many phrases.
    const include = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? `${'k'.repeat(3 + (i % 90))}*` : `kkkk kkkk kkkk kkkk kkkk kkkk kkkk x${i}`));
    const matcher = compileMatcher([topic(include)]);
    const article = { title: '', content: `${'kkkk'.repeat(25)} `.repeat(10_000).slice(0, 1_000_000) };
    const nearMiss = { title: '', content: 'kkkk '.repeat(200_000) };
    const started = performance.now();
    expect(matcher.match(article)).toHaveLength(1);
    expect(matcher.match(nearMiss)).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('merged topics', () => {
  it('compiles a topic with more terms than one topic may be saved with (global + chat overlay)', () => {
    const include = Array.from({ length: 800 }, (_, i) => `term${i}`);
    expect(compileMatcher([topic(include)]).match({ title: 'about term799' })).toHaveLength(1);
  });
});
