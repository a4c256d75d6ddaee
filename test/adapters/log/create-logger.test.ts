import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/create-logger.js';
import { withLogFields } from '../../../src/adapters/log/log-context.js';

function capture(options: Partial<Parameters<typeof createLogger>[0]> = {}) {
  const lines: string[] = [];
  const log = createLogger({ level: 'info', format: 'json', write: (line) => lines.push(line), ...options });
  return { log, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON line per event with time, level, message and fields', () => {
    const { log, lines, records } = capture();
    log.info('feed polled', { url: 'https://example.org/feed', items: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(records()[0]).toMatchObject({ level: 'info', message: 'feed polled', url: 'https://example.org/feed', items: 3 });
    expect(Date.parse(String(records()[0]?.time))).not.toBeNaN();
  });

  it('drops events below the level', () => {
    const { log, records } = capture({ level: 'warn' });
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(records().map((record) => [record.level, record.message])).toEqual([['warn', 'c'], ['error', 'd']]);
  });

  it('adds the fields of the running job to every line written inside it, nested contexts adding up', async () => {
    const { log, records } = capture();
    await withLogFields({ queue: 'deliver', job: '42' }, async () => {
      await new Promise((done) => setTimeout(done, 1));
      withLogFields({ subscription: 'telegram-1', skipped: undefined }, () => log.info('inside'));
    });
    log.info('outside');
    expect(records()[0]).toMatchObject({ queue: 'deliver', job: '42', subscription: 'telegram-1', message: 'inside' });
    expect(records()[0]).not.toHaveProperty('skipped');
    expect(records()[1]).not.toHaveProperty('queue');
  });

  it('blanks fields named like secrets and every configured secret value, wherever it appears', () => {
    const token = '123456:AAsecret-token-value';
    const { log, lines, records } = capture({ secrets: [token, 'abc'] });
    log.warn(`request to https://api.telegram.org/bot${token}/sendMessage failed`, {
      token: 'field-token-xyz',
      provider: { apiKey: 'field-key-xyz', name: 'deepl' },
      error: `401 for ${token}`,
      note: 'abc stays: too short to scrub',
    });
    const text = lines.join('');
    expect(text).not.toContain(token);
    expect(text).not.toContain('field-token-xyz');
    expect(text).not.toContain('field-key-xyz');
    expect(records()[0]).toMatchObject({ token: '[redacted]', provider: { apiKey: '[redacted]', name: 'deepl' }, error: '401 for [redacted]' });
    expect(records()[0]?.note).toBe('abc stays: too short to scrub');
  });

  it('writes pretty lines: clock, level, message, then key=value', () => {
    const { log, lines } = capture({ format: 'pretty' });
    withLogFields({ job: '7' }, () => log.warn('feed polled', { status: 'failed', items: 0 }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN {2}feed polled {2}job=7 status=failed items=0\n$/);
  });
});
