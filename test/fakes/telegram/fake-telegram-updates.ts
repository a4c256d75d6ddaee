/**
 * The fake's update queue: messages a test pushes, handed out by `getUpdates` (long polling with
 * offsets, as the Bot API does) or POSTed to the webhook with its secret token.
 */
import { request } from 'node:http';

/** A Telegram user (the fields kabar reads). */
export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** A Telegram chat (the fields kabar reads). */
export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
  username?: string;
  is_forum?: boolean;
}

/** One update carrying a message. */
export interface TelegramUpdate {
  update_id: number;
  message: Record<string, unknown>;
}

/** The sender Telegram shows for anonymous group administrators (messages "sent as the group"). */
export const GROUP_ANONYMOUS_BOT: TelegramUser = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
/** The sender of messages posted in a group on behalf of a channel. */
export const CHANNEL_BOT: TelegramUser = { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' };
/** The sender of a linked channel's posts forwarded into its discussion group. */
export const TELEGRAM_SERVICE_USER: TelegramUser = { id: 777000, is_bot: false, first_name: 'Telegram' };

/** Where a webhook is, and what became of each delivery. */
export interface WebhookState {
  url: string;
  secretToken?: string;
  /** HTTP status of each delivery attempt (0: no connection), in order. */
  deliveries: Array<{ updateId: number; status: number }>;
}

interface Waiter {
  offset: number;
  limit: number;
  answer(updates: TelegramUpdate[]): void;
  /** Tells the caller a newer `getUpdates` ended this one. */
  superseded(): void;
  timer: NodeJS.Timeout;
}

/** Pending updates and who waits for them. */
export class UpdateQueue {
  private readonly pending: TelegramUpdate[] = [];
  private nextId = 1;
  private waiter: Waiter | undefined;
  private hook: WebhookState | undefined;
  private delivering = false;
  private closed = false;

  /** Queues a message; returns its update id. */
  push(message: Record<string, unknown>): number {
    const update = { update_id: this.nextId++, message };
    this.pending.push(update);
    this.wake();
    void this.deliver();
    return update.update_id;
  }

  /** Updates not yet confirmed by an offset (or delivered to the webhook). */
  unconfirmed(): TelegramUpdate[] {
    return [...this.pending];
  }

  /**
   * `getUpdates`: confirms everything before `offset`, then answers at once with what is there, or
   * waits up to `timeoutMs` for a push. A newer call ends a waiting one through its `superseded`
   * (Telegram answers it 409). Returns a function that cancels the wait.
   */
  poll(offset: number, limit: number, timeoutMs: number, answer: (updates: TelegramUpdate[]) => void, superseded: () => void): () => void {
    if (offset > 0) while ((this.pending[0]?.update_id ?? Infinity) < offset) this.pending.shift();
    const previous = this.waiter;
    if (previous !== undefined) {
      clearTimeout(previous.timer);
      this.waiter = undefined;
      previous.superseded();
    }
    const ready = this.take(offset, limit);
    if (ready.length > 0 || timeoutMs <= 0) {
      answer(ready);
      return () => undefined;
    }
    const waiter: Waiter = {
      offset,
      limit,
      answer,
      superseded,
      timer: setTimeout(() => {
        if (this.waiter === waiter) this.waiter = undefined;
        answer([]);
      }, timeoutMs),
    };
    this.waiter = waiter;
    return () => {
      clearTimeout(waiter.timer);
      if (this.waiter === waiter) this.waiter = undefined;
    };
  }

  /** The webhook, while one is set. */
  webhook(): WebhookState | undefined {
    return this.hook;
  }

  setWebhook(url: string, secretToken: string | undefined, dropPending: boolean): void {
    if (dropPending) this.pending.length = 0;
    this.hook = { url, ...(secretToken === undefined ? {} : { secretToken }), deliveries: this.hook?.url === url ? this.hook.deliveries : [] };
    void this.deliver();
  }

  deleteWebhook(dropPending: boolean): void {
    if (dropPending) this.pending.length = 0;
    this.hook = undefined;
  }

  close(): void {
    this.closed = true;
    if (this.waiter !== undefined) {
      clearTimeout(this.waiter.timer);
      this.waiter.answer([]);
      this.waiter = undefined;
    }
  }

  private take(offset: number, limit: number): TelegramUpdate[] {
    return this.pending.filter((update) => update.update_id >= offset).slice(0, limit);
  }

  private wake(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    const ready = this.take(waiter.offset, waiter.limit);
    if (ready.length === 0) return;
    clearTimeout(waiter.timer);
    this.waiter = undefined;
    waiter.answer(ready);
  }

  /** POSTs pending updates one by one to a loopback webhook, retrying until it answers 2xx. */
  private async deliver(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let hook = this.hook; hook !== undefined && !this.closed && this.pending.length > 0; hook = this.hook) {
        if (!isLoopback(hook.url)) return;
        const update = this.pending[0] as TelegramUpdate;
        const status = await post(hook.url, update, hook.secretToken);
        hook.deliveries.push({ updateId: update.update_id, status });
        if (status >= 200 && status < 300) {
          if (this.pending[0] === update) this.pending.shift();
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
  } catch {
    return false;
  }
}

function post(url: string, update: TelegramUpdate, secretToken: string | undefined): Promise<number> {
  const body = JSON.stringify(update);
  return new Promise((resolve) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(secretToken === undefined ? {} : { 'x-telegram-bot-api-secret-token': secretToken }),
        },
        timeout: 10_000,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', () => resolve(0));
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.end(body);
  });
}
