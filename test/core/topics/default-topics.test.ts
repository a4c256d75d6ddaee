import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import { parseTopic } from '../../../src/core/matching/parse-term.js';
import type { MatchableText } from '../../../src/core/matching/topic-matcher.js';
import { defaultTopics, readTopicsData } from '../../../src/core/topics/default-topics.js';
import { formatScores, loadLabelled, score } from './labelled-set.js';
import type { LabelledItem, TopicScore } from './labelled-set.js';

const AA = 'abraham-accords';
const CA = 'central-asia';
const matcher = compileMatcher(defaultTopics());
const topicsOf = (text: string | MatchableText): string[] =>
  matcher.match(typeof text === 'string' ? { title: text } : text).map((m) => m.topic);

describe('defaultTopics', () => {
  it('ships both topics, valid, and returns fresh copies', () => {
    const topics = defaultTopics();
    expect(topics.map((t) => t.name)).toEqual([AA, CA]);
    expect(topics.every((t) => t.include.length > 0 && t.exclude.length > 0 && (t.description ?? '').length > 0)).toBe(true);
    topics[0]?.include.push('mutated');
    expect(defaultTopics()[0]?.include).not.toContain('mutated');
  });

  it('holds no term twice (after normalization) within a topic', () => {
    for (const topic of defaultTopics()) {
      const parsed = parseTopic(topic);
      const keys = [...parsed.include, ...parsed.exclude].map(({ role, strong, sides, contexts }) => JSON.stringify([role, strong, sides, contexts]));
      const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i);
      expect(duplicates, `${topic.name} repeats a term`).toEqual([]);
    }
  });

  it('rejects malformed data with a clear message', () => {
    expect(() => readTopicsData({})).toThrow(/"topics" array/u);
    expect(() => readTopicsData({ topics: [{ name: 'Bad Name', include: [], exclude: [] }] })).toThrow(/lower-case slug/u);
    expect(() => readTopicsData({ topics: [{ name: 'x', include: 'Kazakh*', exclude: [] }] })).toThrow(/arrays of strings/u);
    expect(() => readTopicsData({ topics: [{ name: 'x', include: ['Ka*'], exclude: [] }] })).toThrow(/at least 3 letters/u);
    expect(readTopicsData({ topics: [{ name: 'x', description: 'd', include: ['Kazakh*'], exclude: [] }] })).toEqual([
      { name: 'x', description: 'd', include: ['Kazakh*'], exclude: [] },
    ]);
  });
});

describe('the shipped topics on the labelled set', () => {
  const items = loadLabelled('topics-labelled.jsonl');
  const dev = loadLabelled('topics-dev.jsonl');
  const fresh = items.filter((i) => i.id.startsWith('n'));

  it('is the dev set plus at least 40 new items in several languages, with hard negatives of every trap class', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.filter((i) => i.id.startsWith('d'))).toEqual(dev);
    expect(fresh.length).toBeGreaterThanOrEqual(40);
    expect(new Set(fresh.map((i) => i.lang)).size).toBeGreaterThanOrEqual(6);
    for (const trap of ['[substring]', '[word]', '[topic]']) {
      expect(fresh.filter((i) => i.topics.length === 0 && i.note.startsWith(trap)).length).toBeGreaterThanOrEqual(5);
    }
    expect(items.every((i) => i.topics.every((t) => t === AA || t === CA))).toBe(true);
  });

  it('reaches precision and recall >= 0.97 for each topic', () => {
    const whole = score(matcher, items, [AA, CA]);
    console.log(
      ['Precision / recall of the shipped topics', formatScores('dev', score(matcher, dev, [AA, CA])), formatScores('new', score(matcher, fresh, [AA, CA])), formatScores('all', whole)].join('\n'),
    );
    expectScores(whole, 0.97);
  });
});

/**
 * Fails unless a context set has unique ids of `idShape`, at least 3 items in each of en, id, ru,
 * uz and kk, positives of both topics (and of both at once), and hard negatives of both trap
 * classes (`wordTraps` of the [word] kind).
 */
