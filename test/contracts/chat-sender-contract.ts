/**
 * The contract every {@link ChatSender} keeps, run against the console, Discord and Telegram
 * senders alike: a later swap of a chat library is one folder and one green run of this suite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Brief } from '../../src/core/briefs/brief.js';
import { CHAT_ERROR } from '../../src/core/chat/chat-errors.js';
import { isKabarError, type KabarError } from '../../src/core/errors.js';
import type { ChatSender, Subscription } from '../../src/core/ports.js';

/** A failure a harness can make its platform answer with, on the next send. */
export type ScriptedFailure = 'gone' | 'chat-rate-limited' | 'server-error' | 'unauthorized';

/** A sender wired to something that receives its messages, as each platform's test sets it up. */
export interface ChatSenderHarness {
  sender: ChatSender;
  /** A subscription for a chat that exists on the other side. */
  subscription: Subscription;
  /** The visible text of each message the chat received, in order. */
  received(): Promise<string[]>;
  /** Makes the other side answer the next send with `failure`; undefined when the platform has no such answer (the console). */
  failNext?(failure: ScriptedFailure): void;
  close(): Promise<void>;
}

const URL = 'https://www.thenationalnews.com/news/us/2025/11/06/kazakhstan-abraham-accords/?utm_source=feed&x=1';

function brief(paragraphs: string[], extra: Partial<Brief> = {}): Brief {
  return {
    articleId: 'a1b2c3d4',
    topics: ['abraham-accords'],
    language: 'id',
    title: 'Kazakhstan siap bergabung dengan Abraham Accords',
    paragraphs,
    url: URL,
    greeting: 'As-salamu alaykum',
    closing: 'Semoga Allah membimbing para pemimpin.',
    ...extra,
  };
}

const sentence = (n: number): string => `Kalimat nomor ${n} tentang Kazakhstan dan perjanjian itu, dengan angka ${n * 7}.`;
const longBody = Array.from({ length: 40 }, (_, p) => Array.from({ length: 6 }, (_, s) => sentence(p * 6 + s)).join(' '));

async function sendAll(harness: ChatSenderHarness, subject: Brief): Promise<number> {
  const parts = harness.sender.render(harness.subscription, subject);
  for (const [index, part] of parts.entries()) {
    await harness.sender.sendPart(harness.subscription, part, { index, count: parts.length, idempotencyKey: `${subject.articleId}-${index}` });
  }
  return parts.length;
}

/** Registers the contract's tests for one sender. */
export function describeChatSenderContract(name: string, makeHarness: () => Promise<ChatSenderHarness>): void {
  describe(`ChatSender contract: ${name}`, () => {
    let harness: ChatSenderHarness;
    beforeEach(async () => {
      harness = await makeHarness();
    });
    afterEach(async () => {
      await harness.close();
    });

    it('renders the same parts for the same brief (a retry resumes where it stopped)', () => {
      const subject = brief(longBody);
      expect(harness.sender.render(harness.subscription, subject)).toEqual(harness.sender.render(harness.subscription, subject));
    });

    it('delivers a short brief as one message holding the title, the body and the whole URL', async () => {
      expect(await sendAll(harness, brief(['Paragraf pertama.', 'Paragraf kedua.']))).toBe(1);
      const [message] = await harness.received();
      expect(message).toContain('Kazakhstan siap bergabung');
      expect(message).toContain('Paragraf kedua.');
      expect(message).toContain(URL);
    });

    it('delivers a long brief in parts (as many as the platform needs) that arrive in order, every sentence once, the URL whole in the last', async () => {
      const count = await sendAll(harness, brief(longBody));
      const received = await harness.received();
      expect(received).toHaveLength(count);
      const all = received.join('\n');
      let from = 0;
      for (let n = 0; n < 240; n++) {
        const at = all.indexOf(sentence(n), from);
        expect(at, `sentence ${n} in order`).toBeGreaterThanOrEqual(from);
        from = at;
      }
      expect(received.at(-1)).toContain(URL);
    });

    it('keeps feed text that looks like markup or mentions as text', async () => {
      const hostile = '<b>bold?</b> & @everyone <@123> [click](javascript:alert(1)) </i>';
      await sendAll(harness, brief([hostile], { title: 'Title with <tags> & @here' }));
      const [message] = await harness.received();
      expect(message).toContain('<tags>');
      expect(message).toContain('&');
      expect(message).toMatch(/bold\?/);
    });

    it('maps the platform\'s answers to kabar\'s error codes', async (context) => {
      if (harness.failNext === undefined) return context.skip();
      const subject = brief(['Satu paragraf.']);
      const [part] = harness.sender.render(harness.subscription, subject);
      const attempt = (): Promise<unknown> =>
        harness.sender.sendPart(harness.subscription, part, { index: 0, count: 1, idempotencyKey: 'contract-0' }).then(
          () => undefined,
          (error: unknown) => error,
        );
      const expectations: Array<[ScriptedFailure, KabarError['kind'], string | undefined]> = [
        ['gone', 'permanent', CHAT_ERROR.gone],
        ['chat-rate-limited', 'rate-limited', CHAT_ERROR.chatRateLimited],
        ['unauthorized', 'permanent', CHAT_ERROR.unauthorized],
        ['server-error', 'retryable', undefined],
      ];
      for (const [failure, kind, code] of expectations) {
        harness.failNext(failure);
        const error = await attempt();
        expect(isKabarError(error, kind), `${failure} -> ${kind}`).toBe(true);
        if (code !== undefined) expect((error as KabarError).code).toBe(code);
        if (kind === 'rate-limited') expect((error as KabarError).retryAfterMs).toBeGreaterThan(0);
      }
      expect(await harness.received()).toEqual([]);
    });
  });
}
