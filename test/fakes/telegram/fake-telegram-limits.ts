/**
 * Telegram's send limits as the fake enforces them: a global rate per bot, one message a second
 * per chat, and 20 a minute per group (DESIGN.md, "Platform facts to respect").
 */
import { tooManyRequests, type ApiFailure } from './fake-telegram-answers.js';

/** The limits; `Infinity` turns one off. */
export interface TelegramLimits {
  /** Messages per second for the whole bot. Default 30. */
  globalPerSecond: number;
  /** Messages per second to one chat. Default 1. */
  perChatPerSecond: number;
  /** Messages per minute to one group or supergroup (negative chat id). Default 20. */
  groupPerMinute: number;
  /**
   * How much earlier than the window's end a message still counts as in the next window: the
   * sender's clock and the fake's see a request a few milliseconds apart. Default 50 ms.
   */
  slackMs: number;
}

/** Telegram's published limits. */
export const TELEGRAM_LIMITS: TelegramLimits = { globalPerSecond: 30, perChatPerSecond: 1, groupPerMinute: 20, slackMs: 50 };

/** Sliding windows of accepted messages. */
export class SendLimits {
  private readonly global: number[] = [];
  private readonly byChat = new Map<string, number[]>();

  constructor(private readonly limits: TelegramLimits) {}

  /** A 429 when a message to `chatId` at `now` would break a limit; otherwise records it. */
  take(chatId: string, isGroup: boolean, now: number): ApiFailure | undefined {
    const chat = this.byChat.get(chatId) ?? [];
    const waits = [
      this.wait(this.global, this.limits.globalPerSecond, 1000, now),
      this.wait(chat, this.limits.perChatPerSecond, 1000, now),
      isGroup ? this.wait(chat, this.limits.groupPerMinute, 60_000, now) : 0,
    ];
    const longest = Math.max(...waits);
    if (longest > 0) return tooManyRequests(Math.max(1, Math.ceil(longest / 1000)));
    this.global.push(now);
    chat.push(now);
    this.byChat.set(chatId, chat);
    this.prune(now);
    return undefined;
  }

  /** Milliseconds until one more message fits `count` per `windowMs` in `times`; 0 when it fits now. */
  private wait(times: readonly number[], count: number, windowMs: number, now: number): number {
    if (!Number.isFinite(count)) return 0;
    const window = windowMs - this.limits.slackMs;
    const recent = times.filter((time) => time > now - window);
    if (recent.length < count) return 0;
    const oldestThatMustLeave = recent[recent.length - count] as number;
    return oldestThatMustLeave + window - now;
  }

  private prune(now: number): void {
    const keepFrom = now - 60_000;
    while ((this.global[0] ?? now) < now - 1000) this.global.shift();
    for (const [chatId, times] of this.byChat) {
      while ((times[0] ?? now) < keepFrom) times.shift();
      if (times.length === 0) this.byChat.delete(chatId);
    }
  }
}
