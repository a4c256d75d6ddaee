import { describe, expect, it } from 'vitest';
import { checkTelegramHtml } from './telegram-html-check.js';

describe('the fake\'s Telegram HTML check', () => {
  it('accepts Telegram\'s tags and entities and returns the visible text', () => {
    expect(checkTelegramHtml('<b>a &amp; b</b> <i>i</i> <a href="https://x.test/?a=1&amp;b=2">link</a> &lt;3 &quot;q&quot; &#128512; &#x41;')).toEqual({
      ok: true,
      text: 'a & b i link <3 "q" 😀 A',
      entities: [
        { tag: 'b', text: 'a & b' },
        { tag: 'i', text: 'i' },
        { tag: 'a', text: 'link', href: 'https://x.test/?a=1&b=2' },
      ],
    });
    expect(checkTelegramHtml('<pre><code class="language-ts">x</code></pre><span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>').ok).toBe(true);
  });

  it.each([
    ['an unsupported tag', '<script>alert(1)</script>'],
    ['an unclosed tag', '<b>bold'],
    ['a misnested tag', '<b><i>x</b></i>'],
    ['a stray end tag', 'x</b>'],
    ['a bare <', 'a < b'],
    ['a bare >', 'a > b'],
    ['a bare &', 'Tom & Jerry'],
    ['an unknown named entity', '&copy; 2025'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['a data: link', '<a href="data:text/html,x">x</a>'],
    ['a link without href', '<a>x</a>'],
    ['an unknown attribute', '<b onclick="x">x</b>'],
    ['a tag inside code', '<code><b>x</b></code>'],
    ['nested links', '<a href="https://a.test"><a href="https://b.test">x</a></a>'],
    ['a span that is not a spoiler', '<span class="red">x</span>'],
  ])('refuses %s', (_case, html) => {
    expect(checkTelegramHtml(html).ok).toBe(false);
  });

  it('counts visible text after entity parsing (what the 4,096 limit applies to)', () => {
    const check = checkTelegramHtml(`<b>${'&amp;'.repeat(4096)}</b>`);
    expect(check.ok && check.text.length).toBe(4096);
  });
});
