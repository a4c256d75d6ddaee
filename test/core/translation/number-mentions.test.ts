import { describe, expect, it } from 'vitest';
import { extractNumbers, readings } from '../../../src/core/translation/number-mentions.js';

describe('readings', () => {
  it.each([
    ['2025', ['2025']],
    ['1,000', ['1000', '1']],
    ['1.000', ['1000', '1']],
    ['1.000.000', ['1000000']],
    ['3.5', ['3.5']],
    ['3,5', ['3.5']],
    ['1,234.56', ['1234.56']],
    ['1.234,56', ['1234.56']],
    ['1.2.3', ['1', '2', '3']],
  ])('%s -> %j', (raw, values) => {
    expect(readings(raw)).toEqual(values);
  });
});

describe('extractNumbers', () => {
  it('multiplies by scale words and attached short scales', () => {
    const [juta, bn, metres] = extractNumbers('5 juta orang, $3.5bn, 5 m');
    expect([...(juta?.values ?? [])]).toEqual(['5', '5000000']);
    expect([...(bn?.values ?? [])]).toEqual(['3.5', '3500000000']);
    expect([...(metres?.values ?? [])]).toEqual(['5']);
  });
});
