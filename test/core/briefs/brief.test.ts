import { describe, expect, it } from 'vitest';
import { briefFrame, DEFAULT_BRIEF_STYLE, resolveBriefText } from '../../../src/core/briefs/brief.js';
import { BRIEF_LOCALES } from '../../../src/core/briefs/locales.js';

describe('resolveBriefText', () => {
  it('resolves default, off and custom settings', () => {
    expect(resolveBriefText('default', 'Hi')).toBe('Hi');
    expect(resolveBriefText('off', 'Hi')).toBeUndefined();
    expect(resolveBriefText({ custom: '  Salam  ' }, 'Hi')).toBe('Salam');
    expect(resolveBriefText({ custom: '   ' }, 'Hi')).toBeUndefined();
  });
});

describe('briefFrame', () => {
  it('gives the language’s texts by default', () => {
    expect(briefFrame(DEFAULT_BRIEF_STYLE, 'id')).toEqual({
      greeting: BRIEF_LOCALES.id.greeting,
      closing: BRIEF_LOCALES.id.closing,
    });
    expect(briefFrame(DEFAULT_BRIEF_STYLE, 'es').closing).toBe(BRIEF_LOCALES.es.closing);
  });

  it('leaves out what is turned off, and uses custom texts', () => {
    const frame = briefFrame({ greeting: 'off', closing: { custom: 'Salam.' } }, 'en');
    expect(frame).toEqual({ closing: 'Salam.' });
    expect(frame).not.toHaveProperty('greeting');
  });
});
