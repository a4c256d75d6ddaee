import { describe, expect, it } from 'vitest';
import { findSecrets } from './no-secrets.js';

describe('findSecrets', () => {
  const token = '123456789:AAHfakeTokenForKabarTests-0123456789';

  it('finds a secret as given or URL-encoded, naming where without printing it', () => {
    const hits = findSecrets([token, 'sk-other-secret'], {
      'worker#1 stderr': `{"message":"POST https://api.telegram.org/bot${token}/sendMessage failed"}`,
      'worker#1 stdout': `url=${encodeURIComponent(token)}`,
      metrics: 'kabar_briefs_built_total 3',
    });
    expect(hits).toEqual(['worker#1 stderr: the secret starting 1234…', 'worker#1 stdout: the secret starting 1234…']);
    expect(hits.join(' ')).not.toContain(token);
  });

  it('finds nothing in clean text, and refuses a secret too short to look for', () => {
    expect(findSecrets([token], { 'worker#1 stderr': '{"message":"token [redacted]"}' })).toEqual([]);
    expect(() => findSecrets(['abc'], { out: 'abc' })).toThrow(/too short/);
  });
});
