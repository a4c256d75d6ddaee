import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/adapters/feeds/parse-date.js';

describe('parseFeedDate', () => {
  it.each([
    ['Thu, 06 Nov 2025 18:30:00 GMT', Date.UTC(2025, 10, 6, 18, 30)],
    ['Thu, 06 Nov 2025 18:30:00 +0500', Date.UTC(2025, 10, 6, 13, 30)],
    ['  Thu, 06 Nov 2025\r\n 18:30:00 GMT ', Date.UTC(2025, 10, 6, 18, 30)],
    ['Tue, 15 Nov 2022 20:15:04 Z', Date.UTC(2022, 10, 15, 20, 15, 4)],
    ['Wed, 17 Jan 2018 15:50:00 EST', Date.UTC(2018, 0, 17, 20, 50)],
    ['Sun, 19 May 2002 15:21:36 MSK', Date.UTC(2002, 4, 19, 12, 21, 36)],
    ['Thu, 05 Jan 2023 10:00:00 CEST', Date.UTC(2023, 0, 5, 8, 0)],
    ['Seg, 24 Set 2018 19:42:40 -0300', Date.UTC(2018, 8, 24, 22, 42, 40)],
    ['lun., 03 févr. 2025 08:00:00 +0100', Date.UTC(2025, 1, 3, 7, 0)],
    ['Пн, 03 марта 2025 08:00:00 +0300', Date.UTC(2025, 2, 3, 5, 0)],
    ['Sat, Dec 16 2023 02:02:33 PM', Date.UTC(2023, 11, 16, 14, 2, 33)],
    ['2025-11-01T10:00:00+06:00', Date.UTC(2025, 10, 1, 4, 0)],
    ['2025-11-01T10:00:00.250Z', Date.UTC(2025, 10, 1, 10, 0, 0, 250)],
    ['2025-11-01T10:00:00', Date.UTC(2025, 10, 1, 10, 0)],
    ['2025-11-01 10:00', Date.UTC(2025, 10, 1, 10, 0)],
    ['2020/1/10 14:33:00', Date.UTC(2020, 0, 10, 14, 33)],
    ['2025-11-01', Date.UTC(2025, 10, 1)],
  ])('%j', (text, expected) => {
    expect(parseFeedDate(text)).toBe(expected);
  });

  it.each(['', '   ', 'sometime last week', 'yesterday', '1', '0', '32/13/2025', 'Thu, 01 Jan 1970 00:00:00 GMT'])(
    'rejects %j',
    (text) => {
      expect(parseFeedDate(text)).toBeUndefined();
    },
  );

  it('ignores non-strings', () => {
    expect(parseFeedDate(undefined)).toBeUndefined();
    expect(parseFeedDate(1_700_000_000_000)).toBeUndefined();
    expect(parseFeedDate({ _: '2025-11-01' })).toBeUndefined();
  });
});
