import { describe, expect, it } from 'vitest';
import { renderTelegramBrief, renderTelegramText } from '../../../src/adapters/telegram/render-telegram-brief.js';
import { escapeTelegramHtml, isWebUrl, telegramVisibleLength } from '../../../src/adapters/telegram/telegram-html.js';
import type { Brief } from '../../../src/core/briefs/brief.js';

const brief = (extra: Partial<Brief> = {}): Brief => ({
  articleId: 'a1',
  topics: [],
  language: 'id',
  title: 'Judul',
  paragraphs: ['Satu.', 'Dua.'],
  url: 'https://example.com/a?b=1&c=2',
  ...extra,
});

describe('renderTelegramBrief', () => {
  it('lays a brief out in the reference shape with the title bold and the URL linked last', () => {
    expect(renderTelegramBrief(brief({ greeting: 'Salam', closing: 'Damai.', note: 'Terjemahan mesin.' }))).toEqual([
      {
        html: '<b>Judul</b> - Salam\nSalam - Satu.\nDua.\nDamai.\nTerjemahan mesin.\n<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>',
        previewUrl: 'https://example.com/a?b=1&c=2',
      },
    ]);
  });

  it('leaves out what a brief does not have', () => {
    expect(renderTelegramBrief(brief({ title: '  ' }))).toEqual([
      { html: 'Satu.\nDua.\n<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>', previewUrl: 'https://example.com/a?b=1&c=2' },
    ]);
    expect(renderTelegramBrief(brief({ url: '' }))).toEqual([{ html: '<b>Judul</b>\nSatu.\nDua.' }]);
  });

  it('escapes every field, keeps replacement patterns literal, drops control characters and joins lines inside a field', () => {
    const [part] = renderTelegramBrief(brief({ title: 'A $& <b>\nB\u0007', paragraphs: ['x\u0000y & z'], greeting: '<g>' }));
    expect(part?.html).toBe(
      '<b>A $&amp; &lt;b&gt; B</b> - &lt;g&gt;\n&lt;g&gt; - xy &amp; z\n<a href="https://example.com/a?b=1&amp;c=2">https://example.com/a?b=1&amp;c=2</a>',
    );
  });

  it('makes no link and no preview of a URL that is not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'JAVASCRIPT://%0aalert(1)', 'ftp://example.com/x', 'https://']) {
      const [part] = renderTelegramBrief(brief({ url }));
      expect(part?.html.endsWith(`\n${escapeTelegramHtml(url)}`), url).toBe(true);
      expect(part?.html).not.toContain('<a ');
      expect(part?.previewUrl).toBeUndefined();
    }
  });

  it('is deterministic and previews only on the last part', () => {
    const long = brief({ paragraphs: Array.from({ length: 30 }, (_, n) => `Kalimat ${n} ${'kata '.repeat(40)}.`) });
    const parts = renderTelegramBrief(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(renderTelegramBrief(long)).toEqual(parts);
    expect(parts.slice(0, -1).every((part) => part.previewUrl === undefined)).toBe(true);
    expect(parts.at(-1)?.previewUrl).toBe('https://example.com/a?b=1&c=2');
    for (const part of parts) expect(telegramVisibleLength(part.html)).toBeLessThanOrEqual(4096);
  });
});

describe('renderTelegramText', () => {
  it('escapes a reply and splits it under the limit, without previews', () => {
    expect(renderTelegramText('Added <https://x.test/feed?a=1&b=2>')).toEqual([{ html: 'Added &lt;https://x.test/feed?a=1&amp;b=2&gt;' }]);
    expect(renderTelegramText('')).toEqual([]);
    const parts = renderTelegramText(Array.from({ length: 300 }, (_, n) => `Line ${n} & more <x>.`).join('\n'));
    expect(parts.length).toBe(2);
    for (const part of parts) expect(telegramVisibleLength(part.html)).toBeLessThanOrEqual(4096);
  });
});

describe('Telegram HTML helpers', () => {
  it('measures visible length as Telegram does', () => {
    expect(telegramVisibleLength('<b>a &amp; b</b>')).toBe(5);
    expect(telegramVisibleLength('&#128512;&#x1F600;&lt;')).toBe(5);
    expect(telegramVisibleLength('  <i>x</i>\n')).toBe(1);
  });

  it('knows web URLs', () => {
    expect(isWebUrl('https://example.com/a')).toBe(true);
    expect(isWebUrl('HTTP://example.com')).toBe(true);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('https://')).toBe(false);
  });
});
