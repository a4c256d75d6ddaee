import { describe, expect, it } from 'vitest';
import { isBoilerplate } from '../../../src/core/briefs/boilerplate.js';

describe('isBoilerplate', () => {
  it.each([
    'Read more',
    'Read more: Abraham Accords at five',
    'Continue reading…',
    'Related: Central Asia summit',
    'Subscribe to our newsletter for the latest updates.',
    'Sign up for our daily briefing',
    'Click here to watch the video',
    'Follow us on X',
    'Baca juga: Kazakhstan dan Abraham Accords',
    'Читайте также: саммит в Вашингтоне',
    'Lire aussi : le sommet',
    'The post Kazakhstan set to join Abraham Accords, White House says appeared first on The National.',
    'By Thomas Watkins',
    'By Jane Doe and John Smith, Reuters',
    'Oleh Andi Wijaya',
    'Photo: Reuters',
    'Photo by Brendan Smialowski/AFP',
    'Kazakh President Kassym-Jomart Tokayev arrives at the White House. AFP',
    'President Tokayev in Washington / Getty Images',
    '(AP Photo)',
    '© 2025 The National. All rights reserved.',
    'Advertisement',
    'https://www.thenationalnews.com/news/',
    '* * *',
    '',
  ])('drops %j', (line) => {
    expect(isBoilerplate(line)).toBe(true);
  });

  it.each([
    'Readers were surprised by the announcement.',
    'More than 100 delegates attended the summit.',
    'Subscribers to the agreement include the UAE, Bahrain, Morocco and Sudan.',
    'The official told Reuters.',
    'By Thursday, Kazakhstan is expected to sign.',
    'The U.S. special envoy told an audience in Miami that another country would sign.',
    `Read ${'the full agreement, which runs to many pages, '.repeat(6)}carefully.`,
  ])('keeps %j', (line) => {
    expect(isBoilerplate(line)).toBe(false);
  });

  it('drops a long WordPress footer too', () => {
    expect(isBoilerplate(`The post ${'Very long headline '.repeat(12)}appeared first on The National.`)).toBe(true);
  });
});