function expectContextCoverage(set: readonly LabelledItem[], idShape: RegExp, wordTraps: number): void {
  expect(new Set(set.map((i) => i.id)).size).toBe(set.length);
  expect(set.every((i) => idShape.test(i.id))).toBe(true);
  for (const lang of ['en', 'id', 'ru', 'uz', 'kk']) expect(set.filter((i) => i.lang === lang).length, lang).toBeGreaterThanOrEqual(3);
  expect(set.filter((i) => i.topics.includes(AA)).length).toBeGreaterThanOrEqual(10);
  expect(set.filter((i) => i.topics.includes(CA)).length).toBeGreaterThanOrEqual(20);
  expect(set.filter((i) => i.topics.length === 2).length).toBeGreaterThanOrEqual(3);
  expect(set.filter((i) => i.topics.length === 0 && i.note.startsWith('[word]')).length).toBeGreaterThanOrEqual(wordTraps);
  expect(set.filter((i) => i.topics.length === 0 && i.note.startsWith('[topic]')).length).toBeGreaterThanOrEqual(8);
  expect(set.every((i) => i.topics.every((t) => t === AA || t === CA))).toBe(true);
}

/** Fails with the ids that were wrong when a topic's precision or recall is below `floor`. */
function expectScores(scores: readonly TopicScore[], floor: number): void {
  for (const s of scores) {
    expect(s.precision, `${s.topic} precision; false positives: ${s.falsePositives.join(', ')}`).toBeGreaterThanOrEqual(floor);
    expect(s.recall, `${s.topic} recall; false negatives: ${s.falseNegatives.join(', ')}`).toBeGreaterThanOrEqual(floor);
  }
}

describe('the shipped topics on the context sets (peoples abroad, things named after places, regional languages, look-alikes)', () => {
  const labelled = loadLabelled('topics-context-labelled.jsonl');
  // Written before the context rules: part A before any rule changed, part B before the rules
  // were fixed for part A's misses. Both have since been tuned on; parts C and D (below) have not.
  const holdout = [...loadLabelled('topics-context-holdout.jsonl'), ...loadLabelled('topics-context-holdout-b.jsonl')];

  it.each([
    ['labelled', labelled, /^c\d{3}$/u],
    ['held-out', holdout, /^[xy]\d{3}$/u],
  ])('the %s part covers every class in en, id, ru, uz and kk, with unique ids', (_label, set, idShape) => {
    expectContextCoverage(set, idShape, 10);
  });

  it('reaches precision and recall >= 0.97 on the labelled part', () => {
    const scores = score(matcher, labelled, [AA, CA]);
    console.log(['Precision / recall on the context set', formatScores('context', scores)].join('\n'));
    expectScores(scores, 0.97);
  });

  it('reaches precision and recall >= 0.95 on the held-out part', () => {
    const scores = score(matcher, holdout, [AA, CA]);
    console.log(['Precision / recall on the context set, held out', formatScores('ctx-hold', scores)].join('\n'));
    expectScores(scores, 0.95);
  });
});

describe('the shipped topics on context hold-outs C and D (never used to pick terms)', () => {
  // C was written before any rule change for it; D after the last one. Neither reaches the 0.95
  // target of issue 8 yet (first pass: C 0.82-0.89, D 0.85-0.92); the floor below only guards
  // against a rule change that makes them worse, and the printed figures are the ones to report.
  const FLOOR = 0.84;
  const parts = [
    ['C', loadLabelled('topics-context-holdout-c.jsonl'), /^z\d{3}$/u],
    ['D', loadLabelled('topics-context-holdout-d.jsonl'), /^w\d{3}$/u],
  ] as const;

  it.each(parts)('part %s covers both topics and the trap classes in en, id, ru, uz and kk, with unique ids', (_label, set, idShape) => {
    expectContextCoverage(set, idShape, 8);
  });

  it.each(parts)('part %s stays above the regression floor', (label, set) => {
    const scores = score(matcher, set, [AA, CA]);
    console.log([`Precision / recall on context hold-out ${label}`, formatScores(`ctx-h${label}`, scores)].join('\n'));
    expectScores(scores, FLOOR);
  });
});

