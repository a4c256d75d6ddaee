/**
 * The configuration's reading of values people type: booleans in any case, and a warning for a
 * `KABAR_*` variable kabar does not know, naming the closest real one.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig, stopsWithParent, unknownKabarVariables } from '../src/config.js';

describe('loadConfig', () => {
  it('reads booleans case-insensitively: TRUE, Yes and 1 are true; False and NO are false', () => {
    for (const value of ['TRUE', 'True', 'yes', 'Yes', '1', 'true']) {
      expect(loadConfig({ KABAR_ALLOW_PRIVATE_FEEDS: value }).KABAR_ALLOW_PRIVATE_FEEDS, value).toBe(true);
    }
    for (const value of ['FALSE', 'False', 'no', 'NO', '0']) {
      expect(loadConfig({ KABAR_ALLOW_PRIVATE_FEEDS: value }).KABAR_ALLOW_PRIVATE_FEEDS, value).toBe(false);
    }
  });

  it('still refuses a value that is no boolean, naming the variable and the accepted words', () => {
    expect(() => loadConfig({ KABAR_ALLOW_PRIVATE_FEEDS: 'maybe' })).toThrow(
      /^KABAR_ALLOW_PRIVATE_FEEDS: expected true or false \(or yes\/no, 1\/0\) \(got "maybe"\)$/,
    );
  });
});

describe('stopsWithParent', () => {
  it('by default only under an npm script, whose SIGKILL would orphan kabar', () => {
    expect(stopsWithParent(loadConfig({ npm_lifecycle_event: 'start' }))).toBe(true);
    expect(stopsWithParent(loadConfig({}))).toBe(false);
  });

  it('always with KABAR_STOP_WITH_PARENT=true, never with false', () => {
    expect(stopsWithParent(loadConfig({ KABAR_STOP_WITH_PARENT: 'true' }))).toBe(true);
    expect(stopsWithParent(loadConfig({ KABAR_STOP_WITH_PARENT: 'false', npm_lifecycle_event: 'start' }))).toBe(false);
    expect(() => loadConfig({ KABAR_STOP_WITH_PARENT: 'sometimes' })).toThrow('KABAR_STOP_WITH_PARENT: expected auto, true or false (got "sometimes")');
  });
});

describe('unknownKabarVariables', () => {
  it('names each misspelled KABAR_ variable with the closest real name', () => {
    expect(
      unknownKabarVariables({ KABAR_POLL_INTERVALL: '5m', KABAR_TRANSLATER: 'deepl', KABAR_TRANSLATOR: 'none', PATH: '/bin' }),
    ).toEqual([
      { name: 'KABAR_POLL_INTERVALL', closest: 'KABAR_POLL_INTERVAL' },
      { name: 'KABAR_TRANSLATER', closest: 'KABAR_TRANSLATOR' },
    ]);
  });

  it('knows every variable of the schema and those read outside it', () => {
    expect(unknownKabarVariables({ KABAR_DEFAULT_LANGUAGE: 'id', KABAR_FROM_SOURCE: 'true', KABAR_FEED_CORPUS: '/x' })).toEqual([]);
  });
});
