import { describe, expect, it } from 'vitest';
import { parseOpml, renderOpml } from '../../../src/core/feeds/opml.js';

describe('OPML', () => {
  it('round-trips feeds, escaping titles and URLs', () => {
    const feeds = [
      { url: 'https://news.example/rss?a=1&b=2', title: 'News & "Views" <daily>' },
      { url: 'https://other.example/atom.xml' },
    ];
    const text = renderOpml(feeds, { title: 'kabar feeds', createdAt: Date.UTC(2026, 0, 2) });
    expect(text).toContain('xmlUrl="https://news.example/rss?a=1&amp;b=2"');
    expect(parseOpml(text)).toEqual([feeds[0], { url: 'https://other.example/atom.xml', title: 'https://other.example/atom.xml' }]);
  });

  it('reads the feeds of a feed reader export: folders, single quotes, text without title, duplicates and comments', () => {
    const text = `<?xml version="1.0"?>
<opml version="1.0"><head><title>Reader</title></head><body>
  <outline text="World">
    <outline type="rss" text="Gulf Ledger" xmlUrl='https://gulf.example/feed'/>
    <OUTLINE TYPE="rss" TITLE="Steppe" XMLURL="https://steppe.example/rss" htmlUrl="https://steppe.example"></OUTLINE>
  </outline>
  <outline type="rss" text="again" xmlUrl="https://gulf.example/feed"/>
  <!-- <outline xmlUrl="https://commented.example/rss"/> -->
</body></opml>`;
    expect(parseOpml(text)).toEqual([
      { url: 'https://gulf.example/feed', title: 'Gulf Ledger' },
      { url: 'https://steppe.example/rss', title: 'Steppe' },
    ]);
  });

  it('says a file that is not OPML is not, rather than finding no feeds', () => {
    expect(parseOpml('<rss version="2.0"><channel/></rss>')).toBeUndefined();
    expect(parseOpml('<opml version="2.0"><body/></opml>')).toEqual([]);
  });
});