describe('the shipped topics on the held-out set', () => {
  // Written from the label policy alone, before the rules were read, and never used to pick terms:
  // it measures how the rules generalize beyond the items they were tuned on.
  const holdout = loadLabelled('topics-holdout.jsonl');

  it('has at least 80 items in several languages, with positives of both topics and hard negatives of every trap class', () => {
    expect(holdout.length).toBeGreaterThanOrEqual(80);
    expect(new Set(holdout.map((i) => i.id)).size).toBe(holdout.length);
    expect(holdout.every((i) => /^h\d{3}$/u.test(i.id))).toBe(true);
    expect(holdout.filter((i) => i.lang !== 'en').length).toBeGreaterThanOrEqual(25);
    expect(holdout.filter((i) => i.topics.includes(AA)).length).toBeGreaterThanOrEqual(25);
    expect(holdout.filter((i) => i.topics.includes(CA)).length).toBeGreaterThanOrEqual(25);
    expect(holdout.filter((i) => i.topics.length === 2).length).toBeGreaterThanOrEqual(5);
    for (const trap of ['[substring]', '[word]', '[topic]']) {
      expect(holdout.filter((i) => i.topics.length === 0 && i.note.startsWith(trap)).length).toBeGreaterThanOrEqual(5);
    }
    expect(holdout.every((i) => i.topics.every((t) => t === AA || t === CA))).toBe(true);
  });

  it('reaches precision and recall >= 0.95 for each topic', () => {
    const scores = score(matcher, holdout, [AA, CA]);
    console.log(['Precision / recall of the shipped topics, held out', formatScores('holdout', scores)].join('\n'));
    expectScores(scores, 0.95);
  });
});

describe('false friends stay out', () => {
  it.each([
    ['Abraham Lincoln', 'Abraham Lincoln statue restored in Washington, a gift once praised by Israeli and UAE diplomats'],
    ['Honda Accord', 'Honda Accord hybrid tops Israeli and Emirati car sales charts'],
    ['Oslo Accords', 'Israel marks 30 years since the Oslo Accords; Morocco stays silent'],
    ['Camp David', 'Israel and Egypt recall Camp David as Bahrain watches'],
    ['Dayton accords', 'Dayton Accords at 30: lessons for Sudan and Israel, says envoy'],
    ['Paris accord', 'UAE and Israel restate Paris climate accord pledges'],
  ])('%s: no abraham-accords', (_label, title) => {
    expect(topicsOf(title)).not.toContain(AA);
  });

  it.each([
    ['US state of Georgia', 'Georgia votes: Atlanta suburbs decide the Senate runoff'],
    ['Georgia the country', "Georgia's foreign agents law draws protests in Tbilisi"],
    ['Pakistan', 'Pakistan floods displace millions in Sindh'],
    ['Afghanistan', 'Afghanistan earthquake kills hundreds in Herat'],
    ['Kurdistan', 'Kurdistan region holds parliamentary election'],
    ['other -stan words', 'Tatarstan, Dagestan and Bashkortostan report record harvests; Istanbul and Hindustan Times cover it'],
    ['Astana Qazaqstan team', 'Astana Qazaqstan sprinter wins stage as the Kazakh team celebrates'],
    ['Astana format', 'Astana format guarantors meet on Syria as Kazakhstan hosts the round'],
    ['Baikonur launch', 'Soyuz rocket lifts off from Baikonur in Kazakhstan with three cosmonauts'],
    ['Central America', 'Central America braces for hurricane season'],
    ['Central African Republic', 'Central African Republic holds referendum'],
    ['Afghan Uzbeks', 'Afghan Uzbek commander defects to the Taliban'],
    ['Iraqi Turkmen', 'Turkmen parties walk out of Kirkuk council session'],
    ['birthplace', 'Tashkent-born actress wins award in Moscow'],
    ['Borat', 'Borat sequel wins Golden Globe for its fictional Kazakh hero'],
    ['Afghan Tajik militia', 'Tajik-led resistance fighters hold out in Panjshir against the Taliban'],
    ['SCO summit elsewhere', 'SCO summit opens in Tianjin as Central Asian leaders join Xi and Putin'],
  ])('%s: no central-asia', (_label, title) => {
    expect(topicsOf(title)).not.toContain(CA);
  });

  it.each([
    ['Gaza war, no normalisation vocabulary', 'UAE condemns Israeli strike on Gaza hospital'],
    ['Gaza war, Arabic', 'الإمارات تدين الغارة الإسرائيلية على مستشفى في غزة'],
    ['Gaza war diplomacy', 'Egipto, Jordania y Emiratos rechazan el plan de desplazar a los gazatíes; Israel lo respalda'],
    ['Hamas ceasefire deal', 'Israel and Hamas agree ceasefire; UAE and Qatar welcome the deal'],
    ['Gaza aid with an ambassador', 'UAE ambassador tells the UN that Israel blocks Gaza aid'],
    ['cycling teams', 'Pogacar wins stage as UAE Team Emirates outpace Israel-Premier Tech in the mountains'],
    ['cycling teams, French', 'Vuelta : UAE Team Emirates gagne le chrono, Israel-Premier Tech perturbée par des manifestants'],
  ])('signatory + Israel is not enough (%s): no abraham-accords', (_label, title) => {
    expect(topicsOf(title)).not.toContain(AA);
  });

  it('a strong accords name survives an exclusion that would otherwise veto the topic', () => {
    expect(topicsOf('Unlike the Oslo Accords, the Abraham Accords brought trade')).toContain(AA);
    expect(topicsOf('UAE and Israel deepen trade, unlike the Oslo Accords era')).not.toContain(AA);
  });
});

