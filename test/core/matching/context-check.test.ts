import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../../src/core/matching/compile.js';
import type { MatchableText } from '../../../src/core/matching/topic-matcher.js';

const explain = (include: string[], text: MatchableText, exclude: string[] = []) =>
  compileMatcher([{ name: 't', include, exclude }]).explain(text)[0];
const matches = (include: string[], text: MatchableText, exclude: string[] = []): boolean =>
  explain(include, text, exclude)?.matched === true;

const ETHNONYM = 'Kazakh near(3) (government|president|Almaty)';

describe('near(N)', () => {
  it('counts a term only with a context word at most N words away, on either side', () => {
    expect(matches([ETHNONYM], { title: 'Kazakh government cuts fuel prices' })).toBe(true);
    expect(matches([ETHNONYM], { title: 'Almaty hosts the Kazakh film week' })).toBe(true);
    expect(matches([ETHNONYM], { title: 'Kazakh eagle hunters of western Mongolia meet the government' })).toBe(false);
    expect(matches([ETHNONYM], { title: 'Kazakh restaurant opens in Brooklyn' })).toBe(false);
  });

  it('looks within one field only, and at every occurrence', () => {
    expect(matches([ETHNONYM], { title: 'Kazakh herders resettle', summary: 'The government pays for the move.' })).toBe(false);
    expect(matches([ETHNONYM], { title: 'Kazakh herders resettle', summary: 'Kazakh president welcomes them.' })).toBe(true);
  });

  it('explains which context made the term count', () => {
    const verdict = explain([ETHNONYM], { title: 'New Kazakh president sworn in' });
    expect(verdict?.hits).toEqual([
      {
        topic: 't',
        term: ETHNONYM,
        field: 'title',
        snippet: 'New Kazakh president sworn in',
        context: 'near "president" (near(3) (government|president|Almaty))',
      },
    ]);
  });

  it('explains why a term whose words appear did not count', () => {
    const verdict = explain([ETHNONYM], { title: 'Kazakh restaurant opens in Brooklyn' });
    expect(verdict?.matched).toBe(false);
    expect(verdict?.hits).toEqual([]);
    expect(verdict?.unmet.map((u) => [u.term, u.context])).toEqual([
      [ETHNONYM, '"Kazakh": nothing of near(3) (government|president|Almaty) within 3 words'],
    ]);
  });

  it('context words alone never make a term hit', () => {
    expect(explain([ETHNONYM], { title: 'Almaty government resigns' })).toBeUndefined();
  });
});

describe('notnear(N)', () => {
  const TERM = 'Tashkent notnear(2) (street|restaurant)';

  it('counts a term only where no veto word is near it', () => {
    expect(matches([TERM], { title: 'Tashkent hosts investment forum' })).toBe(true);
    expect(matches([TERM], { title: 'Residents of Tashkent Street in Kazan protest' })).toBe(false);
    expect(matches([TERM], { title: 'Tashkent restaurant opens in Berlin' })).toBe(false);
  });

  it('is satisfied by any clean occurrence', () => {
    expect(matches([TERM], { title: 'Tashkent restaurant opens', summary: 'Its owner moved from Tashkent in 1990.' })).toBe(true);
  });

  it('lets a strong term ignore look-alikes of itself', () => {
    const strong = '!Abraham Accord* notnear(3) (style|modelled)';
    expect(matches([strong], { title: 'Envoy pitches Abraham Accords-style pact for Asia' }, ['Asia'])).toBe(false);
    expect(matches([strong], { title: 'Abraham Accords pact widens to Asia' }, ['Asia'])).toBe(true);
  });

  it('says which word ruled the term out', () => {
    const verdict = explain([TERM], { title: 'Tashkent restaurant opens in Berlin' });
    expect(verdict?.unmet[0]?.context).toBe('"Tashkent": "restaurant" is within 2 words (notnear(2) (street|restaurant))');
  });
});

describe('in(field)', () => {
  it('counts a term only in that field', () => {
    const term = 'Kazakhstan in(title)';
    expect(matches([term], { title: 'Kazakhstan cuts rates' })).toBe(true);
    expect(matches([term], { title: 'German exports hit record', summary: 'Sales to Kazakhstan doubled.' })).toBe(false);
    expect(explain([term], { title: 'Kazakhstan cuts rates' })?.hits[0]?.context).toBe('in the title');
    expect(explain([term], { title: 'Exports', summary: 'Kazakhstan too.' })?.unmet[0]?.context).toBe(
      '"Kazakhstan": only in the summary, and in(title) asks for the title',
    );
  });
});

describe('context clauses in exclusions and co-occurrences', () => {
  it('an exclusion with a context vetoes only in that context', () => {
    const veto = '(flight*|airline*) near(4) (cancel*|divert*)';
    expect(matches(['UAE + Israel'], { title: 'UAE airline cancels flights to Israel' }, [veto])).toBe(false);
    expect(matches(['UAE + Israel'], { title: 'UAE and Israel add flights', summary: 'A cancelled route to Eilat returns too.' }, [veto])).toBe(true);
  });

  it('each side of + carries its own context', () => {
    const term = 'Kazakh near(1) president + (reform*|law)';
    expect(matches([term], { title: 'Kazakh president signs law' })).toBe(true);
    expect(matches([term], { title: 'Kazakh dish wins praise', summary: 'The president signed a law.' })).toBe(false);
  });
});

describe('cost', () => {
  it('stays linear when the base and the context words repeat throughout a long article', () => {
    const content = 'Kazakh herders and the government '.repeat(20_000);
    const verdict = explain([ETHNONYM, 'Kazakh notnear(2) herders'], { title: '', content });
    expect(verdict?.matched).toBe(true);
    expect(verdict?.unmet.map((u) => u.term)).toEqual(['Kazakh notnear(2) herders']);
  });
});
