import { describe, expect, it } from 'vitest';
import { normalizeTitle, storyKeys } from '../../../src/core/articles/story-keys.js';

const article = (title: string, link = ''): { title: string; link: string } => ({ title, link });

describe('normalizeTitle', () => {
  it('strips marks, case, punctuation and extra whitespace', () => {
    expect(normalizeTitle('  Kazakhstán “to JOIN”   Abraham-Accords! ')).toBe('kazakhstan to join abraham accords');
  });

  it('drops a short trailing outlet name after a spaced separator', () => {
    expect(normalizeTitle('Kazakhstan to join Abraham Accords | The National')).toBe('kazakhstan to join abraham accords');
    expect(normalizeTitle('Kazakhstan to join Abraham Accords - Reuters')).toBe('kazakhstan to join abraham accords');
    expect(normalizeTitle('Kazakhstan to join Abraham Accords — Al-Monitor')).toBe('kazakhstan to join abraham accords');
  });

  it('keeps a long tail, and a tail on a short headline, as part of the headline', () => {
    expect(normalizeTitle('Deal signed - what the Abraham Accords expansion means for Central Asia and the Gulf')).toBe(
      'deal signed what the abraham accords expansion means for central asia and the gulf',
    );
    expect(normalizeTitle('Live - Reuters')).toBe('live reuters');
  });
});

describe('storyKeys', () => {
  it('gives the same keys to the same story from two outlets', () => {
    const a = storyKeys(article('Kazakhstan to join Abraham Accords, White House says | The National', 'https://a.com/1'));
    const b = storyKeys(article('Kazakhstan to join Abraham Accords, White House says - Reuters', 'https://b.com/2'));
    const titleKey = a.find((key) => key.startsWith('title:'));
    expect(titleKey).toBeDefined();
    expect(b).toContain(titleKey);
    expect(a.find((key) => key.startsWith('url:'))).not.toBe(b.find((key) => key.startsWith('url:')));
  });

  it('collides on the link whatever the titles', () => {
    const a = storyKeys(article('One headline here today', 'https://a.com/1'));
    const b = storyKeys(article('A rewritten headline entirely', 'https://a.com/1'));
    expect(a[0]).toMatch(/^url:[A-Za-z0-9_-]{22}$/);
    expect(b).toContain(a[0]);
  });

  it('gives no title key to short titles that unrelated stories share', () => {
    expect(storyKeys(article('Live updates', 'https://a.com/1'))).toHaveLength(1);
    expect(storyKeys(article('Opinion'))).toEqual([]);
  });

  it('gives a title key to long titles in scripts without spaces', () => {
    expect(storyKeys(article('哈萨克斯坦预计将于周四宣布加入亚伯拉罕协议'))).toHaveLength(1);
  });

  it('keeps different stories apart', () => {
    const a = storyKeys(article('Kazakhstan to join Abraham Accords this week'));
    const b = storyKeys(article('Uzbekistan to join Abraham Accords this week'));
    expect(a).not.toEqual(b);
  });
});