describe('positives in many languages and scripts', () => {
  it.each([
    ['en keywordless', 'Emirati firm opens office in Tel Aviv', [AA]],
    ['de', 'Marokko und Israel vereinbaren Direktflüge im Rahmen der Abraham-Abkommen', [AA]],
    ['fr', "Le Soudan rejoint les accords d'Abraham", [AA]],
    ['es', 'Los Acuerdos de Abraham cumplen cinco años', [AA]],
    ['id', 'Perjanjian Abraham dan Indonesia', [AA]],
    ['ru', 'Соглашения Авраама: Бахрейн открыл посольство в Израиле', [AA]],
    ['ar', 'البحرين تحتفل بذكرى الاتفاقيات الإبراهيمية', [AA]],
    ['ar keywordless', 'وفد من الإمارات يزور إسرائيل', [AA]],
    ['tr keywordless, Fas = Morocco', "Fas ile İsrail arasında doğrudan uçuşlar başladı", [AA]],
    ['de keywordless', 'Israel und Bahrain vereinbaren engere Zusammenarbeit', [AA]],
    ['en keywordless, defence', 'Israeli and Moroccan armies hold first joint exercise', [AA]],
    ['en Israel–Turkmenistan', 'Israel opens embassy in Ashgabat', [CA]],
    ['tr İ', 'İBRAHİM ANLAŞMALARI beş yaşında', [AA]],
    ['ru', 'Узбекистан и Кыргызстан открыли новый пункт пропуска', [CA]],
    ['ar', 'قمة آسيا الوسطى في طشقند', [CA]],
    ['tr', "Kırgızistan'da seçim", [CA]],
    ['es', 'Tayikistán inaugura una presa', [CA]],
    ['de', 'Zentralasiatische Staaten beraten über Wasser', [CA]],
    ['both', 'Kazakhstan joins the Abraham Accords', [AA, CA]],
  ])('%s: %s', (_label, title, expected) => {
    expect(topicsOf(title)).toEqual(expected);
  });
});
