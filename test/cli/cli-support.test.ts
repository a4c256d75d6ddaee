/**
 * How `kabar match` and `kabar brief` read stdin: lines split from the byte stream with a cap, so
 * that one huge line (or a huge input) costs no memory and cannot crash the process.
 */
import { describe, expect, it } from 'vitest';
import { exitCodeOf, inputLines, promptIfTerminal, readStdin, UsageError, type OversizedLine } from '../../src/cli/cli-support.js';
import { KabarError } from '../../src/core/errors.js';

/** A byte stream made of these chunks, counting how many the reader took. */
function stream(chunks: ReadonlyArray<string | Buffer>): AsyncIterable<Buffer> & { taken: number } {
  const source = {
    taken: 0,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        source.taken++;
        yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      }
    },
  };
  return source;
}

async function collect(lines: AsyncIterable<string | OversizedLine>): Promise<Array<string | OversizedLine>> {
  const all: Array<string | OversizedLine> = [];
  for await (const line of lines) all.push(line);
  return all;
}

describe('inputLines', () => {
  it('splits on \\n across chunk borders, drops a \\r before it, and keeps a last line without newline', async () => {
    const lines = await collect(inputLines(100, stream(['{"a":', '1}\r\n\n{"b"', ':2}\n{"c":3}'])));
    expect(lines).toEqual(['{"a":1}', '', '{"b":2}', '{"c":3}']);
  });

  it('does not split a multi-byte character cut between chunks', async () => {
    const bytes = Buffer.from('Казахстан\nاتفاقيات\n', 'utf8');
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(await collect(inputLines(100, stream(chunks)))).toEqual(['Казахстан', 'اتفاقيات']);
  });

  it('stands in a marker for a line over the cap, reading on to its newline, and goes on', async () => {
    const long = 'x'.repeat(25);
    const lines = await collect(inputLines(20, stream(['first\n', long.slice(0, 10), long.slice(10), '\nafter\n', 'y'.repeat(21)])));
    expect(lines).toEqual(['first', { oversized: true, bytes: 25 }, 'after', { oversized: true, bytes: 21 }]);
  });

  it('counts the cap in bytes, and keeps a line of exactly the cap', async () => {
    expect(await collect(inputLines(4, stream(['абв\n', 'аб\n'])))).toEqual([{ oversized: true, bytes: 6 }, 'аб']);
  });

  it('yields nothing for empty input and no extra line after a final newline', async () => {
    expect(await collect(inputLines(10, stream([])))).toEqual([]);
    expect(await collect(inputLines(10, stream(['a\n'])))).toEqual(['a']);
  });
});

describe('readStdin', () => {
  it('returns the input as text when it fits', async () => {
    expect(await readStdin({ maxBytes: 31, expected: 'one article', input: stream(['{"title":', ' "Казахстан"}']) })).toBe(
      '{"title": "Казахстан"}',
    );
  });

  it('fails with a clear error as soon as the input passes the cap, without reading the rest', async () => {
    const input = stream(['a'.repeat(8), 'b'.repeat(8), 'c'.repeat(8), 'd'.repeat(8)]);
    const attempt = readStdin({ maxBytes: 12, expected: 'one article, of at most 4 characters', input });
    await expect(attempt).rejects.toBeInstanceOf(KabarError);
    await expect(attempt).rejects.toMatchObject({
      code: 'input-too-large',
      message: 'more than 12 bytes on stdin; expected one article, of at most 4 characters',
    });
    expect(input.taken).toBe(2);
  });
});

describe('promptIfTerminal', () => {
  it('says what stdin should hold when stdin is a terminal, and nothing when it is a pipe or file', () => {
    const written: string[] = [];
    const write = (text: string): void => void written.push(text);
    promptIfTerminal('one article as JSON', { isTTY: true }, write);
    expect(written).toEqual(['kabar: reading one article as JSON from stdin; end with Ctrl-D (or give a file: < article.json)\n']);
    promptIfTerminal('one article as JSON', {}, write);
    promptIfTerminal('one article as JSON', { isTTY: false }, write);
    expect(written).toHaveLength(1);
  });
});

describe('exitCodeOf', () => {
  it('is 2 for bad input or configuration, whichever layer found it', () => {
    expect(exitCodeOf(new UsageError('--lang takes a language code'))).toBe(2);
    for (const code of ['config', 'bad-input', 'invalid-topic-name', 'invalid-term', 'unknown-topic', 'duplicate', 'bad-url', 'unknown-subscription']) {
      expect(exitCodeOf(new KabarError('permanent', 'x', { code })), code).toBe(2);
    }
  });

  it('is 1 for a failure of something outside: a feed, Redis, a translator, or anything unknown', () => {
    for (const code of ['http-status', 'network', 'timeout', 'redis-unreachable', 'quota-exceeded', 'too-large']) {
      expect(exitCodeOf(new KabarError('permanent', 'x', { code })), code).toBe(1);
    }
    expect(exitCodeOf(new KabarError('retryable', 'x', { code: 'config' }))).toBe(1);
    expect(exitCodeOf(new Error('boom'))).toBe(1);
  });
});
