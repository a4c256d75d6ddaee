import { describe, expect, it } from 'vitest';
import { canonicalCharset, contentTypeCharset, decodeFeedText } from '../../../src/adapters/feeds/decode-charset.js';
import { readFixture } from './loopback-server.js';

/** Re-labels a fixture's XML declaration without touching its (non-ASCII) bytes. */
function relabel(bytes: Buffer, from: string, to: string): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(from, to), 'latin1');
}

describe('decodeFeedText', () => {
  it('Node has the legacy decoders kabar relies on (full ICU)', () => {
    for (const label of ['windows-1251', 'koi8-r', 'windows-1255', 'iso-8859-7', 'gb2312', 'utf-16le', 'utf-16be']) {
      expect(canonicalCharset(label), label).toBeDefined();
    }
  });

  it('reads the XML declaration: windows-1251', async () => {
    const decoded = decodeFeedText(await readFixture('windows-1251.xml'));
    expect(decoded).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    expect(decoded.text).toContain('Новости Центральной Азии');
    expect(decoded.text).toContain('Бишкек: заседание ЕАЭС');
  });

  it('reads the XML declaration: koi8-r (upper-case label)', async () => {
    const decoded = decodeFeedText(await readFixture('koi8-r.xml'));
    expect(decoded).toMatchObject({ charset: 'koi8-r', source: 'xml-declaration' });
    expect(decoded.text).toContain('Ташкент и Душанбе подписали соглашение');
  });

  it('falls back to windows-1252 for latin-1 bytes with no declaration and no header', async () => {
    const decoded = decodeFeedText(await readFixture('iso-8859-1-no-declaration.xml'));
    expect(decoded).toMatchObject({ charset: 'windows-1252', source: 'fallback' });
    expect(decoded.text).toContain('Élections à Genève : résultats');
    expect(decoded.text).not.toMatch(/Ã|\uFFFD/);
  });

  it('honours a UTF-16LE byte-order mark and strips it', async () => {
    const decoded = decodeFeedText(await readFixture('utf-16le-bom.xml'));
    expect(decoded).toMatchObject({ charset: 'utf-16le', source: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain('Қазақстан жаңалықтары');
  });

  it('detects UTF-16 without a BOM from the first tag', async () => {
    const withoutBom = (await readFixture('utf-16le-bom.xml')).subarray(2);
    expect(decodeFeedText(withoutBom)).toMatchObject({ charset: 'utf-16le', source: 'utf-16-sniff' });
    const bigEndian = Buffer.from(withoutBom).swap16();
    expect(decodeFeedText(bigEndian).text).toContain('Қазақстан');
  });

  it('lets the BOM beat a Content-Type charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>Ünïcode</rss>')]);
    expect(decodeFeedText(bytes, 'text/xml; charset=windows-1251')).toMatchObject({ text: '<rss>Ünïcode</rss>', source: 'bom' });
  });

  it('lets the Content-Type charset beat the XML declaration', async () => {
    // KOI8-R bytes whose declaration wrongly says windows-1251; the header is right.
    const mislabelled = relabel(await readFixture('koi8-r.xml'), 'encoding="KOI8-R"', 'encoding="windows-1251"');
    const decoded = decodeFeedText(mislabelled, 'application/rss+xml; charset="KOI8-R"');
    expect(decoded).toMatchObject({ charset: 'koi8-r', source: 'content-type' });
    expect(decoded.text).toContain('Ташкент');
    // Without the header the declaration is used, and the result is wrong: proof the header mattered.
    expect(decodeFeedText(mislabelled).text).not.toContain('Ташкент');
  });

  it('skips a utf-8 label when the bytes are not UTF-8, and ignores us-ascii and unknown labels', async () => {
    const cp1251 = await readFixture('windows-1251.xml');
    expect(decodeFeedText(cp1251, 'text/xml; charset=utf-8')).toMatchObject({ charset: 'windows-1251', source: 'xml-declaration' });
    expect(decodeFeedText(cp1251, 'text/xml; charset=us-ascii').charset).toBe('windows-1251');
    expect(decodeFeedText(cp1251, 'text/xml; charset=x-klingon').charset).toBe('windows-1251');
  });

  it('uses valid UTF-8 when nothing is declared', () => {
    const decoded = decodeFeedText(Buffer.from('<rss><title>Алматы — Şymkent</title></rss>'));
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'utf-8-check', text: '<rss><title>Алматы — Şymkent</title></rss>' });
  });
});

describe('contentTypeCharset', () => {
  it.each([
    ['text/xml; charset=UTF-8', 'UTF-8'],
    ['application/rss+xml;charset="windows-1251"', 'windows-1251'],
    ['text/xml; format=flowed; charset=koi8-r', 'koi8-r'],
    ['text/xml', undefined],
    [undefined, undefined],
  ])('%s -> %s', (header, charset) => {
    expect(contentTypeCharset(header)).toBe(charset);
  });
});
