import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitForLimit, type Measure } from '../../../src/core/briefs/split-for-limit.js';
import { isKabarError } from '../../../src/core/errors.js';
import { seededRandom } from '../../support/seeded-random.js';

const TAG_OR_ENTITY = /<\/?[a-z][a-z0-9-]*(?:\s[^>]*)?>|&#?[a-z0-9]+;|[\s\S]/gi;

/** Telegram counts text after parsing: tags count nothing, an entity counts one. */
const visibleLength: Measure = (html) => html.replace(/<[^>]+>/g, '').replace(/&#?[a-z0-9]+;/gi, '_').length;

/**
 * Each visible, non-space unit of an HTML text with the tags it sits in. Two texts with equal
 * results read the same and are formatted the same, whatever whitespace or tag splits differ.
 */
function styledUnits(html: string): string[] {
  const stack: string[] = [];
  const units: string[] = [];
  for (const [unit] of html.matchAll(TAG_OR_ENTITY)) {
    if (unit.startsWith('</') && unit.length > 2) {
      const name = unit.slice(2, -1);
      const index = stack.map((tag) => /^<([a-z0-9-]+)/i.exec(tag)?.[1]).lastIndexOf(name);
      if (index !== -1) stack.splice(index);
    } else if (unit.startsWith('<') && unit.length > 1 && unit.endsWith('>')) {
      stack.push(unit);
    } else if (!/^\s$/.test(unit)) {
      units.push(`${stack.join('')}${unit}`);
    }
  }
  return units;
}

/** True when every element closed in `html` was the innermost open one and nothing stays open. */
function balanced(html: string): boolean {
  const stack: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z][a-z0-9-]*)(?:\s[^>]*)?>/gi)) {
    if (closing === '') stack.push(name ?? '');
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

function expectValidSplit(text: string, chunks: string[], limit: number, measure: Measure = (s) => s.length): void {
  for (const chunk of chunks) {
    expect(measure(chunk), chunk).toBeLessThanOrEqual(limit);
    expect(chunk).toBe(chunk.trim());
    expect(balanced(chunk), chunk).toBe(true);
  }
  expect(chunks.flatMap(styledUnits)).toEqual(styledUnits(text));
}

interface Generated {
  text: string;
  urls: string[];
}

function generate(next: () => number): Generated {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const letters = 'abcdefghijklmnopqrstuvwxyzéüКазахстан';
  const word = (): string => Array.from({ length: int(1, 12) }, () => pick([...letters])).join('');
  const urls: string[] = [];
  const url = (maxPath: number): string => {
    const path = Array.from({ length: int(1, maxPath) }, () => pick([...'abcxyz019-_/.%']));
    const made = `https://www.ex${int(1, 9)}.com/${path.join('')}?a=${int(1, 99)}&amp;b=${word()}`;
    urls.push(made);
    return made;
  };
  const piece = (): string => {
    const roll = next();
    if (roll < 0.6) return word();
    if (roll < 0.7) return url(40);
    if (roll < 0.78) return pick(['caf&eacute;', '&amp;', 'Tokayev&rsquo;s', '&#8220;yes&#8221;', '&lt;tag&gt;']);
    if (roll < 0.86) return `<b>${word()} ${word()}</b>`;
    if (roll < 0.92) return `<a href="${url(20)}">${word()} ${word()}</a>`;
    if (roll < 0.96) return `<i><b>${word()}</b> ${word()} ${word()}</i>`;
    return `<code>${word()}&amp;${word()}</code>`;
  };
  const sentence = (): string =>
    `${Array.from({ length: int(2, 14) }, piece).join(pick([' ', ' ', ' ', '  ']))}${pick(['.', '?', '!', '.”'])}`;
  const paragraph = (): string => Array.from({ length: int(1, 5) }, sentence).join(' ');
  const paragraphs = Array.from({ length: int(1, 7) }, paragraph);
  const wrapped = next() < 0.2 ? `<blockquote>${paragraphs.join('\n')}</blockquote>` : paragraphs.join(pick(['\n', '\n\n']));
  return { text: wrapped, urls };
}

describe('splitForLimit', () => {
  it('returns the text as one piece when it fits, and nothing for blank text', () => {
    expect(splitForLimit('Short brief.\nhttps://example.com/a', 2000)).toEqual(['Short brief.\nhttps://example.com/a']);
    expect(splitForLimit('', 10)).toEqual([]);
    expect(splitForLimit(' \n ', 10)).toEqual([]);
  });

  it('cuts at paragraph ends first', () => {
    const paragraphs = ['One two three. Four five.', 'Six seven eight. Nine.', 'Ten eleven twelve.'];
    expect(splitForLimit(paragraphs.join('\n'), 50)).toEqual([`${paragraphs[0]}\n${paragraphs[1]}`, paragraphs[2]]);
  });

  it('cuts at sentence ends inside a paragraph too long for a piece', () => {
    const text = 'Kazakhstan will sign today. The move is symbolic, officials said. Tokayev agreed.';
    expect(splitForLimit(text, 70)).toEqual(['Kazakhstan will sign today. The move is symbolic, officials said.', 'Tokayev agreed.']);
  });

  it('prefers a sentence end over a paragraph end that would leave the piece mostly empty', () => {
    const text = `Short.\n${'Word '.repeat(30)}end. ${'More '.repeat(5)}words.`;
    const [first] = splitForLimit(text, 170);
    expect(first?.length).toBeGreaterThan(100);
    expect(first?.endsWith('end.')).toBe(true);
  });

  it('cuts at whitespace inside a sentence too long for a piece', () => {
    const text = 'one two three four five six seven eight nine ten';
    const chunks = splitForLimit(text, 20);
    expect(chunks).toEqual(['one two three four', 'five six seven eight', 'nine ten']);
  });

  it('never cuts a URL: it moves whole to the next piece', () => {
    const url = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/';
    const text = `Semoga Allah membimbing para pemimpin ke pilihan yang membawa perdamaian. ${url}`;
    for (let limit = url.length; limit < text.length; limit += 7) {
      const chunks = splitForLimit(text, limit);
      expect(chunks.some((chunk) => chunk.includes(url))).toBe(true);
      expectValidSplit(text, chunks, limit);
    }
  });

  it('never cuts an entity or a tag', () => {
    const text = `${'a'.repeat(8)} &amp;&amp;&amp; <a href="https://x.com/a b">link text</a> &hellip;`;
    for (let limit = 40; limit < text.length + 10; limit++) {
      const chunks = splitForLimit(text, limit);
      for (const chunk of chunks) {
        expect(chunk).not.toMatch(/&[a-z]*$|^[a-z]*;|<[^>]*$|^[^<]*>/);
      }
      expectValidSplit(text, chunks, limit);
    }
  });

  it('closes open elements at a cut and reopens them, with attributes, in the next piece', () => {
    const text = '<b>Kazakhstan will sign.</b> <a href="https://example.com/a?x=1&amp;y=2">The White House said so on Thursday.</a>';
    const chunks = splitForLimit(text, 30, visibleLength);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe('<b>Kazakhstan will sign.</b>');
    for (const chunk of chunks.slice(1)) expect(chunk).toMatch(/^<a href="https:\/\/example\.com\/a\?x=1&amp;y=2">[^<]+<\/a>$/);
    expectValidSplit(text, chunks, 30, visibleLength);
    const nested = '<blockquote><i>alpha beta gamma delta epsilon zeta eta theta</i></blockquote>';
    const pieces = splitForLimit(nested, 20, visibleLength);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece).toMatch(/^<blockquote><i>.*<\/i><\/blockquote>$/);
  });

  it('keeps closing tags with the text they close instead of making an empty piece', () => {
    const text = '<b>alpha beta </b> <i>gamma delta</i>';
    const chunks = splitForLimit(text, 12, visibleLength);
    for (const chunk of chunks) expect(chunk.replace(/<[^>]+>/g, '').trim()).not.toBe('');
    expectValidSplit(text, chunks, 12, visibleLength);
  });

  it('keeps Discord markup whole', () => {
    const text = 'Ping <@123456789012345678> and see <https://example.com/a/very/long/path> and <t:1700000000:R>.';
    for (let limit = 40; limit <= text.length; limit++) {
      for (const chunk of splitForLimit(text, limit)) {
        expect(chunk).not.toMatch(/<[^>]*$|^[^<]*>/);
      }
    }
  });

  it('cuts inside a word only when the word alone is too long, never inside a URL that fits', () => {
    const word = 'x'.repeat(95);
    const chunks = splitForLimit(`${word} tail`, 40);
    expect(chunks.every((chunk) => chunk.length <= 40)).toBe(true);
    expect(chunks.join('').replace(/\s/g, '')).toBe(`${word}tail`);

    const url = 'https://example.com/exactly/thirty';
    const glued = `${'y'.repeat(60)}${url}`;
    const glueChunks = splitForLimit(glued, 40);
    expect(glueChunks.some((chunk) => chunk.includes(url))).toBe(true);
    expect(glueChunks.join('')).toBe(glued);
  });

  it('cuts a URL only when it cannot fit a piece of its own', () => {
    const url = `https://example.com/${'p'.repeat(100)}`;
    const chunks = splitForLimit(`See ${url}`, 50);
    expect(chunks.every((chunk) => chunk.length <= 50)).toBe(true);
    expect(chunks.join('').replace(/^See/, '')).toBe(url);
  });

  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(30);
    const chunks = splitForLimit(text, 7);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(7);
      expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    }
    expect(chunks.join('')).toBe(text);
  });

  it('splits a long brief so that its full URL arrives whole, last', () => {
    const lines = readFileSync(new URL('../../fixtures/articles/reference-brief-id.txt', import.meta.url), 'utf8').split('\n');
    const url = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/';
    const text = [...lines.slice(0, -1), url].join('\n');
    for (const limit of [2000, 1000, 500, 300, 120]) {
      const chunks = splitForLimit(text, limit);
      expect(chunks.at(-1)?.endsWith(url)).toBe(true);
      expectValidSplit(text, chunks, limit);
      if (limit >= 300) {
        // Every piece ends at a line or a sentence.
        for (const chunk of chunks) expect(chunk).toMatch(/[.!?”]$|\/$/);
      }
    }
  });

  it('splits 100 KB quickly', () => {
    const text = 'Kazakhstan and the <b>U.S.</b> signed a deal on minerals, https://example.com/a?b=1 said. '.repeat(1200);
    const started = performance.now();
    const chunks = splitForLimit(text, 4096, visibleLength);
    expect(performance.now() - started).toBeLessThan(3000);
    expectValidSplit(text, chunks, 4096, visibleLength);
  });

  it('rejects a limit that is not positive', () => {
    for (const limit of [0, -5, Number.NaN]) {
      try {
        splitForLimit('text', limit);
        expect.unreachable();
      } catch (error) {
        expect(isKabarError(error, 'permanent')).toBe(true);
      }
    }
  });

  describe('property: random texts with URLs, tags and entities', () => {
    const cases = Array.from({ length: 200 }, (_, seed) => seed + 1);

    it.each([
      ['UTF-16 length', (s: string) => s.length, 200, 700],
      ['visible length', visibleLength, 90, 400],
    ] as const)('holds with %s', (_name, measure, minLimit, maxLimit) => {
      for (const seed of cases) {
        const next = seededRandom(seed);
        const { text, urls } = generate(next);
        const limit = minLimit + Math.floor(next() * (maxLimit - minLimit));
        const chunks = splitForLimit(text, limit, measure);
        expectValidSplit(text, chunks, limit, measure);
        for (const url of urls) expect(chunks.some((chunk) => chunk.includes(url)), `seed ${seed}: ${url}`).toBe(true);
      }
    });
  });
});
